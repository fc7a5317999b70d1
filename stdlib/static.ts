// Inside a static call (contracts.static_call, spec/CALLS.md) the state may be read, never
// changed: storage writes, events and value moves fail with StaticCallViolation before any
// gas is charged for them.
import { VmError } from '../spec/errors.js';
import type { Machine } from '../core/machine.js';

export function noStaticWrite(m: Machine, fn: string): void {
  if (m.host.static === true)
    throw new VmError('StaticCallViolation', `${fn}() in a static call: a static call may not write storage, emit events or move value`);
}
