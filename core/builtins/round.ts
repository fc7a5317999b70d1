// round() of an int (contracts have no floats): round(x) and round(x, n >= 0) are x as an int;
// round(x, n < 0) rounds to a multiple of 10**-n, halves to the even multiple, as CPython's
// int.__round__. Gas: the limbs of the power, the divmod and the product, charged first.
import { VmError } from '../../spec/errors.js';
import { bitLenBig, floorModBig } from '../bigint.js';
import { countInt } from '../memory.js';
import { limbsOver } from '../pricing.js';
import { normBig, typeName, type Value } from '../values.js';
import type { Impl } from './convert.js';
import { arity } from './util.js';

function asInt(v: Value): number | bigint | null {
  if (typeof v === 'number' || typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return null;
}

const round: Impl = (m, a, b, n, p) => {
  arity('round', n, 1, 2);
  const x = asInt(a[b]);
  if (x === null) {
    const t = typeName(a[b]);
    throw new VmError('TypeError', `type ${t} doesn't define __round__ method`);
  }
  const nd = n === 2 ? a[b + 1] : null;
  if (nd === null) return x;
  const d = asInt(nd);
  if (d === null) throw new VmError('TypeError', `'${typeName(nd)}' object cannot be interpreted as an integer`);
  if (d >= 0) return x;
  const big = BigInt(x);
  const bits = bitLenBig(big);
  // 10**k > 2|x| once k passes (bits + 1) * log10(2): every such rounding is 0
  const k = -BigInt(d);
  if (k > BigInt(Math.ceil((bits + 1) * 0.30103) + 1)) return 0;
  const pow = 10n ** k;
  m.charge(p.limbs * 3 * limbsOver(Math.max(bits, bitLenBig(pow))));
  const r = floorModBig(big, pow);
  let q = (big - r) / pow;
  const twice = 2n * r;
  if (twice > pow || (twice === pow && (q & 1n) === 1n)) q += 1n;
  const out = q * pow;
  m.capBits(bitLenBig(out));
  return countInt(m, normBig(out));
};

export const ROUND: Record<string, Impl> = { round };
