// bin() and oct(): an int's digits in base 2 or 8 with CPython's prefix ('-0b101', '0o17').
// Gas as hex(): the output's words at the conversion price and, for a big int, its limbs,
// charged before the digits are made.
import { VmError } from '../../spec/errors.js';
import { bitLenBig } from '../bigint.js';
import { limbsOver } from '../pricing.js';
import { typeName } from '../values.js';
import type { Impl } from './convert.js';
import { arity, words } from './util.js';

function radix(name: 'bin' | 'oct', base: 2 | 8, prefix: string): Impl {
  const bitsPerDigit = base === 2 ? 1 : 3;
  return (m, a, b, n, p) => {
    arity(name, n, 1, 1);
    let x = a[b];
    if (typeof x === 'boolean') x = x ? 1 : 0;
    if (typeof x !== 'number' && typeof x !== 'bigint') throw new VmError('TypeError', `'${typeName(x)}' object cannot be interpreted as an integer`);
    const big = BigInt(x);
    const bits = bitLenBig(big);
    m.charge(p.words * words(Math.ceil(bits / bitsPerDigit) + 3) + p.limbs * limbsOver(bits));
    const out = big < 0n ? '-' + prefix + (-big).toString(base) : prefix + big.toString(base);
    m.mem += out.length;
    return out;
  };
}

export const RADIX: Record<string, Impl> = { bin: radix('bin', 2, '0b'), oct: radix('oct', 8, '0o') };
