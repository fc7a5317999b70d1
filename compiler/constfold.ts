// Compile-time evaluation of module constants and default arguments. Only pure
// expressions fold: literals, earlier constants, arithmetic, tuples, len(), bytes(), and
// stdlib hashes of constants. Anything else is E-MODULE-STATE (it would need to run code at
// deploy time, which contracts do not do). Results respect the same caps as run time.
import { keccak_256, sha3_256, sha3_512 } from '@noble/hashes/sha3.js';
import { blake3 } from '@noble/hashes/blake3.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import type { Expr } from '../validate/ast.js';
import { attrPath } from '../validate/check.js';
import { resolveStdlibPath } from '../validate/names.js';
import { ConstTuple, type Const } from './ir.js';

export class FoldError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

const HASHES: Record<string, (b: Uint8Array) => Uint8Array> = {
  'hash.sha3_256': sha3_256,
  'hash.sha3_512': sha3_512,
  'hash.keccak256': keccak_256,
  'hash.blake3': (b) => blake3(b),
};

export interface FoldEnv {
  consts: Map<string, Const>;
  imports: Map<string, string[]>;
  maxIntBits?: number;
}

function bitLen(x: bigint): number {
  return (x < 0n ? -x : x).toString(2).length;
}

export function fold(e: Expr, env: FoldEnv): Const {
  const maxBits = env.maxIntBits ?? DEFAULT_LIMITS.max_int_bits;
  const no = (what: string, at = e.at): never => {
    throw new FoldError(`module constants must be pure constant expressions (${what})`, at);
  };
  const int = (x: Const, at: number): bigint => {
    if (typeof x === 'bigint') return x;
    if (typeof x === 'boolean') return x ? 1n : 0n;
    return no('expected an integer', at);
  };
  const capped = (x: bigint, at: number): bigint => {
    if (bitLen(x) > maxBits) throw new FoldError(`integer constant exceeds ${maxBits} bits`, at);
    return x;
  };
  switch (e.k) {
    case 'int':
      return capped(e.v, e.at);
    case 'bytes':
    case 'str':
      return e.v;
    case 'const':
      return e.v;
    case 'name': {
      const c = env.consts.get(e.id);
      if (c === undefined) return no(`'${e.id}' is not an earlier constant`);
      return c;
    }
    case 'tuple':
      return new ConstTuple(e.elts.map((x) => fold(x, env)));
    case 'unary': {
      const v = fold(e.e, env);
      if (e.op === 'not') return !truthyConst(v);
      const i = int(v, e.at);
      return e.op === '-' ? -i : e.op === '+' ? i : ~i;
    }
    case 'bin': {
      const l = fold(e.l, env);
      const r = fold(e.r, env);
      if (e.op === '+' && l instanceof Uint8Array && r instanceof Uint8Array) {
        const out = new Uint8Array(l.length + r.length);
        out.set(l);
        out.set(r, l.length);
        return out;
      }
      if (e.op === '+' && typeof l === 'string' && typeof r === 'string') return l + r;
      if (e.op === '+' && l instanceof ConstTuple && r instanceof ConstTuple) return new ConstTuple([...l.items, ...r.items]);
      if (e.op === '*') {
        // sequence repetition, either order, within the same caps as at run time
        const [seq, times] = typeof l === 'bigint' || typeof l === 'boolean' ? [r, l] : [l, r];
        if (seq instanceof Uint8Array || typeof seq === 'string' || seq instanceof ConstTuple) {
          const k = int(times, e.at);
          const n = k < 0n ? 0 : Number(k > BigInt(DEFAULT_LIMITS.max_bytes_len) ? BigInt(DEFAULT_LIMITS.max_bytes_len) + 1n : k);
          const len = seq instanceof ConstTuple ? seq.items.length : seq.length;
          const cap = seq instanceof ConstTuple ? DEFAULT_LIMITS.max_container_len : DEFAULT_LIMITS.max_bytes_len;
          if (len * n > cap) throw new FoldError(`constant of length ${len * n} exceeds the limit of ${cap}`, e.at);
          if (typeof seq === 'string') return seq.repeat(n);
          if (seq instanceof ConstTuple) return new ConstTuple(Array.from({ length: n }, () => seq.items).flat());
          const out = new Uint8Array(len * n);
          for (let i = 0; i < n; i++) out.set(seq, i * len);
          return out;
        }
      }
      const a = int(l, e.l.at);
      const b = int(r, e.r.at);
      switch (e.op) {
        case '+':
          return capped(a + b, e.at);
        case '-':
          return capped(a - b, e.at);
        case '*':
          if (bitLen(a) + bitLen(b) > maxBits + 1) throw new FoldError(`integer constant exceeds ${maxBits} bits`, e.at);
          return capped(a * b, e.at);
        case '//':
        case '%': {
          if (b === 0n) throw new FoldError('integer division or modulo by zero', e.at);
          let q = a / b;
          if (a % b !== 0n && a < 0n !== b < 0n) q -= 1n;
          return e.op === '//' ? q : a - q * b;
        }
        case '**': {
          if (b < 0n) return no('negative exponent gives a float', e.at);
          if (a !== 0n && a !== 1n && a !== -1n && BigInt(bitLen(a) - 1) * b > BigInt(maxBits)) {
            throw new FoldError(`integer constant exceeds ${maxBits} bits`, e.at);
          }
          return capped(a ** b, e.at);
        }
        case '<<':
          if (b < 0n) throw new FoldError('negative shift count', e.at);
          if (a !== 0n && BigInt(bitLen(a)) + b > BigInt(maxBits)) throw new FoldError(`integer constant exceeds ${maxBits} bits`, e.at);
          return a << b;
        case '>>':
          if (b < 0n) throw new FoldError('negative shift count', e.at);
          return a >> b;
        case '&':
          return a & b;
        case '|':
          return a | b;
        case '^':
          return a ^ b;
      }
      return no('operator');
    }
    case 'call': {
      if (e.kw.length) return no('keyword arguments');
      if (e.fn.k === 'name' && e.fn.id === 'len' && e.args.length === 1) {
        const v = fold(e.args[0], env);
        if (v instanceof Uint8Array) return BigInt(v.length);
        if (typeof v === 'string') return BigInt([...v].length);
        if (v instanceof ConstTuple) return BigInt(v.items.length);
        return no('len() of a non-sequence');
      }
      if (e.fn.k === 'name' && e.fn.id === 'bytes' && e.args.length === 1) {
        const v = fold(e.args[0], env);
        if (v instanceof Uint8Array) return v;
        if (typeof v === 'bigint' && v >= 0n && v <= 4096n) return new Uint8Array(Number(v));
        return no('bytes() of this value');
      }
      const path = attrPath(e.fn);
      if (path && env.imports.has(path[0]) && e.args.length === 1) {
        const r = resolveStdlibPath([...env.imports.get(path[0])!, ...path.slice(1)]);
        if (r && r.kind === 'func' && HASHES[r.name]) {
          const v = fold(e.args[0], env);
          if (!(v instanceof Uint8Array)) return no('hashes take bytes');
          return HASHES[r.name](v);
        }
      }
      if (path && env.imports.has(path[0])) {
        const r = resolveStdlibPath([...env.imports.get(path[0])!, ...path.slice(1)]);
        if (r && r.kind === 'func' && HASHES[r.name]) return no('hashes take exactly one argument');
      }
      return no('a call with effects');
    }
  }
  return no(e.k === 'list' || e.k === 'dict' || e.k === 'listcomp' ? 'a mutable list/dict at module level' : `a ${e.k} expression`);
}

function truthyConst(v: Const): boolean {
  if (v === null || v === false) return false;
  if (v === true) return true;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof Uint8Array) return v.length > 0;
  return v.items.length > 0;
}
