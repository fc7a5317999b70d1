// Outcomes independent of the host's stack: a contract-sized array spread into the arguments
// of a JS function (String.fromCharCode(...reason), Math.min(...lengths)) overflowed a small
// native stack, so a revert with a 60,000-byte reason, zip(*rows) over 65,536 rows or
// b"".hex() with a long separator ended with an internal error (no receipt) under
// --stack-size=300 and with a receipt under the default stack.
import { expect, test } from 'vitest';
import { bundleWithScript, runScript } from './helpers/bundled_process.js';

const SOURCE = `from stdlib import abi

def revert_long(n: int) -> int:
    abi.revert(b"x" * n)
    return 0

def require_long(n: int) -> int:
    abi.require(n < 0, "y" * n)
    return 0

def zip_wide(n: int) -> int:
    rows = [[1]] * n
    return len(list(zip(*rows)))

def hex_sep(n: int) -> int:
    return len(b"ab".hex(b"x" * n))
`;

const SCRIPT = `
import { call, deploy, compileSource, MemoryState, defaultTx, defaultBlock } from './vmpy.mjs';
const hex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const state = new MemoryState();
const code = compileSource(${JSON.stringify(SOURCE)}).bytes;
const d = deploy({ contract: { code }, gasLimit: 1e7, tx: defaultTx(), block: defaultBlock(), state });
const out = [];
for (const [fn, n] of [['revert_long', 60000], ['revert_long', 300000], ['require_long', 1000000], ['zip_wide', 65536], ['hex_sep', 200000]]) {
  const r = call({ input: { fn, args: [n] }, gasLimit: 1e9, tx: { ...defaultTx(), to: d.created.address }, block: defaultBlock(), state });
  out.push([fn, n, r.status, r.error ? r.error.kind ?? r.error.code : '', r.gasUsed, hex(r.encoded)].join(' '));
}
process.stdout.write(out.join('\\n'));
`;

test('long arrays never reach a JS argument list: same receipts under --stack-size=300, default and 8000', async () => {
  const dir = await bundleWithScript('vmpy-spreads-', SCRIPT);
  const [small, dflt, big] = await Promise.all([runScript(dir, ['--stack-size=300'], []), runScript(dir, [], []), runScript(dir, ['--stack-size=8000'], [])]);
  expect(small).toBe(dflt);
  expect(big).toBe(dflt);
  const lines = dflt.split('\n').map((l) => l.split(' ').slice(0, 4).join(' '));
  expect(lines).toEqual([
    'revert_long 60000 REVERT REVERT',
    'revert_long 300000 REVERT REVERT',
    'require_long 1000000 REVERT REVERT',
    'zip_wide 65536 SUCCESS ',
    'hex_sep 200000 ERROR ValueError',
  ]);
}, 120_000);
