// Parity of the two ways the interpreter runs code: fused (superinstructions, chunked gas
// counter; the normal path) and unfused (every original instruction charged on its own;
// what runs when a tracer is set). Random programs, random arguments and random gas limits
// (so that OOG lands anywhere) must give identical receipts.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { VerifyError } from '../spec/errors.js';
import type { IRModule } from '../compiler/ir.js';
import { selectorOf } from '../compiler/selector.js';
import { DEFAULT_LIMITS, Op, type Limits } from '../spec/table.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { loadModule, type LoadedModule } from '../core/load.js';
import { FUSED_BASE, NFORMS } from '../core/fuse.js';
import { MemoryState } from '../node/state.js';
import { tracedCall } from './helpers/traced_call.js';

const VARS = ['a', 'b', 'c', 'd'];
const INTS = [
  '0',
  '1',
  '2',
  '3',
  '7',
  '-1',
  '-5',
  '255',
  '2147483647',
  '-2147483648',
  '4294967296',
  '9007199254740991',
  '-9007199254740991',
  '2**64',
  '2**255 - 19',
  '-(2**70)',
];
const BIN = ['+', '-', '*', '//', '%', '&', '|', '^', '>>'];
const CMP = ['<', '<=', '>', '>=', '==', '!='];

const leaf = fc.oneof(fc.constantFrom(...VARS), fc.constantFrom(...INTS), fc.integer({ min: -100, max: 100 }).map(String));
const expr: fc.Arbitrary<string> = fc.letrec<{ e: string }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc.tuple(tie('e'), fc.constantFrom(...BIN), tie('e')).map(([x, o, y]) => (o === '>>' ? `(${x} >> (${y} % 40))` : `(${x} ${o} ${y})`)),
    fc.tuple(tie('e'), fc.constantFrom(...CMP), tie('e')).map(([x, o, y]) => `(${x} ${o} ${y})`),
    fc.tuple(tie('e'), tie('e')).map(([x, y]) => `_h(${x}, ${y})`),
    fc.tuple(fc.constantFrom('_g', '_k', '_m', '_n'), tie('e'), tie('e')).map(([g, x, y]) => `${g}(${x}, ${y})`),
    tie('e').map((x) => `(-${x})`),
  ),
})).e;
const cond = fc
  .tuple(fc.constantFrom(...VARS), fc.constantFrom(...CMP), fc.oneof(fc.constantFrom(...VARS), fc.constantFrom(...INTS)))
  .map(([x, o, y]) => `${x} ${o} ${y}`);

let loopId = 0;
const stmt: fc.Arbitrary<string[]> = fc.letrec<{ s: string[]; body: string[] }>((tie) => ({
  s: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.tuple(fc.constantFrom(...VARS), expr).map(([v, e]) => [`${v} = ${e}`]),
    fc.tuple(fc.constantFrom(...VARS), fc.constantFrom('+', '-', '*'), expr).map(([v, o, e]) => [`${v} ${o}= ${e}`]),
    fc.tuple(cond, tie('body'), tie('body')).map(([c, x, y]) => [`if ${c}:`, ...x.map((l) => '    ' + l), 'else:', ...y.map((l) => '    ' + l)]),
    fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...VARS), tie('body')).map(([n, v, x]) => {
      const i = `i${loopId++}`;
      return [`for ${i} in range(${n}):`, `    ${v} = ${v} + ${i}`, ...x.map((l) => '    ' + l)];
    }),
    fc.tuple(fc.integer({ min: 0, max: 5 }), cond, tie('body')).map(([n, c, x]) => {
      const k = `k${loopId++}`;
      return [`${k} = 0`, `while ${k} < ${n} and ${c}:`, `    ${k} = ${k} + 1`, ...x.map((l) => '    ' + l)];
    }),
    fc.tuple(fc.integer({ min: 0, max: 5 }), fc.boolean(), tie('body')).map(([n, viaLocal, x]) => {
      const k = `k${loopId++}`;
      const head = viaLocal ? [`${k}m = ${n}`, `${k} = 0`, `while ${k} < ${k}m:`] : [`${k} = 0`, `while ${k} < ${n}:`];
      return [...head, `    ${k} = ${k} + 1`, ...x.map((l) => '    ' + l)];
    }),
    fc.tuple(fc.constantFrom(...VARS), expr, expr, tie('body')).map(([v, e1, e2, x]) => {
      const y = `y${loopId++}`;
      return [`for ${y} in [${e1}, ${e2}, ${v}]:`, `    ${v} = ${v} + ${y}`, ...x.map((l) => '    ' + l)];
    }),
    cond.map((c) => [`assert ${c}, b"no"`]),
    // list appends (APPEND; last in a range loop APPJFRST) and sums over the list (LLOPSTJFIST)
    fc.constantFrom(...VARS).map((v) => [`xs.append(${v})`]),
    expr.map((e) => [`xs.append(${e})`]),
    fc.tuple(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...VARS)).map(([n, v]) => [`for i${loopId++} in range(${n}):`, `    xs.append(${v})`]),
    fc.constantFrom(...VARS).map((v) => {
      const y = `y${loopId++}`;
      return [`for ${y} in xs:`, `    ${v} = ${v} + ${y}`];
    }),
  ),
  body: fc.array(tie('s'), { minLength: 1, maxLength: 3 }).map((xs) => xs.flat()),
})).s;

const program = fc.array(stmt, { minLength: 1, maxLength: 6 }).map((ss) => {
  const body = ss.flat().map((l) => '    ' + l);
  return [
    'def _h(x: int, y: int) -> int:',
    '    if x > y:',
    '        return x - y',
    '    return x * 2 + y % 3',
    '',
    // entries LLKOP then OPRET: calls of them fuse to LLCALLK
    'def _g(x: int, y: int) -> int:',
    '    return x + (y & 7)',
    '',
    'def _k(x: int, y: int) -> int:',
    '    return x * (y - 3)',
    '',
    // `return x op y` on the parameters: calls of them fuse to LLCALLR
    'def _m(x: int, y: int) -> int:',
    '    return y - x',
    '',
    'def _n(x: int, y: int) -> int:',
    '    return x * y',
    '',
    'def f(a: int, b: int, c: int) -> int:',
    '    if a > 1000:',
    '        d = a',
    '    xs = [a, b]',
    ...body,
    '    return a + b + c + len(xs)',
    '',
  ].join('\n');
});

const arg = fc.oneof(fc.integer({ min: -50, max: 2000 }), fc.constantFrom(2 ** 31 - 1, 2 ** 53 - 1, -(2 ** 53) + 1)).map((x) => BigInt(x));

function call(mod: LoadedModule, args: bigint[], gasLimit: number, traced: boolean): Receipt {
  return tracedCall(mod, 'f', args, gasLimit, traced);
}

function view(r: Receipt): unknown {
  return {
    status: r.status,
    gasUsed: r.gasUsed,
    ret: Buffer.from(r.returnData).toString('hex'),
    reason: r.revertReason && Buffer.from(r.revertReason).toString(),
    err: r.error,
    logs: r.logs,
  };
}

describe('fused and unfused execution agree', () => {
  test('random programs, arguments and gas limits give identical receipts', () => {
    let compiled = 0;
    const forms = new Set<number>();
    fc.assert(
      fc.property(program, fc.tuple(arg, arg, arg), fc.array(fc.integer({ min: 0, max: 1 << 20 }), { minLength: 3, maxLength: 3 }), (src, args, cuts) => {
        // the generator writes only programs the checker accepts: a refusal (or a crash) fails here
        const mod = loadModule(compileSource(src).module);
        compiled++;
        for (const f of mod.funcs) for (const o of f.offsets) if (f.fast[o] >= FUSED_BASE) forms.add((f.fast[o] - FUSED_BASE) >> 5);
        const full = call(mod, args, 5_000_000, false);
        expect(view(full)).toEqual(view(call(mod, args, 5_000_000, true)));
        // gas limits around and inside the run: OOG at arbitrary instructions
        for (const c of cuts) {
          const g = 400 + (c % (full.gasUsed + 20));
          expect(view(call(mod, args, g, false))).toEqual(view(call(mod, args, g, true)));
        }
        // a limit past the 2^29 chunk of the hot gas counter
        const big = 2 ** 40 + 12345;
        expect(view(call(mod, args, big, false))).toEqual(view(call(mod, args, big, true)));
      }),
      { numRuns: Number(process.env.VMPY_PARITY_RUNS ?? 300) },
    );
    expect(compiled).toBeGreaterThan(50);
    // every superinstruction form was exercised
    expect([...forms].sort((a, b) => a - b)).toEqual(Array.from({ length: NFORMS }, (_, i) => i));
  });

  test('fused loops with big values and errors stop exactly where unfused ones do', () => {
    const src = `
def _h(x: int, y: int) -> int:
    return x // y

def f(a: int, b: int, c: int) -> int:
    s = 0
    for i in range(a):
        s = s + i * 3 % 7
        if i == b:
            s = s + 2**62
        if i == c:
            s = _h(s, 0)
    i = 0
    while i < a:
        i = i + 1
    return s + i
`;
    const mod = loadModule(compileSource(src).module);
    for (const [a, b, c] of [
      [50, 20, 99],
      [50, 99, 30],
      [0, 0, 0],
      [40, 10, 10],
    ]) {
      const args = [BigInt(a), BigInt(b), BigInt(c)];
      const full = call(mod, args, 5_000_000, false);
      for (let g = 400; g <= full.gasUsed + 2; g += 1) {
        expect(view(call(mod, args, g, false))).toEqual(view(call(mod, args, g, true)));
      }
    }
  });

  test('hand-written IR whose stores name the loop state slots runs the same fused and unfused', () => {
    // f(n): for-range loops whose loop variable STORE (and a body store) target the hidden
    // loop slots 1..3 themselves, which the compiler never emits but IR may contain
    const ins = (op: number, ...args: number[]) => ({ op, args });
    let loaded = 0;
    for (const [storeSlot, bodySlot] of [
      [1, 4],
      [2, 4],
      [3, 4],
      [4, 1],
      [4, 2],
      [4, 3],
      [4, 4],
    ]) {
      const ir: IRModule = {
        consts: [0n, 1n],
        funcs: [
          {
            name: 'f',
            isPublic: true,
            nparams: 1,
            nlocals: 5,
            code: [
              ins(Op.CONST, 0), // 0
              ins(Op.STORE, 4), // 1
              ins(Op.LOAD, 0), // 2
              ins(Op.RANGE_INIT, 1, 1), // 3
              ins(Op.FOR_RANGE, 1, 10), // 4
              ins(Op.STORE, storeSlot), // 5
              ins(Op.LOAD, 4), // 6
              ins(Op.CONST, 1), // 7
              ins(Op.ADD), // 8
              ins(Op.STORE, bodySlot), // 9 (then falls into the back edge)
              ins(Op.JUMP, 4), // 10 -- patched below
              ins(Op.LOAD, 4), // 11
              ins(Op.RETURN), // 12
            ],
          },
        ],
        exports: [{ selector: selectorOf('f', ['int']), func: 0, params: ['int'], returns: 'int' }],
        debug: null,
      };
      ir.funcs[0].code[4] = ins(Op.FOR_RANGE, 1, 11);
      let mod: LoadedModule;
      try {
        mod = loadModule(ir);
      } catch (e) {
        // the verifier may refuse a shape (then there is nothing to run), with a typed error only
        expect(e, `slots ${storeSlot}/${bodySlot}`).toBeInstanceOf(VerifyError);
        continue;
      }
      loaded++;
      for (const n of [0n, 1n, 5n, 40n]) {
        const ex = mod.byName.get('f')!;
        const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [n] as never)]);
        const run = (traced: boolean, gasLimit: number) =>
          view(
            executeCall({
              module: mod,
              calldata,
              gasLimit,
              tx: defaultTx(),
              block: defaultBlock(),
              state: new MemoryState(),
              tracer: traced ? () => {} : undefined,
            }),
          );
        const full = executeCall({ module: mod, calldata, gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() });
        for (let g = 400; g <= Math.min(full.gasUsed + 2, 3000); g += 7) expect(run(false, g)).toEqual(run(true, g));
        expect(run(false, 100_000)).toEqual(run(true, 100_000));
      }
    }
    expect(loaded).toBeGreaterThan(3);
  });

  test('list appends and private calls fail at the same limits fused and unfused', () => {
    // APPEND/APPJFRST/APPOP at the list length cap and the memory cap; LLCALLK at the call depth
    // and operand stack limits (LLCALLR too); bigint arguments that send the fused forms to
    // the slow path
    const src = `
def _g(x: int, y: int) -> int:
    return x + (y & 7)

def _m(x: int, y: int) -> int:
    return y - x

def _p(n: int, x: int) -> int:
    y = n - (x * 2)
    return _m(n, y) + _g(y, n)

def f(a: int, b: int, c: int) -> int:
    xs = [a, b]
    for i in range(c):
        xs.append(i)
    s = 0
    for y in xs:
        s = s + y
    d = _g(a, b)
    xs.append(d)
    d = _m(a, d)
    xs.append(d)
    for i in range(c):
        xs.append(b)
        xs.append(i + b)
    return s + len(xs) + _p(a, b)
`;
    const limitSets: Partial<Limits>[] = [
      {},
      { max_container_len: 5 },
      { max_container_len: 12 },
      { max_memory_bytes: 150 },
      { max_memory_bytes: 300 },
      { max_call_depth: 1 },
      { max_call_depth: 2 },
    ];
    for (const stack of [20, 24, 28, 32]) limitSets.push({ max_stack: stack });
    const seen = sweepFusedUnfused(src, limitSets, [
      [3n, 9n, 4n],
      [2n ** 70n, 1n, 3n],
      [5n, 2n ** 62n, 2n],
      [-7n, 0n, 8n],
    ]);
    // the limits above are reached: each error the fused forms must leave to the unfused path
    const kinds = [...seen].join('\n');
    expect(kinds).toMatch(/list of length 6 exceeds/);
    expect(kinds).toMatch(/MemoryError: contract values held by the call exceed/);
    expect(kinds).toMatch(/RecursionError/);
    expect(kinds).toMatch(/operand stack limit exceeded/);
    expect(seen.has('SUCCESS')).toBe(true);
  });

  test('bytes grown at a loop tail fail at the same gas, length and memory limits fused and unfused', () => {
    // `buf = buf + chunk` closing a for-range body fuses to OPSTJFRST, which appends the bytes
    // itself (from ONE_OFF bytes on, into the growing buffer); every limit is left to the
    // original instructions
    const src = `
def f(a: int, b: int, c: int) -> int:
    buf = b""
    for i in range(a):
        buf = buf + b"0123456789abcdef"
    for i in range(b):
        buf += b"xy"
    t = buf[c:c + 40]
    return len(buf) + len(t) + buf[0]
`;
    const limitSets: Partial<Limits>[] = [{}, { max_bytes_len: 200 }, { max_bytes_len: 600 }, { max_memory_bytes: 400 }, { max_memory_bytes: 2000 }];
    const seen = sweepFusedUnfused(src, limitSets, [
      [12n, 40n, 3n],
      [40n, 5n, 0n],
    ]);
    const kinds = [...seen].join('\n');
    expect(kinds).toMatch(/bytes of length \d+ exceeds/);
    expect(kinds).toMatch(/MemoryError: contract values held by the call exceed/);
    expect(seen.has('SUCCESS')).toBe(true);
  });
});

/**
 * f(a, b, c) of `src` under each limit set and argument triple, fused (no tracer) and unfused
 * (traced): the same receipt at a generous gas limit and at every gas limit from 400 to the
 * gas it uses. Returns the outcomes seen (status, or error kind and message).
 */
function sweepFusedUnfused(src: string, limitSets: Partial<Limits>[], argSets: bigint[][]): Set<string> {
  const mod = loadModule(compileSource(src).module);
  const seen = new Set<string>();
  for (const over of limitSets) {
    const limits = { ...DEFAULT_LIMITS, ...over };
    for (const args of argSets) {
      const run = (traced: boolean, gasLimit: number) => tracedCall(mod, 'f', args, gasLimit, traced, limits);
      const full = run(false, 1_000_000);
      seen.add(full.status === 'ERROR' ? `${full.error?.kind}: ${full.error?.message}` : full.status);
      expect(view(full)).toEqual(view(run(true, 1_000_000)));
      for (let g = 400; g <= full.gasUsed + 2; g++) expect(view(run(false, g))).toEqual(view(run(true, g)));
    }
  }
  return seen;
}
