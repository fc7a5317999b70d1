// Numeric builtins: abs() min() max() sum() divmod() pow(). Arithmetic goes through the
// interpreter's slow paths so that caps and per-limb gas are the same as for operators.
import { VmError } from '../../spec/errors.js';
import { Op } from '../../spec/table.js';
import { binarySlow, pow as powInt, unarySlow } from '../arith.js';
import { bitLenBig, floorModBig } from '../bigint.js';
import { pyCompare } from '../compare.js';
import { iterItems } from '../containers.js';
import { normBig, PyTuple, toBig, typeName, type Value } from '../values.js';
import type { Impl } from './convert.js';
import { countInt, seqBytes } from '../memory.js';
import { arity, isIntValue, iterLen, notIterable } from './util.js';

const abs: Impl = (m, a, b, n) => {
  arity('abs', n, 1, 1);
  const x = a[b];
  if (typeof x === 'number') return x < 0 ? -x : x;
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'bigint') return x < 0n ? unarySlow(m, Op.NEG, x) : x;
  throw new VmError('TypeError', `bad operand type for abs(): '${typeName(x)}'`);
};

function minmax(name: 'min' | 'max'): Impl {
  return (m, a, b, n, p) => {
    if (n === 0) throw new VmError('TypeError', `${name} expected at least 1 argument, got 0`);
    let items: Value[];
    if (n === 1) {
      const len = iterLen(a[b]);
      if (len < 0) notIterable(a[b]);
      m.charge(p.items * len);
      items = iterItems(a[b], true, m);
      if (items.length === 0) throw new VmError('ValueError', `${name}() arg is an empty sequence`);
    } else {
      m.charge(p.items * n);
      items = a.slice(b, b + n);
    }
    let best = items[0];
    for (let i = 1; i < items.length; i++) {
      const x = items[i];
      // Python keeps the first of equal extremes
      if (name === 'min' ? pyCompare(m, x, best, '<') < 0 : pyCompare(m, x, best, '>') > 0) best = x;
    }
    if (n === 1 && typeof a[b] === 'string') m.mem += (best as string).length; // a new str
    return best;
  };
}

const sum: Impl = (m, a, b, n, p) => {
  arity('sum', n, 1, 2);
  const src = a[b];
  let acc: Value = n === 2 ? a[b + 1] : 0;
  if (typeof acc === 'string') throw new VmError('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  if (acc instanceof Uint8Array) throw new VmError('TypeError', "sum() can't sum bytes [use b''.join(seq) instead]");
  const len = iterLen(src);
  if (len < 0) notIterable(src);
  m.charge(p.items * len);
  for (const x of iterItems(src, true, m)) {
    if (typeof acc === 'number' && typeof x === 'number' && Number.isSafeInteger(acc + x)) acc = acc + x;
    else acc = binarySlow(m, Op.ADD, acc, x);
  }
  return acc;
};

const divmod: Impl = (m, a, b, n) => {
  arity('divmod', n, 2, 2);
  const x = a[b];
  const y = a[b + 1];
  if (!isIntValue(x) || !isIntValue(y)) throw new VmError('TypeError', `unsupported operand type(s) for divmod(): '${typeName(x)}' and '${typeName(y)}'`);
  m.mem += seqBytes(2);
  return new PyTuple([binarySlow(m, Op.FLOORDIV, x, y), binarySlow(m, Op.MOD, x, y)]);
};

function modInverse(a: bigint, mod: bigint): bigint | null {
  let [r0, r1] = [floorModBig(a, mod), mod];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return r0 === 1n ? floorModBig(s0, mod) : null;
}

const pow: Impl = (m, a, b, n, p) => {
  arity('pow', n, 2, 3);
  const x = a[b];
  const y = a[b + 1];
  if (n === 2 || a[b + 2] === null) {
    if (!isIntValue(x) || !isIntValue(y)) throw new VmError('TypeError', `unsupported operand type(s) for ** or pow(): '${typeName(x)}' and '${typeName(y)}'`);
    return countInt(m, powInt(m, toBig(x), toBig(y)));
  }
  const z = a[b + 2];
  if (!isIntValue(x) || !isIntValue(y) || !isIntValue(z))
    throw new VmError('TypeError', `unsupported operand type(s) for pow(): '${typeName(x)}', '${typeName(y)}', '${typeName(z)}'`);
  let base = toBig(x);
  let e = toBig(y);
  const mod = toBig(z);
  if (mod === 0n) throw new VmError('ValueError', 'pow() 3rd argument cannot be 0');
  // square-and-multiply: every step multiplies and reduces numbers of the modulus' size,
  // quadratic in its limbs: 2 * limbs * ceil(limbs / 4) per exponent bit (256-bit operands: 8)
  const limbs = Math.max(1, (Math.max(bitLenBig(mod), bitLenBig(base)) + 63) >>> 6);
  m.charge(p.limb_steps * 2 * limbs * Math.ceil(limbs / 4) * Math.max(1, bitLenBig(e)));
  const am = mod < 0n ? -mod : mod;
  if (e < 0n) {
    const inv = modInverse(base, am);
    if (inv === null) throw new VmError('ValueError', 'base is not invertible for the given modulus');
    base = inv;
    e = -e;
  }
  let r = 1n % am;
  base = floorModBig(base, am);
  // the exponent's bits read once (a shift of e per step would be quadratic in its size)
  const bits = e.toString(2);
  for (let i = bits.length - 1; i >= 0; i--) {
    if (bits.charCodeAt(i) === 0x31) r = (r * base) % am;
    if (i > 0) base = (base * base) % am;
  }
  // Python's result has the sign of the modulus
  if (mod < 0n && r !== 0n) r -= am;
  return countInt(m, normBig(r));
};

export const NUMERIC: Record<string, Impl> = { abs, min: minmax('min'), max: minmax('max'), sum, divmod, pow };
