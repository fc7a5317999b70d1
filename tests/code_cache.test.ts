// node/code_cache.ts: code read as a new array each time (as a database store returns it)
// finds the module loaded from equal bytes; bytes that differ anywhere, even where the
// lookup's sample does not look, never do.
import { expect, test } from 'vitest';
import { loadCode } from '../node/code_cache.js';
import { VmPyError } from '../spec/errors.js';
import { TOKEN_CODE } from './helpers/chain.js';

test('equal bytes in a new array give the same module; other bytes of the same length do not', () => {
  const m = loadCode(TOKEN_CODE);
  expect(loadCode(TOKEN_CODE.slice())).toBe(m);
  expect(loadCode(Uint8Array.from(TOKEN_CODE))).toBe(m);
  // index 1 is between the sampled bytes (the code is longer than 512 bytes): only the whole comparison sees it
  expect(TOKEN_CODE.length).toBeGreaterThan(512);
  const other = TOKEN_CODE.slice();
  other[1] ^= 0xff;
  let got: unknown;
  try {
    got = loadCode(other);
  } catch (e) {
    // a changed byte may make the IR invalid: a typed error, never the cached module
    expect(e).toBeInstanceOf(VmPyError);
    got = e;
  }
  expect(got).not.toBe(m);
});
