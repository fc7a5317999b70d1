#!/usr/bin/env node
'use strict';
// Launcher: the CLI is bundled to dist/ by `npm ci` (the prepare script).
const { loadCli } = require('./load-cli.js');

const cli = loadCli();
if (cli === null) {
  process.stderr.write('vm-py is not built: run `npm ci` (or `npm run build`) in the vm-py directory\n');
  process.exit(2);
}
cli.exports.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
