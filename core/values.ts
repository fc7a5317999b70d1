// Contract values as the interpreter holds them. Chosen for speed on the hot path:
//   int   -> number when it is a safe integer, else bigint (never a bigint in safe range,
//            so "is it small" is one typeof check and equal ints have equal representations)
//   bool  -> boolean      None -> null      bytes -> Uint8Array (never mutated)
//   str   -> string       list -> Value[]   tuple -> PyTuple      dict -> PyDict
import { VmError } from '../spec/errors.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { intHex } from './inthex.js';
import { hashBytes, hashCombine, hashFinish, hashStr, mixSmi, SMI_HI, SMI_LO, TUPLE_SEED } from './hash.js';

/**
 * spec/LIMITS.md: how deep any walk over a value may nest (equality, ordering, keying, ...).
 * Counted by the walk itself, so the failure point is the same on every host, whatever its
 * native stack size or JIT state.
 */
export const MAX_VALUE_DEPTH: number = DEFAULT_LIMITS.max_value_depth;

/** The one error every depth-limited walk raises when it would go deeper than MAX_VALUE_DEPTH. */
export function tooDeep(what: string): VmError {
  return new VmError('RecursionError', `maximum nesting depth (${MAX_VALUE_DEPTH}) exceeded in ${what}`);
}

export type Value = number | bigint | boolean | null | Uint8Array | string | Value[] | PyTuple | PyDict | PyDictView;

export class PyTuple {
  /** dict-key facts, computed on first use as a key (a hashable tuple never changes) */
  hash = -1;
  units = 0;
  /** the last memory walk that counted this tuple (core/memory.ts) */
  walk = 0;
  /** its size by the memory walk's rule when it holds no container, once measured; else -1 */
  flat = -1;
  constructor(readonly items: Value[]) {}
}

/** What a dict operation charges its key's size to: the Machine, or nothing when the host builds values. */
export interface Meter {
  charge(n: number): void;
}

/** Text longer than this is keyed by its seeded content hash, not by a V8 string key. */
const LONG_BYTES = 64;
const LONG_STR = 16000;
/** Map keys that are not a str's own text start with a private-use char; see directKey. */
const ESC = '\ue100';

/** Charge a key's units at the caller's table price for `key_units` (spec/GAS.md §4.1). */
function chargeKey(m: Meter | undefined, price: number, units: number): void {
  if (m !== undefined && units > 0) m.charge(units * price);
}

function words(n: number): number {
  return (n + 31) >>> 5;
}

/**
 * Units of a big-int key: 4 per 64-bit limb (hex digits / 16). Turning a big int into its
 * key text is V8's BigInt.toString(16), ~4x the cost per limb of hashing a text word.
 */
function limbs(hex: string): number {
  return ((hex.length + 15) >>> 4) * 4;
}

/**
 * A bytes value is never mutated, so its dict-key facts are computed once and kept on the
 * object itself under these symbols (a property read, where a WeakMap lookup costs a hash
 * probe and an ephemeron entry): the Map key string of a short key, the seeded content hash
 * of a long one. Speed only: nothing observable depends on whether a fact is cached.
 */
const KEY = Symbol('vm-py bytes key');
const HASH = Symbol('vm-py bytes hash');
const LATIN1 = Symbol('vm-py bytes latin-1');
type KeyedBytes = Uint8Array & { [KEY]?: string; [HASH]?: number; [LATIN1]?: string };

/** A few recent long str keys and their hashes: a str cannot carry its own. */
const strCache: (string | number)[] = ['', 0, '', 0, '', 0, '', 0];
let strNext = 0;

function longStrHash(s: string): number {
  for (let i = 0; i < 8; i += 2) if (strCache[i] === s) return strCache[i + 1] as number;
  const h = hashStr(s);
  strCache[strNext] = s;
  strCache[strNext + 1] = h;
  strNext = (strNext + 2) & 7;
  return h;
}

/**
 * The Map key of a hashable value, or null when it is keyed by content hash (long bytes or
 * str, tuples). Ints in the Smi range go through a seeded bijection (mixSmi); a str is its
 * own key unless it could look like an array index to V8 (a leading digit: V8 hashes those
 * unseeded) or starts with a char of the reserved private-use block (U+E000..U+E2FF); a
 * short bytes key is packed two bytes per char behind a first char in that block
 * (bytesKey). Charges the key's size first.
 */
function directKey(k: Value, m: Meter | undefined, price: number): number | string | null {
  switch (typeof k) {
    case 'number':
      if (k >= SMI_LO && k < SMI_HI) return mixSmi(k);
      // outside the small range the key is text: one unit
      chargeKey(m, price, 1);
      return ESC + 'i' + intHex(k);
    case 'boolean':
      return mixSmi(k ? 1 : 0);
    case 'bigint': {
      const hex = k.toString(16);
      chargeKey(m, price, limbs(hex));
      return ESC + 'i' + hex;
    }
    case 'string': {
      const n = k.length;
      if (n > LONG_STR) return null;
      chargeKey(m, price, words(n));
      if (n === 0) return k;
      const c = k.charCodeAt(0);
      return (c < 0x30 || c > 0x39) && (c < 0xe000 || c > 0xe2ff) ? k : ESC + 's' + k;
    }
    case 'object':
      if (k === null) return ESC + 'n';
      if (k instanceof Uint8Array) {
        const n = k.length;
        if (n > LONG_BYTES) return null;
        if (n === 0) return ESC + 'e';
        chargeKey(m, price, words(n));
        // a bytes value is never mutated: its key string is made once per object
        let ks = (k as KeyedBytes)[KEY];
        if (ks === undefined) (k as KeyedBytes)[KEY] = ks = bytesKey(k);
        return ks;
      }
      if (k instanceof PyTuple) return null;
  }
  throw new VmError('TypeError', `unhashable type: '${typeName(k)}'`);
}

/**
 * The Map key of a bytes value of 1..LONG_BYTES bytes: a first char holding b[0] and the
 * length's parity (U+E000 + b[0] for an odd length, U+E200 + b[0] for an even one), then
 * the rest two bytes per char, an even length's last byte alone in the last char. The
 * parity and the string's length give the byte length, so the form is one-to-one; it is
 * half as long as one char per byte, and V8 hashes and compares a key per char (a fresh
 * 64-byte key, `owner + spender`, was ~280 ns to build and ~100 ns to hash that way).
 * A char-code array per key length: resizing one array per key cost ~25% of a key.
 */
const KEY_CHARS: number[][] = [];
function bytesKey(b: Uint8Array): string {
  const n = b.length;
  const c = (n + 2) >>> 1;
  let keyChars = KEY_CHARS[c];
  if (keyChars === undefined) KEY_CHARS[c] = keyChars = new Array<number>(c).fill(0);
  keyChars[0] = ((n & 1) === 0 ? 0xe200 : 0xe000) + b[0];
  let j = 1;
  let i = 1;
  for (; i + 1 < n; i += 2) keyChars[j++] = (b[i] << 8) | b[i + 1];
  if (i < n) keyChars[j] = b[i];
  return String.fromCharCode.apply(null, keyChars);
}

/** Seeded content hash of a key on the hashed path (long text, tuple), charging its size. */
function contentHash(k: Value, m: Meter | undefined, price: number): number {
  if (typeof k === 'string') {
    chargeKey(m, price, words(k.length));
    return longStrHash(k);
  }
  if (k instanceof Uint8Array) {
    chargeKey(m, price, words(k.length));
    let h = (k as KeyedBytes)[HASH];
    if (h === undefined) (k as KeyedBytes)[HASH] = h = hashBytes(k);
    return h;
  }
  const t = k as PyTuple;
  tupleHash(t, 0);
  chargeKey(m, price, t.units);
  return t.hash;
}

/**
 * A tuple's hash and size units (1 per item plus each item's own units), cached on the
 * tuple. The walk is paid for by the tuple's construction (each tuple is walked once, its
 * sub-tuples answer from their cache); a use as a key is charged its units.
 */
function tupleHash(t: PyTuple, d: number): void {
  if (t.hash >= 0) return;
  const items = t.items;
  if (items.length !== 0 && d >= MAX_VALUE_DEPTH) throw tooDeep('hashing');
  let h = TUPLE_SEED;
  let units = items.length;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    let ih: number;
    switch (typeof x) {
      case 'number':
        if (x >= SMI_LO && x < SMI_HI) ih = mixSmi(x);
        else {
          units += 1;
          ih = hashStr(intHex(x));
        }
        break;
      case 'boolean':
        ih = mixSmi(x ? 1 : 0);
        break;
      case 'bigint': {
        const hex = x.toString(16);
        units += limbs(hex);
        ih = hashStr(hex);
        break;
      }
      case 'string':
        units += words(x.length);
        ih = x.length > LONG_STR ? longStrHash(x) : hashStr(x);
        break;
      default:
        if (x === null) ih = 0x2545f491;
        else if (x instanceof Uint8Array) {
          units += words(x.length);
          let bh = (x as KeyedBytes)[HASH];
          if (bh === undefined) {
            bh = hashBytes(x);
            if (x.length > LONG_BYTES) (x as KeyedBytes)[HASH] = bh;
          }
          ih = bh ^ 0x1b873593;
        } else if (x instanceof PyTuple) {
          tupleHash(x, d + 1);
          units += x.units;
          ih = x.hash;
        } else throw new VmError('TypeError', `unhashable type: '${typeName(x)}'`);
    }
    h = hashCombine(h, ih);
  }
  // saturate: a tuple sharing sub-tuples can claim more units than a float counts exactly
  t.units = units > 2 ** 50 ? 2 ** 50 : units;
  t.hash = hashFinish(h, items.length);
}

/** Python == between two hashable values whose hashes matched (no gas: see contentHash). */
function keyEq(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array) return b instanceof Uint8Array && bytesEq(a, b);
  if (a instanceof PyTuple) {
    if (!(b instanceof PyTuple) || a.items.length !== b.items.length || a.hash !== b.hash) return false;
    for (let i = 0; i < a.items.length; i++) {
      const x = a.items[i];
      const y = b.items[i];
      if (x !== y && ((typeof x === 'number' && typeof y === 'number') || !keyEq(x, y))) return false;
    }
    return true;
  }
  // hashes matched and the lookup charged the key's units: the text compare is paid for
  if (typeof a === 'string') return typeof b === 'string' && a === b;
  return scalarEq(a, b);
}

/**
 * Insertion-ordered dict; keys are normalized so that Python-equal keys collide (1 == True).
 * `map` holds every entry in insertion order; a key on the hashed path is stored under
 * ESC 'h' hash '.' slot, where slot is its place among the keys with that hash.
 */
export class PyDict {
  /** entries [key, value, position]: the position in CPython's entry table (see grow); a removed entry's position becomes -1 (a reverse loop holding it skips it) */
  readonly map = new Map<number | string, [Value, Value, number]>();
  /** the last memory walk that counted this dict (core/memory.ts) */
  walk = 0;
  private hashed: Map<number, (Value | undefined)[]> | null = null;
  /**
   * CPython's table layout, which decides what a loop over a dict that the body changes sees
   * (core/dict_iter.ts): `nent` entries used in the table (deleted ones stay until a resize),
   * `usable` free entries left, `cap` the table size, `resizes` counts compactions.
   */
  nent = 0;
  usable = 0;
  cap = 1;
  resizes = 0;
  get size(): number {
    return this.map.size;
  }
  /**
   * How many keys are on the hashed path (tuples, long text): they bound the entries of the
   * second Map a copy makes (one per distinct hash). Counted per key, never per hash: hashes
   * and so their collisions may differ between hosts, a count of keys cannot.
   */
  hashedKeys = 0;
  /** The Map key of k: the one it is stored under, or (add) a free one, or undefined. */
  private keyOf(k: Value, m: Meter | undefined, price: number, add: boolean): number | string | undefined {
    const dk = directKey(k, m, price);
    if (dk !== null) return dk;
    const h = contentHash(k, m, price);
    const slots = this.hashed?.get(h);
    let free = -1;
    if (slots !== undefined) {
      for (let i = 0; i < slots.length; i++) {
        const x = slots[i];
        if (x === undefined) free = i;
        else if (keyEq(x, k)) return ESC + 'h' + h + '.' + i;
      }
    }
    if (!add) return undefined;
    // a slot list is never changed in place: copies of the dict share them (copy())
    const next = slots === undefined ? [] : slots.slice();
    if (free < 0) free = next.length;
    next[free] = k;
    (this.hashed ??= new Map()).set(h, next);
    this.hashedKeys++;
    return ESC + 'h' + h + '.' + free;
  }
  get(k: Value, m?: Meter, price = 0): Value | undefined {
    const hk = this.keyOf(k, m, price, false);
    if (hk === undefined) return undefined;
    const e = this.map.get(hk);
    return e === undefined ? undefined : e[1];
  }
  set(k: Value, v: Value, m?: Meter, price = 0): void {
    const hk = this.keyOf(k, m, price, true)!;
    const e = this.map.get(hk);
    if (e !== undefined)
      e[1] = v; // Python keeps the first key object and its position
    else {
      if (this.usable <= 0) this.grow(this.map.size * 3);
      this.usable--;
      this.map.set(hk, [k, v, this.nent++]);
    }
  }
  /**
   * CPython's dictresize: a table of 2 ** calculate_log2_keysize(minsize), two thirds of it
   * usable, holding the live entries compacted in order (a new key that finds no usable entry
   * grows for 3 x the live count, as CPython's GROWTH_RATE). CPython 3.11 on 64-bit hosts
   * computes the size as bit_length(((minsize | 8) - 1) | 7), which is not always the least
   * power of two >= minsize (6 gives 16, 16 gives 32): what a loop that changes the dict sees
   * depends on it, so it is computed the same way here.
   */
  grow(minsize: number): void {
    const cap = 2 ** (32 - Math.clz32(((minsize | 8) - 1) | 7));
    const used = this.map.size;
    this.cap = cap;
    this.usable = (((cap << 1) / 3) | 0) - used;
    this.nent = used;
    this.resizes++;
    let i = 0;
    for (const e of this.map.values()) e[2] = i++;
  }
  /**
   * A dict with the same entries, inserted in order as set() would (the same table growth,
   * computed per resize rather than per entry), each under the Map key it has here: a copy
   * re-keys nothing (dict.copy(): per entry, no key hashed or compared again).
   */
  copy(): PyDict {
    const d = new PyDict();
    if (this.hashed !== null) d.hashed = new Map(this.hashed);
    d.hashedKeys = this.hashedKeys;
    const map = d.map;
    let i = 0;
    for (const [hk, e] of this.map) map.set(hk, [e[0], e[1], i++]);
    // set()'s growth: a resize whenever no usable entry is left, for 3 x the live count
    for (let size = 0; size < i; ) {
      if (d.usable <= 0) {
        d.cap = 2 ** (32 - Math.clz32((((size * 3) | 8) - 1) | 7));
        d.usable = (((d.cap << 1) / 3) | 0) - size;
        d.nent = size;
        d.resizes++;
      }
      const k = Math.min(d.usable, i - size);
      size += k;
      d.usable -= k;
      d.nent += k;
    }
    return d;
  }
  /** dict.clear(): CPython's empty table. */
  clear(): void {
    for (const e of this.map.values()) e[2] = -1;
    this.map.clear();
    this.hashed = null;
    this.hashedKeys = 0;
    this.nent = 0;
    this.usable = 0;
    this.cap = 1;
    this.resizes++;
  }
  has(k: Value, m?: Meter, price = 0): boolean {
    const hk = this.keyOf(k, m, price, false);
    return hk !== undefined && this.map.has(hk);
  }
  delete(k: Value, m?: Meter, price = 0): boolean {
    const hk = this.keyOf(k, m, price, false);
    const e = hk === undefined ? undefined : this.map.get(hk);
    if (e === undefined) return false;
    this.map.delete(hk!);
    e[2] = -1;
    this.freeSlot(hk!);
    return true;
  }
  /** Remove k and return its value, keying it once; undefined when absent. */
  pop(k: Value, m?: Meter, price = 0): Value | undefined {
    const hk = this.keyOf(k, m, price, false);
    if (hk === undefined) return undefined;
    const e = this.map.get(hk);
    if (e === undefined) return undefined;
    this.map.delete(hk);
    e[2] = -1;
    this.freeSlot(hk);
    return e[1];
  }
  private freeSlot(hk: number | string): void {
    if (typeof hk === 'string' && hk.charCodeAt(1) === 0x68 && hk.charCodeAt(0) === 0xe100) {
      const dot = hk.indexOf('.');
      const h = Number(hk.slice(2, dot));
      const next = this.hashed!.get(h)!.slice();
      next[Number(hk.slice(dot + 1))] = undefined;
      this.hashed!.set(h, next);
      this.hashedKeys--;
    }
  }
}

/** d.keys() (0), d.values() (1), d.items() (2): a live view that reads the dict at each use. */
export class PyDictView {
  constructor(
    readonly dict: PyDict,
    readonly kind: 0 | 1 | 2,
  ) {}
}
const VIEW_NAMES = ['dict_keys', 'dict_values', 'dict_items'];

/** Normalize a bigint result: back to number when it fits. */
export function normBig(x: bigint): number | bigint {
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
}

export function isInt(v: Value): v is number | bigint | boolean {
  const t = typeof v;
  return t === 'number' || t === 'bigint' || t === 'boolean';
}

export function toBig(v: number | bigint | boolean): bigint {
  return typeof v === 'bigint' ? v : BigInt(v === true ? 1 : v === false ? 0 : v);
}

/**
 * A bytes value read as a latin-1 string (one char per byte), so that str algorithms serve
 * bytes methods. A bytes value is never mutated, so the string is made once per object and
 * kept on it (as the dict key is), not on every method call that reads the value. Speed
 * only: whoever asks pays the value's size as before; the string lives as long as the value.
 */
export function latin1Of(b: Uint8Array): string {
  let s = (b as KeyedBytes)[LATIN1];
  if (s === undefined) (b as KeyedBytes)[LATIN1] = s = bytesToLatin1(b);
  return s;
}

export function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  if (b.length <= 8192) return String.fromCharCode.apply(null, b as unknown as number[]);
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}

/** Raise TypeError unless k can be a dict key (no key is built: used where only the check matters). */
export function checkHashable(k: Value): void {
  if (k instanceof PyTuple) tupleHash(k, 0);
  else directKey(k, undefined, 0);
}

export function typeName(v: Value): string {
  switch (typeof v) {
    case 'number':
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'string':
      return 'str';
  }
  if (v === null) return 'NoneType';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyDictView) return VIEW_NAMES[v.kind];
  return 'dict';
}

export function bytesEq(a: Uint8Array, b: Uint8Array): boolean {
  const n = a.length;
  if (n !== b.length) return false;
  if (a === b) return true;
  // short: the latin-1 strings kept on the values (made once per value), compared at once;
  // a byte loop or two fresh views cost ~100 ns for 64 bytes, a value scanned over and over
  if (n > 8 && n <= 512) return latin1Of(a) === latin1Of(b);
  let i = 0;
  // long and both aligned: four bytes per step (the views see the same bytes on any host)
  if (n >= 64 && ((a.byteOffset | b.byteOffset) & 3) === 0) {
    const k = n >>> 2;
    const x = new Int32Array(a.buffer, a.byteOffset, k);
    const y = new Int32Array(b.buffer, b.byteOffset, k);
    for (let j = 0; j < k; j++) if (x[j] !== y[j]) return false;
    i = k << 2;
  }
  for (; i < n; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Python `==` where neither side needs a walk: None, bools, ints, or two values of different
 * kinds (list == tuple is False). O(1), a big int's limbs aside. Equality that walks text,
 * bytes or containers is charged per word and item (core/compare.ts eqCharged, dict keys by
 * their key units): it has no uncharged twin here, and a call that would need one is an
 * internal error, never a silent free walk.
 */
export function scalarEq(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if (ta === 'boolean' || tb === 'boolean') {
    if ((ta === 'boolean' || ta === 'number') && (tb === 'boolean' || tb === 'number')) return Number(a) === Number(b);
    return false;
  }
  if (ta === 'string' && tb === 'string') throw new Error('internal: str == str must be charged (eqCharged)');
  if (ta !== 'object' || tb !== 'object' || a === null || b === null) return false;
  if (walkKind(a as object) === walkKind(b as object)) throw new Error(`internal: ${typeName(a)} == ${typeName(b)} must be charged (eqCharged)`);
  return false;
}

/** Which values == walks against each other (dict views compare with dicts' views: core/dict_view.ts). */
function walkKind(v: object): number {
  return v instanceof Uint8Array ? 1 : Array.isArray(v) ? 2 : v instanceof PyTuple ? 3 : v instanceof PyDict ? 4 : 5;
}

/** Python truthiness. */
export function truthy(v: Value): boolean {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'number':
      return v !== 0;
    case 'bigint':
      return true; // normalized: a bigint is never 0
    case 'string':
      return v.length !== 0;
  }
  if (v === null) return false;
  if (v instanceof Uint8Array) return v.length !== 0;
  if (Array.isArray(v)) return v.length !== 0;
  if (v instanceof PyTuple) return v.items.length !== 0;
  if (v instanceof PyDictView) return v.dict.size !== 0;
  return (v as PyDict).size !== 0;
}
