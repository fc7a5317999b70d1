'use strict';
// Loads the CLI bundle (dist/vm-py.cjs, written by `npm ci` through the build) the way
// Node's own CommonJS loader does, but hands V8 the code cache made at build time: a cold
// `vm-py run` otherwise spends ~20 ms parsing and compiling the bundle before doing anything.
// Only our own shipped file is compiled here, never contract input (contracts are
// interpreted, not turned into JS). The cache is named by the bundle's build id, so a
// rebuilt bundle never meets an old cache; V8 itself rejects a cache made by another
// V8 version or flags, and then compiles the source as usual.
const { readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, '../dist/vm-py.cjs');
const ID_PREFIX = '//vm-py build ';

function cachePath(src) {
  if (!src.startsWith(ID_PREFIX)) return null;
  const id = src.slice(ID_PREFIX.length, src.indexOf('\n'));
  return /^[0-9a-f]{32}$/.test(id) ? join(__dirname, `../dist/vm-py.${id}.v8cache`) : null;
}

/** The bundle's exports and its Script (for making the cache), or null if it is not built. */
function loadCli() {
  let src; // ASCII (scripts/build.mjs checks), so latin1 reads it exactly and without UTF-8 decoding
  try {
    src = readFileSync(BUNDLE, 'latin1');
  } catch {
    return null;
  }
  const cache = cachePath(src);
  let cachedData;
  if (cache !== null) {
    try {
      cachedData = readFileSync(cache);
    } catch {
      // no cache (not made yet, or removed): compile from source
    }
  }
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${src}\n})`, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, BUNDLE, dirname(BUNDLE));
  return { exports: module.exports, script, cache };
}

module.exports = { loadCli };
