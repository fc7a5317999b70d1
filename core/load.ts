// IR bytes -> the interpreter's form: decoded, verified, constants turned into values, code
// flattened into one Int32Array per function with jump targets as array offsets.
import { codeHash, decodeModule } from '../compiler/codec.js';
import { ConstTuple, type Const, type IRExport, type IRModule } from '../compiler/ir.js';
import { selectorHex } from '../compiler/selector.js';
import { verifyModule } from '../compiler/verify.js';
import { IRDecodeError } from '../spec/errors.js';
import type { HostStdlib } from '../spec/host_std.js';
import { DEFAULT_LIMITS, Op, OP_BY_CODE, type Limits } from '../spec/table.js';
import { OP_PRICE, frameSlots } from './pricing.js';
import { fuse, fuseCalls } from './fuse.js';
import { normBig, PyTuple, type Value } from './values.js';

export interface LoadedFunc {
  name: string;
  isPublic: boolean;
  nparams: number;
  nlocals: number;
  maxStack: number;
  code: Int32Array;
  /** `code` with superinstructions overlaid (runtime/fuse.ts); same offsets */
  fast: Int32Array;
  /** instruction index -> offset in `code` */
  offsets: Int32Array;
  /** gas a private call to this function pays for its frame's slots (CALL's `items`), on top of G_CALL */
  frameCharge: number;
}

export interface LoadedModule {
  ir: IRModule;
  codeHash: Uint8Array;
  consts: Value[];
  funcs: LoadedFunc[];
  /** selector hex -> export */
  exports: Map<string, IRExport>;
  /** function name -> export */
  byName: Map<string, IRExport>;
}

export function constValue(c: Const): Value {
  if (typeof c === 'bigint') return normBig(c);
  if (c instanceof ConstTuple) return new PyTuple(c.items.map(constValue));
  return c;
}

export function loadBytes(bytes: Uint8Array, limits: Readonly<Limits> = DEFAULT_LIMITS): LoadedModule {
  if (bytes.length > limits.max_code_bytes + (1 << 20))
    throw new IRDecodeError(`IR is ${bytes.length} bytes, far over the ${limits.max_code_bytes}-byte code limit`);
  const ir = decodeModule(bytes);
  return loadModule(ir, limits);
}

/** `host`: a tool's host modules (spec/host_std.ts) the module may call; absent for contracts. */
export function loadModule(ir: IRModule, limits: Readonly<Limits> = DEFAULT_LIMITS, host?: HostStdlib): LoadedModule {
  const info = verifyModule(ir, limits.max_stack, host);
  const consts = ir.consts.map(constValue);
  const funcs: LoadedFunc[] = ir.funcs.map((f, fi) => {
    const offsets = new Int32Array(f.code.length);
    let size = 0;
    f.code.forEach((ins, i) => {
      offsets[i] = size;
      size += 1 + ins.args.length;
    });
    const code = new Int32Array(size);
    const isLeader = new Uint8Array(size + 1);
    f.code.forEach((ins, i) => {
      const info = OP_BY_CODE[ins.op]!;
      let o = offsets[i];
      code[o++] = ins.op;
      ins.args.forEach((a, k) => {
        if (info.operands[k] === 'target') {
          code[o++] = offsets[a];
          isLeader[offsets[a]] = 1;
        } else code[o++] = a;
      });
    });
    const fast = fuse(code, offsets, isLeader, consts);
    const frameCharge = OP_PRICE.items[Op.CALL] * frameSlots(f.nlocals);
    return { name: f.name, isPublic: f.isPublic, nparams: f.nparams, nlocals: f.nlocals, maxStack: info.maxStack[fi], code, fast, offsets, frameCharge };
  });
  fuseCalls(funcs);
  const exports = new Map<string, IRExport>();
  const byName = new Map<string, IRExport>();
  for (const e of ir.exports) {
    exports.set(selectorHex(e.selector), e);
    byName.set(ir.funcs[e.func].name, e);
  }
  // computed on first use: a call does not need it, and hashing costs a cold start (keccak JIT)
  let hash: Uint8Array | undefined;
  return {
    ir,
    get codeHash() {
      return (hash ??= codeHash(ir));
    },
    consts,
    funcs,
    exports,
    byName,
  };
}

/** Source position of the instruction at `offset` in function `fi`, if the module has debug info. */
export function locate(mod: LoadedModule, fi: number, offset: number): { file: string; line: number; col: number } | undefined {
  const dbg = mod.ir.debug;
  if (!dbg || fi < 0) return undefined;
  const f = mod.funcs[fi];
  let lo = 0;
  let hi = f.offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (f.offsets[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  let best: { line: number; col: number } | undefined;
  for (const l of dbg.funcs[fi].lines) {
    if (l.pc > lo) break;
    best = l;
  }
  return best ? { file: dbg.file, line: best.line, col: best.col } : undefined;
}
