// Replays tests/regressions/*.ir.hex: each must load, and every export, called with its bare
// selector, must end in exactly the receipt tests/regressions/expected.json pins (status,
// gas, error, return bytes): the typed error each fix introduced, not just "some receipt".
// A cost changed on purpose: `npm run vectors:regen` rewrites expected.json too.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultBlock, defaultTx } from '../core/context.js';
import { bytesToHex } from '../core/hex.js';
import { loadBytes } from '../core/load.js';
import { executeCall } from '../node/execute.js';
import { MemoryState } from '../node/state.js';

const dir = 'tests/regressions';
const expectedPath = `${dir}/expected.json`;
const files = readdirSync(dir)
  .filter((x) => x.endsWith('.ir.hex'))
  .sort();

function outcomes(file: string) {
  const mod = loadBytes(Buffer.from(readFileSync(`${dir}/${file}`, 'utf8').trim(), 'hex'));
  return mod.ir.exports.map((ex) => {
    const r = executeCall({ module: mod, calldata: ex.selector, gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() });
    return { selector: bytesToHex(ex.selector), status: r.status, gasUsed: r.gasUsed, error: r.error, returnData: bytesToHex(r.returnData) };
  });
}

const actual = Object.fromEntries(files.map((f) => [f, outcomes(f)]));
if (process.env.VMPY_REGEN_VECTORS) writeFileSync(expectedPath, JSON.stringify(actual, null, 1) + '\n');
const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : {};

describe('regressions', () => {
  test('every module has pinned outcomes, and every pinned module exists', () => {
    expect(Object.keys(expected).sort()).toEqual(files);
  });
  for (const f of files) {
    test(f, () => {
      expect(actual[f].length).toBeGreaterThan(0);
      expect(actual[f]).toEqual(expected[f]);
    });
  }
  // what each fix is about, by hand, so a regenerated expected.json cannot quietly lose it
  test('the fixes hold: typed errors where JS once threw', () => {
    const kinds = (f: string) => actual[f].map((o) => o.error?.kind ?? o.status);
    expect(kinds('list-append-to-non-list.ir.hex')).toContain('InvalidProgram');
    expect(kinds('isinstance-bigint-mask.ir.hex')).toEqual(['TypeError']);
  });
});
