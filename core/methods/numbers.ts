// int methods: to_bytes(length=1, byteorder='big', *, signed=False) and bit_length().
import { VmError } from '../../spec/errors.js';
import { bitLenBig } from '../bigint.js';
import { limbsOver } from '../pricing.js';
import { bigIntoBytes } from '../bigbytes.js';
import { SMALL_BYTES, smallBytes } from '../smallbytes.js';
import { hexIntoBytes } from '../hex.js';
import { byteorderArg } from '../builtins/convert.js';
import { arity, intArg, smallInt, words } from '../builtins/util.js';
import type { Machine } from '../machine.js';
import { toBig, truthy, type Value } from '../values.js';
import type { Prices } from '../../spec/table.js';

export type MImpl = (m: Machine, a: Value[], b: number, n: number, p: Prices) => Value;

export const toBytes: MImpl = (m, a, b, n, p) => {
  arity('to_bytes', n, 0, 3);
  const length = smallInt(intArg(n >= 1 ? a[b + 1] : 1, 'to_bytes() length'));
  const big = n >= 2 ? byteorderArg(a[b + 2], 'to_bytes') : true;
  const signed = n >= 3 ? truthy(a[b + 3]) : false;
  if (length < 0) throw new VmError('ValueError', 'length argument must be non-negative');
  const x0 = a[b];
  if (typeof x0 === 'number' && x0 >= 0) return smallToBytes(m, x0, length, big, signed, p);
  const x = toBig(x0 as number | bigint | boolean);
  if (!signed && x < 0n) throw new VmError('OverflowError', "can't convert negative int to unsigned");
  const bits = bitLenBig(x);
  // signed needs room for the sign bit; -2**(8k-1) fits exactly
  const need = !signed || x === 0n ? bits : x < 0n && (-x & (-x - 1n)) === 0n ? bits : bits + 1;
  // CPython accepts (-1).to_bytes(0, signed=True) == b'' (its sign extension of no bytes)
  if (need > length * 8 && !(length === 0 && x === -1n && signed)) throw new VmError('OverflowError', 'int too big to convert');
  m.capLen(length, 'bytes');
  m.charge(p.words * words(length) + p.limbs * limbsOver(bits));
  m.mem += length;
  const out = length <= SMALL_BYTES ? smallBytes(length) : new Uint8Array(length);
  // two's complement of a negative value in length bytes; the hex is at most 2 * length digits
  const v = x < 0n ? (1n << BigInt(length * 8)) + x : x;
  if (v !== 0n) {
    if (length <= 64) bigIntoBytes(v, out, big);
    else hexIntoBytes(v.toString(16), out, big);
  }
  return out;
};

/** to_bytes of a non-negative safe integer without BigInt (the common case: keys, amounts). */
function smallToBytes(m: Parameters<MImpl>[0], x: number, length: number, big: boolean, signed: boolean, p: Prices): Uint8Array {
  // bytes needed, and the top one (exact: x is an integer below 2**53 and 256 is a power of two)
  let nd = 0;
  let top = 0;
  for (let v = x; v > 0; nd++) {
    top = v % 256;
    v = (v - top) / 256;
  }
  const need = signed && top >= 0x80 ? nd + 1 : nd;
  if (need > length) throw new VmError('OverflowError', 'int too big to convert');
  m.capLen(length, 'bytes');
  m.charge(p.words * words(length));
  m.mem += length;
  const out = length <= SMALL_BYTES ? smallBytes(length) : new Uint8Array(length);
  let v = x;
  for (let i = 0; i < nd; i++) {
    const d = v % 256;
    out[big ? length - 1 - i : i] = d;
    v = (v - d) / 256;
  }
  return out;
}

export const bitLength: MImpl = (_m, a, b, n) => {
  arity('bit_length', n, 0, 0);
  const x = a[b];
  if (typeof x === 'number') return x === 0 ? 0 : bitLenBig(BigInt(x));
  return bitLenBig(toBig(x as bigint | boolean));
};
