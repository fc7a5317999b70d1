// Outcomes independent of the host for the adversarial set (tests/fixtures/adversarial):
// dict keys of every kind and size, colliding int keys, deep membership and ordering, text
// search, astral strs, sorting (and a sort stopped by a TypeError), conversions and bytes.
// Each case runs to completion and again with 60% of its gas (an out-of-gas point inside the
// attacked work), under a tiny, the default and a huge native stack, cold and after warm-up
// in one process; the receipts must be byte-identical everywhere.
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { bundleWithScript, runScript } from './helpers/bundled_process.js';
import { collidingInts } from './helpers/v8_int_hash.js';

const WARM = 8;

const CASES: [string, unknown[]][] = [
  ['dict_bytes_key', [70000, 3]],
  ['dict_str_key', [20000, 3]],
  ['dict_tuple_key', [300, 3]],
  ['dict_big_key', [1400, 3]],
  ['dict_keys', [collidingInts(512, 0xfff), 1]],
  ['member_deep', [30, 2]],
  ['index_deep', [30, 2]],
  ['lt_deep', [30, 2]],
  ['bytes_in', [20000, 2]],
  ['bytes_find', [20000, 2]],
  ['str_find', [20000, 2]],
  ['str_in', [20000, 2]],
  ['startswith', [20000, 2]],
  ['astral_len', [20000, 3]],
  ['sorted_list', [500, 2]],
  ['sorted_deep', [200, 1]],
  ['hex_bytes', [5000, 2]],
  ['int_parse', [1200, 2]],
  ['int_str', [1400, 2]],
  ['del_middle', [2000, 10]],
  ['to_bytes', [1400, 3]],
  ['from_bytes', [512, 3]],
  ['to_bytes32', [0, 3]],
  ['from_bytes32', [0, 3]],
  ['pow_mod', [300, 1]],
  ['bytes_concat', [0, 50]],
  ['sort_type_error', [300, 1]],
];

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { compileSource, encodeModule, loadCode, executeCall, encodeArgs, encodeReceipt, MemoryState, defaultTx, defaultBlock } from './vmpy.mjs';
const [file, casesJson, warmArg] = process.argv.slice(2);
const module = loadCode(encodeModule(compileSource(readFileSync(file, 'utf8'), { file: 'contract.py' }).module));
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const one = (fn, args, gasLimit) => {
  const ex = module.byName.get(fn);
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args)]);
  return executeCall({ module, calldata, gasLimit, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() });
};
const out = [];
for (const [fn, args] of JSON.parse(casesJson)) {
  const full = one(fn, args, 1e10);
  const part = Math.floor(full.gasUsed * 0.6);
  for (const limit of [1e10, part]) {
    const cold = one(fn, args, limit);
    let same = true;
    for (let i = 0; i < Number(warmArg); i++) if (hex(encodeReceipt(one(fn, args, limit))) !== hex(encodeReceipt(cold))) same = false;
    out.push([fn, limit, cold.status, cold.error ? cold.error.kind ?? cold.error.code : '', cold.gasUsed, same, hex(encodeReceipt(cold))].join(' '));
  }
}
process.stdout.write(out.join('\\n'));
`;

function run(dir: string, flags: string[]): Promise<string> {
  return runScript(dir, flags, [resolve('tests/fixtures/adversarial/contract.py'), JSON.stringify(CASES), String(WARM)]);
}

test('adversarial set: same receipts under --stack-size=300, default and 8000, cold and warm, full gas and out of gas', async () => {
  const dir = await bundleWithScript('vmpy-adv-', SCRIPT);
  const [small, dflt, big] = await Promise.all([run(dir, ['--stack-size=300']), run(dir, []), run(dir, ['--stack-size=8000'])]);
  expect(dflt).toBe(small);
  expect(big).toBe(small);
  const rows = small.split('\n').map((l) => l.split(' '));
  expect(rows.length).toBe(2 * CASES.length);
  for (let i = 0; i < rows.length; i += 2) {
    const [fn, , status, kind, , same] = rows[i];
    const [, , partStatus, , partGas, partSame] = rows[i + 1];
    expect([fn, same, partSame]).toEqual([fn, 'true', 'true']);
    if (fn === 'sort_type_error') expect([status, kind]).toEqual(['ERROR', 'TypeError']);
    else expect([fn, status]).toEqual([fn, 'SUCCESS']);
    // 60% of the gas stops inside the call: all of the limit is used
    expect([fn, partStatus, Number(partGas)]).toEqual([fn, 'OOG', Math.floor(Number(rows[i][4]) * 0.6)]);
  }
}, 180_000);
