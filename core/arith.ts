// Python arithmetic on the slow path: big ints, bools, and sequence + / *. The interpreter
// handles two small ints inline and calls here for everything else. Caps are checked from
// operand sizes before any big result is computed, and big-int work is charged per limb.
import { VmError } from '../spec/errors.js';
import { Op } from '../spec/table.js';
import { limbsOver, OP_PRICE, words } from './pricing.js';
import { bitLenBig, floorDivBig, floorModBig } from './bigint.js';
import type { Machine } from './machine.js';
import { intOpMid, midAllowed, mulSmallWide } from './arith_mid.js';
import { percentFormat } from './builtins/format.js';
import { countInt, seqBytes } from './memory.js';
import { SMALL_BYTES, smallBytes } from './smallbytes.js';
import { normBig, PyTuple, typeName, type Value } from './values.js';

// prices per unit of each opcode's measures (its table formula)
const LIMB = OP_PRICE.limbs;
const WORD = OP_PRICE.words;
const ITEM = OP_PRICE.items;
const BUFFER = OP_PRICE.buffers;
const FREE_LIMBS = 4; // operands up to 256 bits cost only the base price

const SYMBOL: Record<number, string> = {
  [Op.ADD]: '+',
  [Op.INPLACE_ADD]: '+=',
  [Op.SUB]: '-',
  [Op.MUL]: '*',
  [Op.FLOORDIV]: '//',
  [Op.MOD]: '%',
  [Op.POW]: '** or pow()',
  [Op.LSHIFT]: '<<',
  [Op.RSHIFT]: '>>',
  [Op.BITAND]: '&',
  [Op.BITOR]: '|',
  [Op.BITXOR]: '^',
};

function asBig(v: Value): bigint | null {
  switch (typeof v) {
    case 'number':
      return BigInt(v);
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1n : 0n;
  }
  return null;
}

/** The `limbs` measure of opcode `op`'s big-int work `bits` wide, charged at its price. */
function chargeLimbs(m: Machine, op: number, bits: number): void {
  const limbs = (bits + 63) >>> 6;
  if (limbs > FREE_LIMBS) m.charge(limbsOver(bits) * LIMB[op]);
}

function unsupported(op: number, a: Value, b: Value): never {
  throw new VmError('TypeError', `unsupported operand type(s) for ${SYMBOL[op]}: '${typeName(a)}' and '${typeName(b)}'`);
}

export function binarySlow(m: Machine, op: number, a: Value, b: Value): Value {
  if (op === Op.MUL && typeof a === 'number' && typeof b === 'number' && midAllowed(m.limits.max_int_bits)) {
    // two small ints whose product left the safe range (the interpreter's MUL overflow)
    const r = mulSmallWide(a, b);
    if (r !== undefined) return countInt(m, r);
  }
  const x = asBig(a);
  const y = asBig(b);
  if (typeof a === 'boolean' && typeof b === 'boolean' && (op === Op.BITAND || op === Op.BITOR || op === Op.BITXOR)) {
    return op === Op.BITAND ? a && b : op === Op.BITOR ? a || b : a !== b; // bool & | ^ bool stays bool
  }
  if (x !== null && y !== null) {
    const r = intOpMid(m, op, x, y);
    return countInt(m, r !== undefined ? r : intOp(m, op, x, y));
  }
  if (op === Op.ADD || op === Op.INPLACE_ADD) return concat(m, op, a, b);
  if (op === Op.MUL) {
    if (x !== null) return repeat(m, b, x, a, b);
    if (y !== null) return repeat(m, a, y, a, b);
  }
  // printf-style formatting, priced per word of format and output (core/builtins/format.ts)
  if (op === Op.MOD && (typeof a === 'string' || a instanceof Uint8Array))
    return percentFormat(m, a, b, OP_PRICE.words[Op.MOD], OP_PRICE.convert_steps[Op.MOD]);
  return unsupported(op, a, b);
}

export function intOp(m: Machine, op: number, x: bigint, y: bigint): Value {
  const bx = bitLenBig(x);
  const by = bitLenBig(y);
  const wide = bx > by ? bx : by;
  switch (op) {
    case Op.ADD:
    case Op.INPLACE_ADD:
      chargeLimbs(m, op, wide + 1);
      if (wide >= m.limits.max_int_bits) m.capBits(bitLenBig(x + y)); // else the sum fits
      return normBig(x + y);
    case Op.SUB:
      chargeLimbs(m, op, wide + 1);
      if (wide >= m.limits.max_int_bits) m.capBits(bitLenBig(x - y)); // else the difference fits
      return normBig(x - y);
    case Op.MUL: {
      if (x === 0n || y === 0n) return 0;
      m.capBits(bx + by - 1); // the product has at least this many bits
      chargeLimbs(m, op, bx + by);
      const r = x * y;
      if (bx + by > m.limits.max_int_bits) m.capBits(bitLenBig(r)); // else the product fits
      return normBig(r);
    }
    case Op.FLOORDIV:
    case Op.MOD:
      if (y === 0n) throw new VmError('ZeroDivisionError', op === Op.MOD ? 'integer modulo by zero' : 'integer division or modulo by zero');
      chargeLimbs(m, op, wide);
      return normBig(op === Op.MOD ? floorModBig(x, y) : floorDivBig(x, y));
    case Op.POW:
      return pow(m, x, y, bx);
    case Op.LSHIFT: {
      if (y < 0n) throw new VmError('ValueError', 'negative shift count');
      if (x === 0n) return 0;
      if (y > BigInt(m.limits.max_int_bits)) m.capBits(m.limits.max_int_bits + 1);
      m.capBits(bx + Number(y));
      chargeLimbs(m, op, bx + Number(y));
      return normBig(x << y);
    }
    case Op.RSHIFT: {
      if (y < 0n) throw new VmError('ValueError', 'negative shift count');
      chargeLimbs(m, op, bx);
      if (y > BigInt(bx)) return x < 0n ? -1 : 0;
      return normBig(x >> y);
    }
    case Op.BITAND:
      chargeLimbs(m, op, wide);
      return normBig(x & y);
    case Op.BITOR:
      chargeLimbs(m, op, wide);
      return normBig(x | y);
    case Op.BITXOR:
      chargeLimbs(m, op, wide);
      return normBig(x ^ y);
  }
  throw new VmError('TypeError', `bad arithmetic opcode ${op}`);
}

export function pow(m: Machine, x: bigint, y: bigint, bx = bitLenBig(x)): Value {
  if (y < 0n) throw new VmError('ValueError', 'negative exponent: the result would be a float, which contracts do not have');
  if (y === 0n) return 1;
  if (x === 0n || x === 1n) return Number(x);
  if (x === -1n) return y % 2n === 0n ? 1 : -1;
  // |x| >= 2: the result has more than (bx - 1) * y bits; refuse before computing
  if (y > BigInt(m.limits.max_int_bits)) m.capBits(m.limits.max_int_bits + 1);
  const lower = (bx - 1) * Number(y) + 1;
  m.capBits(lower);
  chargeLimbs(m, Op.POW, bx * Number(y));
  const r = x ** y;
  if (bx * Number(y) > m.limits.max_int_bits) m.capBits(bitLenBig(r)); // |r| < 2^(bx*y)
  return normBig(r);
}

/**
 * How far each growable byte buffer is in use. `s = s + b` in a loop would copy s every
 * time (quadratic); instead a result gets spare capacity, and a later concatenation onto
 * the value that ends exactly at the used mark writes into that space and returns a longer
 * view. Earlier values never change: only bytes past every existing view are written.
 */
const used = new WeakMap<ArrayBufferLike, number>();
/**
 * Results up to this many bytes are one-off copies with no spare room and no entry in `used`:
 * most small concatenations (a 64-byte key made of two addresses, a record of a few fields)
 * are never appended to again, and a registered buffer costs an ArrayBuffer plus a WeakMap
 * entry. A value grown by repeated appends copies at most this much before it moves to the
 * growing path.
 */
const ONE_OFF = 256;

/** bytes + bytes of n bytes in all: its charge (the interpreter's fused loop tail charges it too). */
export function bytesConcatCharge(op: number, n: number): number {
  // past 64 bytes the result's memory is allocated off the JS heap (the `buffers` measure)
  return WORD[op] * words(n) + (n > 64 ? BUFFER[op] : 0);
}

/** a + b (n bytes in all), the result sharing a's growable buffer when a ends at its used mark. */
export function appendBytes(a: Uint8Array, b: Uint8Array, n: number): Uint8Array {
  if (n <= ONE_OFF) {
    // up to 64 bytes V8 keeps the array on its heap (reading a.buffer would move a off it);
    // up to SMALL_BYTES a view of the shared slab (core/smallbytes.ts)
    const out = n <= SMALL_BYTES ? smallBytes(n) : new Uint8Array(n);
    if (n <= 16) {
      // a few bytes: a loop is up to ~2x faster than two TypedArray set() calls (which win
      // from ~24 bytes on)
      const k = a.length;
      for (let i = 0; i < k; i++) out[i] = a[i];
      for (let i = k; i < n; i++) out[i] = b[i - k];
    } else {
      out.set(a);
      out.set(b, a.length);
    }
    return out;
  }
  // a view of a registered buffer made here is longer than ONE_OFF; a shorter a (a slice at
  // most) is copied like any other, without reading its buffer
  if (a.length > ONE_OFF) {
    const buf = a.buffer;
    const end = a.byteOffset + a.length;
    if (used.get(buf) === end && end + b.length <= buf.byteLength) {
      const out = new Uint8Array(buf, a.byteOffset, n);
      out.set(b, a.length);
      used.set(buf, end + b.length);
      return out;
    }
  }
  // capacity grows with the result so repeated appends are amortized linear
  const out = new Uint8Array(new ArrayBuffer(n + (n >>> 1)), 0, n);
  out.set(a);
  out.set(b, a.length);
  used.set(out.buffer, n);
  return out;
}

function concat(m: Machine, op: number, a: Value, b: Value): Value {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    const n = a.length + b.length;
    m.capLen(n, 'bytes');
    m.charge(bytesConcatCharge(op, n));
    m.mem += n;
    return appendBytes(a, b, n);
  }
  if (typeof a === 'string' && typeof b === 'string') {
    const n = a.length + b.length;
    m.capLen(n, 'str');
    m.charge(WORD[op] * words(n));
    m.mem += n;
    return a + b;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const n = a.length + b.length;
    m.capLen(n, 'list');
    if (op === Op.INPLACE_ADD) {
      m.charge(ITEM[op] * b.length);
      m.mem += 8 * b.length;
      for (let i = 0, k = b.length; i < k; i++) a.push(b[i]);
      return a;
    }
    m.charge(ITEM[op] * n);
    m.mem += seqBytes(n);
    return a.concat(b);
  }
  if (a instanceof PyTuple && b instanceof PyTuple) {
    const n = a.items.length + b.items.length;
    m.capLen(n, 'tuple');
    m.charge(ITEM[op] * n);
    m.mem += seqBytes(n);
    return new PyTuple(a.items.concat(b.items));
  }
  if (op === Op.INPLACE_ADD && Array.isArray(a) && b instanceof PyTuple) {
    // list += tuple extends, as list.extend would
    m.capLen(a.length + b.items.length, 'list');
    m.charge(ITEM[op] * b.items.length);
    m.mem += 8 * b.items.length;
    for (const x of b.items) a.push(x);
    return a;
  }
  return unsupported(op, a, b);
}

function repeat(m: Machine, seq: Value, times: bigint, a: Value, b: Value): Value {
  const t = times < 0n ? 0 : times;
  const len =
    seq instanceof Uint8Array
      ? seq.length
      : typeof seq === 'string'
        ? seq.length
        : Array.isArray(seq)
          ? seq.length
          : seq instanceof PyTuple
            ? seq.items.length
            : -1;
  if (len < 0) return unsupported(Op.MUL, a, b);
  // the size check comes before any allocation: b"x" * 10**12 fails here
  const total = BigInt(len) * BigInt(t);
  const kind = seq instanceof Uint8Array ? 'bytes' : typeof seq === 'string' ? 'str' : Array.isArray(seq) ? 'list' : 'tuple';
  const cap = kind === 'bytes' || kind === 'str' ? m.limits.max_bytes_len : m.limits.max_container_len;
  if (total > BigInt(cap)) m.capLen(cap + 1, kind);
  const n = Number(total);
  const k = Number(t);
  if (kind === 'bytes' || kind === 'str') {
    m.charge(WORD[Op.MUL] * words(n));
    m.mem += n;
  } else {
    m.charge(ITEM[Op.MUL] * n);
    m.mem += seqBytes(n);
  }
  if (seq instanceof Uint8Array) {
    const out = new Uint8Array(n);
    for (let i = 0; i < k; i++) out.set(seq, i * seq.length);
    return out;
  }
  if (typeof seq === 'string') return seq.repeat(k);
  const items = Array.isArray(seq) ? seq : (seq as PyTuple).items;
  const out: Value[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = items[i % items.length];
  return Array.isArray(seq) ? out : new PyTuple(out);
}

export function unarySlow(m: Machine, op: number, a: Value): Value {
  const x = asBig(a);
  if (x === null) {
    const sym = op === Op.NEG ? '-' : op === Op.POS ? '+' : '~';
    throw new VmError('TypeError', `bad operand type for unary ${sym}: '${typeName(a)}'`);
  }
  chargeLimbs(m, op, bitLenBig(x) + 1);
  return countInt(m, normBig(op === Op.NEG ? -x : op === Op.POS ? x : ~x));
}
