// The memory bound (spec/DETERMINISM.md §"Memory"): contract values held by one call never
// exceed limits.max_memory_bytes. Values are counted as they are made (Machine.mem, no
// gas); when the running count passes the cap, the live set is measured by a deterministic
// walk from the roots and the call fails with MemoryError if it is over the cap, else the
// running count restarts at the live size. The walk costs O(live) once per cap's worth of
// allocation; the interpreter's small-int fast paths make nothing and count nothing.
import { VmError } from '../spec/errors.js';
import { bitLenBig } from './bigint.js';
import type { Machine } from './machine.js';
import { PyDict, PyDictView, PyTuple, type Value } from './values.js';
import { CONSTANTS } from '../spec/table.js';

/**
 * Gas per reference the live walk follows. The walk runs once per quarter cap of new
 * allocation, and allocation is priced per 32 bytes (bytes(n)), so a live set of many small
 * references (8 bytes counted each) made each walk cost ~50-90x its gas share: priced by the
 * references it follows, a walk pays for itself whatever drove it.
 */
const G_WALK_REF = CONSTANTS.G_WALK_REF;

/** Bytes a list or tuple of n items counts; a dict of n entries counts dictBytes(n). */
export const seqBytes = (n: number): number => 16 + 8 * n;
export const dictBytes = (n: number): number => 16 + 16 * n;
/** A big int counts the bytes of its magnitude; a small int (|x| < 2^53) nothing. */
export const bigBytes = (x: bigint): number => (bitLenBig(x) + 7) >>> 3;

/**
 * Count an int result: only a big one takes memory, and it counts the most a big int can
 * take (max_int_bits / 8 bytes), which needs no bit-length computation on the hot big-int
 * paths; the live measure counts its actual magnitude.
 */
export function countInt(m: Machine, v: Value): Value {
  if (typeof v === 'bigint') m.mem += m.bigIntBytes;
  return v;
}

/** Numbers the walks: a tuple or dict whose `walk` is the current one has been counted. */
let walks = 0;

/**
 * Size of everything reachable from vals[from..to) by the rule: bytes and str their length
 * (str in UTF-16 code units), a big int its magnitude bytes, small ints, bools and None
 * nothing, a list or tuple 16 + 8 per item, a dict 16 + 16 per entry, plus the sizes of
 * what they hold. Every reference to a bytes, str or int counts; a list, tuple or dict
 * counts once per walk however often it is reached (so a list may contain itself).
 * Stops early, returning a value above `cap`, once the total passes `cap`.
 *
 * A tuple's identity is its items array (a loop over a tuple holds that array on the stack,
 * not the tuple). Lists and the arrays among the roots are remembered in a Set; tuples and
 * dicts carry the number of the walk that counted them, which costs no hashing: a tuple is
 * looked up in the Set only when some root is an array, which may be its items. The
 * arrays among the roots are counted before anything else (the total does not depend on
 * the order, and past the cap any order returns a value above it).
 */
export function measure(vals: readonly Value[], from: number, to: number, cap: number, pay?: Pay): number {
  const walk = ++walks;
  const seen = new Set<Value[]>();
  // the lengths of the arrays in `seen` (bit L for length L < 31; `long` for any longer):
  // a tuple whose items' length is not among them cannot be one of them, and skips the Set
  // lookup (most tuples, when the lists held are long). The same answers as seen.has alone.
  let lens = 0;
  let long = false;
  const work: Value[] = [];
  let total = 0;
  let rootArrays = false;
  // references followed since the last payment (walk_refs): the roots, each container entered,
  // each list/tuple item and dict key and value looked at
  let refs = to - from;
  for (let i = from; i < to; i++) {
    const v = vals[i];
    if (Array.isArray(v)) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (v.length < 31) lens |= 1 << v.length;
      else long = true;
      rootArrays = true;
      refs += v.length;
      total += items(v, work);
    } else if (typeof v === 'object' && v !== null && !(v instanceof Uint8Array)) work.push(v);
    else total += leaf(v);
  }
  while (work.length > 0) {
    if (total > cap) break;
    if (pay !== undefined && refs >= WALK_CHUNK) {
      pay(refs);
      refs = 0;
    }
    const v = work.pop()!;
    refs++;
    if (v instanceof PyTuple) {
      if (v.walk === walk) continue;
      v.walk = walk;
      if (rootArrays) {
        const n = v.items.length;
        if ((n < 31 ? (lens >>> n) & 1 : long) && seen.has(v.items)) continue;
      }
      // its items are paid for whether or not its size is known: the size may have been
      // measured by an earlier call (a constant's tuple), and gas must not remember that
      refs += v.items.length;
      if (v.flat >= 0) {
        total += v.flat; // a tuple of leaves (immutable, so its size is too), measured before
        continue;
      }
      const k = work.length;
      const size = items(v.items, work);
      if (work.length === k) v.flat = size;
      total += size;
    } else if (Array.isArray(v)) {
      if (seen.has(v)) continue;
      seen.add(v);
      if (v.length < 31) lens |= 1 << v.length;
      else long = true;
      refs += v.length;
      total += items(v, work);
    } else if (v instanceof PyDictView) {
      // a view (or a dict loop's iterator) holds its dict
      total += 16;
      work.push(v.dict);
    } else {
      const d = v as PyDict;
      if (d.walk === walk) continue;
      d.walk = walk;
      total += dictBytes(d.size);
      refs += 2 * d.map.size;
      for (const e of d.map.values()) {
        for (let k = 0; k < 2; k++) {
          const x = e[k];
          if (typeof x === 'object' && x !== null && !(x instanceof Uint8Array)) work.push(x);
          else total += leaf(x);
        }
      }
    }
  }
  if (pay !== undefined && refs > 0) pay(refs);
  return total;
}

/** Charges `refs` references walked (memCheck's walk pays G_WALK_REF each, spec/DETERMINISM.md §5.1). */
export type Pay = (refs: number) => void;
/** The walk pays in chunks of this many references (and the rest at its end): bounded unpaid work, one charge per chunk. */
const WALK_CHUNK = 4096;

/** A list's or tuple's own size plus its leaves; its containers go onto `work`. */
function items(xs: Value[], work: Value[]): number {
  const n = xs.length;
  let total = seqBytes(n);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    const t = typeof x;
    if (t === 'number' || t === 'boolean') continue;
    if (t === 'object') {
      if (x === null) continue;
      if (x instanceof Uint8Array) total += x.length;
      else work.push(x);
    } else total += leaf(x);
  }
  return total;
}

function leaf(v: Value | undefined): number {
  switch (typeof v) {
    case 'string':
      return v.length;
    case 'bigint':
      return bigBytes(v);
    case 'object':
      return v instanceof Uint8Array ? v.length : 0;
  }
  return 0;
}

/** Size of one value by the walk's rule (stdlib results are counted this way). */
export function sizeOf(v: Value, cap: number): number {
  // a leaf needs no walk (the walk would count it by leaf() too); this skips the walk's Set and arrays on every storage.get
  if (typeof v !== 'object' || v === null || v instanceof Uint8Array) return leaf(v);
  return measure([v], 0, 1, cap);
}

/** A stdlib result counts its whole size (by the walk's rule) unless it is one of the arguments. */
export function countResult(m: Machine, r: Value, args: readonly Value[], base: number, n: number): void {
  if (typeof r === 'number' || typeof r === 'boolean' || r === null) return;
  for (let i = 0; i < n; i++) if (args[base + i] === r) return;
  m.mem += sizeOf(r, m.memCap);
}

/**
 * The check, run at the end of an instruction when m.mem > m.memCap: the live set is the
 * operand stack 0..sp (every frame's locals, loop state and operands). Slots above sp are
 * dead and are cleared, so that they do not keep garbage reachable for the host.
 */
export function memCheck(m: Machine, sp: number, paid = true): void {
  const stack = m.stack;
  for (let i = sp; i < stack.length; i++) stack[i] = undefined as unknown as Value;
  // (the check of a call's arguments at entry is the entry price's: calldata is paid per byte)
  const live = measure(stack, 0, sp, m.memCap, paid ? (refs) => m.charge(G_WALK_REF * refs) : undefined);
  if (live > m.memCap) throw new VmError('MemoryError', `contract values held by the call exceed the limit of ${m.memCap} bytes`);
  // The next walk waits for at least a quarter of the cap of new allocation, so a program
  // that keeps its live set just under the cap cannot force a walk every few instructions
  // (each walk costs O(live)); between walks the held values may pass the cap by less than
  // a quarter of it, and the next walk then fails the call.
  const floor = m.memCap - (m.memCap >>> 2);
  m.mem = live < floor ? live : floor;
}
