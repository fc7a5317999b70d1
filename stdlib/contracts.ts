// stdlib.contracts: calls from one contract to another (spec/CALLS.md). This module checks
// the arguments, charges the base price and shapes the outcome; the host (node/calls.ts)
// finds the callee's code, encodes the arguments by its ABI, forwards gas, runs it in a
// nested journal frame and decodes its result.
//   call(address, fn_name, args, value=0, gas=None): the result; a failed callee fails the
//     caller the same way (REVERT with its reason, OOG, or ERROR of its kind);
//   static_call(address, fn_name, args): as call, but the callee (and everything it calls)
//     may not write storage, emit events or move value;
//   try_call(...): (True, result) or (False, reason), never failing the caller for what
//     the callee did.
import { STDLIB_BY_NAME, type StdInfo } from '../spec/table.js';
import { isErrorKind, OutOfGas, Revert, VmError } from '../spec/errors.js';
import type { SubCall, SubResult } from '../core/host.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { PyTuple, toBig, typeName, type Value } from '../core/values.js';
import { needAddress } from './address.js';
import { needInt } from './args.js';

const CALL = STDLIB_BY_NAME.get('contracts.call')!;
const STATIC = STDLIB_BY_NAME.get('contracts.static_call')!;
const TRY = STDLIB_BY_NAME.get('contracts.try_call')!;
const MAX_AMOUNT = (1n << 256n) - 1n;
const enc = new TextEncoder();
const OOG_REASON = enc.encode('out of gas');
/** b"error: <Kind>" per kind (the kinds are a closed set), encoded once */
const REASONS = new Map<string, Uint8Array>();

function request(m: Machine, info: StdInfo, a: Value[], b: number, isStatic: boolean): SubCall {
  const fn = info.name;
  const to = needAddress(m, fn, 'address', a[b]);
  const name = a[b + 1];
  if (typeof name !== 'string') throw new VmError('TypeError', `${fn}() argument 'fn_name' must be str, not ${typeName(name)}`);
  const args = a[b + 2];
  let items: Value[];
  if (Array.isArray(args)) items = args.slice();
  else if (args instanceof PyTuple) items = args.items.slice();
  else throw new VmError('TypeError', `${fn}() argument 'args' must be a list or tuple, not ${typeName(args)}`);
  let value = 0n;
  let gas: number | null = null;
  if (!isStatic) {
    value = toBig(needInt(fn, 'value', a[b + 3]));
    if (value < 0n || value > MAX_AMOUNT) throw new VmError('ValueError', `${fn}(): 'value' must be in 0 .. 2**256 - 1, got ${value}`);
    const g = a[b + 4];
    if (g !== null) {
      const x = toBig(needInt(fn, 'gas', g));
      if (x < 0n) throw new VmError('ValueError', `${fn}(): 'gas' must be non-negative, got ${x}`);
      // more than any call can have is as good as "all it may forward"
      gas = x > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(x);
    }
  }
  m.charge(info.base + (value > 0n ? info.dynamic.value_transfers : 0));
  if (m.host.static && value > 0n) throw new VmError('StaticCallViolation', `${fn}(): a static call may not move value`);
  if (!m.host.call) throw new VmError('CallError', `${fn}(): this host runs no cross-contract calls`);
  return { to: to.slice(), fn: name, args: items, value, gas, static: isStatic || m.host.static === true };
}

/** A failed callee fails the caller the same way. */
function raise(r: SubResult): Value {
  switch (r.status) {
    case 'SUCCESS':
      return r.value;
    case 'REVERT':
      throw new Revert(r.reason ?? new Uint8Array(0));
    case 'OOG':
      throw new OutOfGas(r.message);
    default:
      throw new VmError(r.kind !== null && isErrorKind(r.kind) ? r.kind : 'CallError', r.message);
  }
}

/** REVERT: the callee's reason; OOG: b"out of gas"; ERROR: b"error: <Kind>" (the kind, never the message text). */
export function failureReason(r: SubResult): Uint8Array {
  if (r.status === 'REVERT') return (r.reason ?? new Uint8Array(0)).slice();
  if (r.status === 'OOG') return OOG_REASON.slice();
  const kind = r.kind ?? 'CallError';
  let b = REASONS.get(kind);
  if (b === undefined) {
    b = enc.encode(`error: ${kind}`);
    if (REASONS.size < 64) REASONS.set(kind, b);
  }
  return b.slice();
}

export const call: StdImpl = (m, a, b) => raise(m.host.call!(m, request(m, CALL, a, b, false)));

export const staticCall: StdImpl = (m, a, b) => raise(m.host.call!(m, request(m, STATIC, a, b, true)));

export const tryCall: StdImpl = (m, a, b) => {
  const r = m.host.call!(m, request(m, TRY, a, b, false));
  return r.status === 'SUCCESS' ? new PyTuple([true, r.value]) : new PyTuple([false, failureReason(r)]);
};
