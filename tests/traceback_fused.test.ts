// Tracebacks through fused private calls: LLCALL (a frame), LLCALLK (a frame whose first
// instruction runs in the call's dispatch) and LLCALLR (`return x op y` computed without a
// frame) must report every frame, the callee's line last, exactly as the unfused
// interpreter (what runs under a tracer) does: for an error inside the callee and for
// running out of gas at every instruction.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { FUSED_BASE } from '../core/fuse.js';
import { loadModule, type LoadedModule } from '../core/load.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { MemoryState } from '../node/state.js';

const SRC = `
def _div(a: int, b: int) -> int:
    return a // b


def _addk(a: int, b: int) -> int:
    return a + 7 + _div(a, b)


def _mid(a: int, b: int) -> int:
    x = a * 2
    return _addk(x, b)


def f(a: int, b: int) -> int:
    s = 0
    for i in range(3):
        s = s + _div(a, 1)
    return s + _mid(a, b)
`;

// Form numbers of core/fuse.ts (a const enum, not visible at run time here)
const LLCALL = 18;
const LLCALLR = 29;

function call(mod: LoadedModule, args: bigint[], gasLimit: number, traced: boolean): Receipt {
  const ex = mod.byName.get('f')!;
  return executeCall({
    module: mod,
    calldata: new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args as never)]),
    gasLimit,
    tx: defaultTx(),
    block: defaultBlock(),
    state: new MemoryState(),
    tracer: traced ? () => {} : undefined,
  });
}

const frames = (r: Receipt) => (r.error?.traceback ?? []).map((t) => `${t.function}:${t.location?.line}:${t.location?.col}`);

describe('tracebacks through fused private calls', () => {
  const mod = loadModule(compileSource(SRC, { file: 'c.py' }).module);
  const forms = new Set<number>();
  for (const fn of mod.funcs) for (const o of fn.offsets) if (fn.fast[o] >= FUSED_BASE) forms.add((fn.fast[o] - FUSED_BASE) >> 5);

  test('the program fuses its calls (LLCALL and LLCALLR at least)', () => {
    expect(forms.has(LLCALL)).toBe(true);
    expect(forms.has(LLCALLR)).toBe(true);
  });

  test('an error in the innermost callee shows every frame, the callee last', () => {
    for (const traced of [false, true]) {
      const r = call(mod, [5n, 0n], 1_000_000, traced);
      expect(r.status).toBe('ERROR');
      expect(r.error?.kind).toBe('ZeroDivisionError');
      expect(frames(r)).toEqual(['f:19:16', '_mid:12:12', '_addk:7:20', '_div:3:12']);
    }
  });

  test('out of gas at every limit: the same frames fused and unfused', () => {
    const full = call(mod, [5n, 1n], 1_000_000, false);
    expect(full.status).toBe('SUCCESS');
    let inCallee = 0;
    for (let g = 400; g <= full.gasUsed; g++) {
      const fused = call(mod, [5n, 1n], g, false);
      const plain = call(mod, [5n, 1n], g, true);
      expect(fused.status, `gas ${g}`).toBe(plain.status);
      expect(frames(fused), `gas ${g}`).toEqual(frames(plain));
      if (fused.status === 'OOG' && frames(fused).at(-1)?.startsWith('_div')) inCallee++;
    }
    // some limits run out inside _div, called from f's loop (LLCALLR) and from _addk
    expect(inCallee).toBeGreaterThan(5);
  });
});
