// Address arguments: opaque bytes of exactly the chain's address length (limits.address_bytes).
import { VmError } from '../spec/errors.js';
import type { Machine } from '../core/machine.js';
import type { Value } from '../core/values.js';
import { needBytes } from './args.js';

export function needAddress(m: Machine, fn: string, param: string, v: Value): Uint8Array {
  const b = needBytes(fn, param, v);
  if (b.length !== m.limits.address_bytes)
    throw new VmError('ValueError', `${fn}(): '${param}' must be a ${m.limits.address_bytes}-byte address, got ${b.length} bytes`);
  return b;
}
