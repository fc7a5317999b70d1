// The interpreter on random verifier-accepted IR: every run ends as a Receipt with status
// SUCCESS, REVERT, OOG or ERROR within its gas limit; nothing escapes as a JS exception.
// Programs come from two sources: a stack-aware generator of straight-line code with
// backward loops, and mutations of compiled examples that the verifier still accepts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { decodeModule, encodeModule } from '../compiler/codec.js';
import { compileSource } from '../compiler/index.js';
import { ConstTuple, type Const, type IRModule, type Instr } from '../compiler/ir.js';
import { selectorOf } from '../compiler/selector.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { executeCall } from '../node/execute.js';
import { loadBytes, loadModule, type LoadedModule } from '../core/load.js';
import { MemoryState } from '../node/state.js';
import { IRDecodeError, VerifyError } from '../spec/errors.js';
import { BUILTINS, METHODS, Op, STDLIB } from '../spec/table.js';
import { fuzzParams } from './helpers/fuzz.js';

const GAS = 200_000;

function runAll(mod: LoadedModule): void {
  for (const ex of mod.ir.exports) {
    // arguments: zero-filled calldata of the right shape is not available for every type,
    // so only functions without parameters run here; the rest are covered by the mutations
    if (ex.params.length) continue;
    const r = executeCall({ module: mod, calldata: ex.selector, gasLimit: GAS, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() });
    expect(['SUCCESS', 'REVERT', 'OOG', 'ERROR']).toContain(r.status);
    expect(r.gasUsed).toBeGreaterThan(0);
    expect(r.gasUsed).toBeLessThanOrEqual(GAS);
  }
}

const constArb: fc.Arbitrary<Const> = fc.oneof(
  fc.bigInt({ min: -(1n << 70n), max: 1n << 70n }),
  fc.integer({ min: -300, max: 300 }).map(BigInt),
  fc.uint8Array({ maxLength: 40 }),
  fc.string({ maxLength: 10 }),
  fc.constantFrom<Const>(null, true, false),
  fc.array(fc.integer({ min: -5, max: 300 }).map(BigInt), { maxLength: 4 }).map((xs) => new ConstTuple(xs)),
);

const BINOPS = [
  Op.ADD,
  Op.SUB,
  Op.MUL,
  Op.FLOORDIV,
  Op.MOD,
  Op.POW,
  Op.LSHIFT,
  Op.RSHIFT,
  Op.BITAND,
  Op.BITOR,
  Op.BITXOR,
  Op.EQ,
  Op.NE,
  Op.LT,
  Op.LE,
  Op.GT,
  Op.GE,
  Op.IS,
  Op.IS_NOT,
  Op.IN,
  Op.NOT_IN,
  Op.SUBSCR,
  Op.INPLACE_ADD,
];
const UNOPS = [Op.NEG, Op.POS, Op.INVERT, Op.NOT];
const stdIds = STDLIB.map((s) => s.id);

/** A straight-line program over one local slot, with optional backward jumps at height 0. */
const programArb = fc
  .record({
    consts: fc.array(constArb, { minLength: 1, maxLength: 8 }),
    steps: fc.array(fc.record({ kind: fc.integer({ min: 0, max: 14 }), a: fc.nat(), b: fc.nat() }), { maxLength: 60 }),
  })
  .map(({ consts, steps }): IRModule => {
    const code: Instr[] = [];
    let h = 0;
    const loopHeads: number[] = [0];
    const nlocals = 4; // slot 0 user, 1..3 loop state
    for (const s of steps) {
      switch (s.kind) {
        case 0:
        case 1:
          code.push({ op: Op.CONST, args: [s.a % consts.length] });
          h++;
          break;
        case 2:
          if (h >= 2) {
            code.push({ op: BINOPS[s.a % BINOPS.length], args: [] });
            h--;
          }
          break;
        case 3:
          if (h >= 1) code.push({ op: UNOPS[s.a % UNOPS.length], args: [] });
          break;
        case 4:
          if (h >= 1) {
            code.push({ op: Op.STORE, args: [0] });
            h--;
          }
          break;
        case 5:
          code.push({ op: Op.CONST, args: [s.a % consts.length] }, { op: Op.STORE, args: [0] }, { op: Op.LOAD, args: [0] });
          h++;
          break;
        case 6: {
          const n = s.b % 4;
          if (h >= n) {
            code.push({ op: [Op.BUILD_LIST, Op.BUILD_TUPLE][s.a % 2], args: [n] });
            h = h - n + 1;
          }
          break;
        }
        case 7: {
          const b = BUILTINS[s.a % BUILTINS.length];
          const n = s.b % 4;
          if (h >= n) {
            code.push({ op: Op.CALL_BUILTIN, args: [b.id, n] });
            h = h - n + 1;
          }
          break;
        }
        case 8: {
          const mth = METHODS[s.a % METHODS.length];
          const n = s.b % 3;
          if (h >= n + 1) {
            code.push({ op: Op.CALL_METHOD, args: [mth.id, n] });
            h = h - n;
          }
          break;
        }
        case 9:
          if (h === 0) {
            // a loop: jump back to an earlier height-0 point while the local is truthy
            code.push({ op: Op.LOAD, args: [0] }, { op: Op.JUMP_IF_TRUE, args: [loopHeads[s.a % loopHeads.length]] });
          }
          break;
        case 10:
          if (h === 0) loopHeads.push(code.length);
          break;
        case 11:
          if (h >= 1) {
            code.push({ op: Op.ITER_INIT, args: [1] });
            h--;
            const top = code.length;
            code.push({ op: Op.FOR_ITER, args: [1, top + 3] }, { op: Op.STORE, args: [0] }, { op: Op.JUMP, args: [top] });
          }
          break;
        case 12: {
          const id = stdIds[s.a % stdIds.length];
          const n = STDLIB.find((x) => x.id === id)!.params.length;
          if (h >= n) {
            code.push({ op: Op.CALL_STD, args: [id] });
            h = h - n + 1;
          }
          break;
        }
        case 13:
          if (h >= 2) {
            code.push({ op: Op.UNPACK, args: [2] }, { op: Op.POP, args: [] });
            h = h - 1;
          }
          break;
        case 14:
          if (h >= 3) {
            code.push({ op: Op.SLICE, args: [] });
            h -= 2;
          }
          break;
      }
    }
    while (h > 1) {
      code.push({ op: Op.POP, args: [] });
      h--;
    }
    if (h === 0) code.push({ op: Op.CONST, args: [0] });
    code.push({ op: Op.RETURN, args: [] });
    return {
      consts,
      funcs: [{ name: 'f', isPublic: true, nparams: 0, nlocals, code }],
      exports: [{ selector: selectorOf('f', []), func: 0, params: [], returns: 'none' }],
      debug: null,
    };
  });

const seeds = ['examples/counter/contract.py', 'examples/escrow/contract.py'].map((f) => compileSource(readFileSync(f, 'utf8'), { file: f }).bytes);

describe('interpreter fuzz', () => {
  test('generated programs end in a typed outcome', () => {
    let ran = 0;
    let refused = 0;
    fc.assert(
      fc.property(programArb, (m) => {
        let mod: LoadedModule;
        try {
          mod = loadModule(decodeModule(encodeModule(m)));
        } catch (e) {
          if (e instanceof VerifyError || e instanceof IRDecodeError) {
            refused++; // the generator may build an invalid loop
            return;
          }
          throw e;
        }
        runAll(mod);
        ran++;
      }),
      fuzzParams(400),
    );
    // the property is only worth something if most generated programs reach the interpreter
    expect(ran).toBeGreaterThan(refused * 3);
  });

  test('mutated examples that still verify end in a typed outcome', () => {
    fc.assert(
      fc.property(fc.constantFrom(...seeds), fc.nat(), fc.integer({ min: 0, max: 255 }), (seed, at, v) => {
        const b = seed.slice();
        b[at % b.length] = v;
        let mod: LoadedModule;
        try {
          mod = loadBytes(b);
        } catch (e) {
          if (e instanceof VerifyError || e instanceof IRDecodeError) return;
          throw e;
        }
        runAll(mod);
      }),
      fuzzParams(1500),
    );
  });
});
