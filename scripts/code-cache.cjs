'use strict';
// Makes dist/vm-py.<build id>.v8cache (read by bin/load-cli.js): V8's code cache for the CLI
// bundle, taken after a representative warm `vm-py run`, so the functions that path compiles
// are in it. Run by scripts/build.mjs in a child process; argv: a state file path whose
// directory already holds a warm IR cache for the counter example.
const { renameSync, writeFileSync } = require('node:fs');
const { loadCli } = require('../bin/load-cli.js');

async function makeCache() {
  const state = process.argv[2];
  const cli = loadCli();
  if (cli === null || cli.cache === null) throw new Error('code-cache: the CLI bundle is missing or has no build id line');
  const code = await cli.exports.main(['run', '--manifest', 'examples/counter/manifest.json', '--call', 'inc', '--state', state]);
  if (code !== 0) throw new Error(`code-cache: the warm-up run exited ${code}`);
  const tmp = `${cli.cache}.${process.pid}.tmp`;
  writeFileSync(tmp, cli.script.createCachedData());
  renameSync(tmp, cli.cache);
}

makeCache().catch((e) => {
  process.stderr.write(`${e.message}\n`);
  process.exitCode = 1;
});
