// Host independence of cross-contract calls (spec/CALLS.md §9): a chain of calls to the
// depth limit, and one past it, each frame also running a deep internal call chain, the
// innermost doing a comparison of values nested to limits.max_value_depth, gives
// byte-identical receipts under a tiny, the default and a huge native stack, cold and warm.
// Each cross-contract call takes the host's native stack once; the outcome must never
// depend on how much of it there is.
import { expect, test } from 'vitest';
import { bundleWithScript, runScript } from './helpers/bundled_process.js';
import { relayChainScript } from './helpers/relay_chain.js';
import { DEFAULT_LIMITS } from '../spec/table.js';

const MAX = DEFAULT_LIMITS.max_contract_depth;
const INTERNAL = DEFAULT_LIMITS.max_call_depth;
const VALUE_DEPTH = DEFAULT_LIMITS.max_value_depth;

// internal frames per contract frame: the table's limit less the hop frame and _deep's
// (recursion is not allowed, so the chain is spelled out)
const FRAMES = INTERNAL - 2;
const CHAIN = Array.from({ length: FRAMES }, (_, k) =>
  k + 1 < FRAMES ? `def _d${k}(n: int) -> int:\n    return _d${k + 1}(n) + 1\n` : `def _d${k}(n: int) -> int:\n    return n\n`,
).join('\n');

const RELAY = `from stdlib import contracts, events

${CHAIN}

def _deep(n: int) -> int:
    x = []
    y = []
    for i in range(n):
        x = [x]
        y = [y]
    return int(x == y)

def hop(targets: list[bytes], i: int, frames: int, nest: int) -> int:
    events.emit(b"Hop", {"i": i})
    d = _d0(frames)
    if i == len(targets):
        return _deep(nest) + d
    return contracts.call(targets[i], "hop", [targets, i + 1, frames, nest]) + 1

def soft(targets: list[bytes], frames: int, nest: int) -> bytes:
    ok, r = contracts.try_call(targets[0], "hop", [targets, 1, frames, nest])
    if ok:
        return b"ok"
    return r
`;

const SCRIPT = `
import { call, deploy, compileSource, MemoryState, defaultTx, defaultBlock } from './vmpy.mjs';
const [max, vdepth, warm] = JSON.parse(process.argv[2]);
${relayChainScript(RELAY)}const frames = 0;
const cases = [
  ['hop', [targets(max), 0, frames, vdepth]],
  ['hop', [targets(max + 1), 0, frames, vdepth]],
  ['soft', [targets(max + 1), frames, vdepth]],
  ['hop', [targets(max), 0, frames, vdepth + 1]],
];
const out = [];
for (const [fn, args] of cases) {
  const cold = one(fn, args);
  let same = true;
  for (let i = 0; i < warm; i++) if (hex(one(fn, args).encoded) !== hex(cold.encoded)) same = false;
  out.push([fn, args[0].length, args[args.length - 1], cold.status, cold.error ? cold.error.kind ?? cold.error.code : '', cold.gasUsed, same, hex(cold.encoded)].join(' '));
}
process.stdout.write(out.join('\\n'));
`;

function run(dir: string, flags: string[]): Promise<string> {
  return runScript(dir, flags, [JSON.stringify([MAX, VALUE_DEPTH, 3])]);
}

test('calls to the depth limit: same receipts under --stack-size=200, 300, default and 8000, cold and warm', async () => {
  const dir = await bundleWithScript('vmpy-calldepth-', SCRIPT);
  // 200: the margin spec/CALLS.md §9 claims (a third below the smallest stack required)
  const [tiny, small, dflt, big] = await Promise.all([
    run(dir, ['--stack-size=200']),
    run(dir, ['--stack-size=300']),
    run(dir, []),
    run(dir, ['--stack-size=8000']),
  ]);
  expect(tiny).toBe(small);
  expect(dflt).toBe(small);
  expect(big).toBe(small);
  const rows = small.split('\n').map((l) => l.split(' '));
  expect(rows.map((r) => [r[0], r[3], r[4], r[6]])).toEqual([
    ['hop', 'SUCCESS', '', 'true'],
    ['hop', 'ERROR', 'RecursionError', 'true'],
    ['soft', 'SUCCESS', '', 'true'],
    ['hop', 'ERROR', 'RecursionError', 'true'],
  ]);
}, 300_000);
