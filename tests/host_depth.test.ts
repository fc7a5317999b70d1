// Outcomes independent of the host: the same adversarial calls (4,000-deep nested values
// compared with ==, <, in, used as a dict key, sorted; a large event) give byte-identical
// receipts under a tiny, the default and a huge native stack, cold and after warm-up. Depth
// is counted by the walks themselves (limits.max_value_depth), never read off a RangeError.
import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { bundleWithScript, runScript } from './helpers/bundled_process.js';
import { DEFAULT_LIMITS } from '../spec/table.js';

const LIMIT = DEFAULT_LIMITS.max_value_depth;
const FNS = ['eq', 'lt', 'member', 'key', 'srt'];
// just inside the limit, at it, one past it, far past it
const DEPTHS = [LIMIT - 1, LIMIT, LIMIT + 1, 4000];
const WARM = 40;

const SCRIPT = `
import { readFileSync } from 'node:fs';
import { call, deploy, MemoryState, defaultTx, defaultBlock } from './vmpy.mjs';
const dir = process.argv[2];
const fns = JSON.parse(process.argv[3]);
const depths = JSON.parse(process.argv[4]);
const warm = Number(process.argv[5]);
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const state = new MemoryState();
const source = readFileSync(dir + '/contract.py', 'utf8');
const manifest = JSON.parse(readFileSync(dir + '/manifest.json', 'utf8'));
const d = deploy({ contract: { manifest, source }, gasLimit: 1e6, tx: defaultTx(), block: defaultBlock(), state });
const tx = { ...defaultTx(), to: d.created.address };
const one = (fn, n) => call({ input: { fn, args: [n] }, gasLimit: 1e8, tx, block: defaultBlock(), state });
const out = [];
for (const fn of fns) {
  for (const n of depths) {
    const cold = one(fn, n);
    // warm-up: the same call many times in one process must not change a byte
    let same = true;
    for (let i = 0; i < warm; i++) if (hex(one(fn, n).encoded) !== hex(cold.encoded)) same = false;
    out.push([fn, n, cold.status, cold.error ? cold.error.kind ?? cold.error.code : '', cold.gasUsed, same, hex(cold.encoded)].join(' '));
  }
}
const ev = one('big_event', 60000);
out.push(['big_event', 60000, ev.status, '', ev.gasUsed, true, hex(ev.encoded)].join(' '));
process.stdout.write(out.join('\\n'));
`;

function run(dir: string, flags: string[]): Promise<string> {
  return runScript(dir, flags, [resolve('tests/fixtures/deep'), JSON.stringify(FNS), JSON.stringify(DEPTHS), String(WARM)]);
}

test('deep values: same receipts under --stack-size=300, default and 8000, cold and warm', async () => {
  const dir = await bundleWithScript('vmpy-depth-', SCRIPT);
  const [small, dflt, big] = await Promise.all([run(dir, ['--stack-size=300']), run(dir, []), run(dir, ['--stack-size=8000'])]);
  expect(dflt).toBe(small);
  expect(big).toBe(small);
  const rows = small.split('\n').map((l) => l.split(' '));
  expect(rows.length).toBe(FNS.length * DEPTHS.length + 1);
  for (const [fn, n, status, kind, gas, same] of rows) {
    expect(same, `${fn}(${n}) changed after warm-up`).toBe('true');
    expect(Number(gas)).toBeGreaterThan(0);
    if (fn === 'big_event') expect(status).toBe('SUCCESS');
    else if (Number(n) <= LIMIT) expect([fn, n, status]).toEqual([fn, n, 'SUCCESS']);
    else expect([fn, n, status, kind]).toEqual([fn, n, 'ERROR', 'RecursionError']);
  }
}, 120_000);
