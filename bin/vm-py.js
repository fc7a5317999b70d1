#!/usr/bin/env node
// Launcher: the CLI is bundled to dist/ by `npm ci` (the prepare script).
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/vm-py.mjs', import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write('vm-py is not built: run `npm ci` (or `npm run build`) in the vm-py directory\n');
  process.exit(2);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
