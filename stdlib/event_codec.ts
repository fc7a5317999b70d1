// Event log encoding (spec/ABI.md §5). The data is self-describing and canonical
// (args sorted by key bytes, shortest varints), so a log's bytes depend only on the values
// emitted, never on dict insertion order or on a manifest.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { AbiError, VmError } from '../spec/errors.js';
import { ByteWriter } from '../compiler/bytewriter.js';
import { VarintError, readUvarint, readUvarintBig, zigzag, unzigzag, type Cursor } from '../compiler/uvarint.js';
import { PyDict, normBig, typeName, type Value } from '../core/values.js';
import { utf8Decode, utf8Encode } from '../core/abi/codec.js';

export const EVENT_TOPIC_DOMAIN = 'animica:event:v1|';

export const TAG_INT = 0x00;
export const TAG_BYTES = 0x01;
export const TAG_BOOL = 0x02;
export const TAG_STR = 0x03;
export const TAG_NONE = 0x04;

/** Caps from the YAML `limits` (their defaults). */
export interface EventLimits {
  maxArgs?: number; // 16
  maxNameBytes?: number; // 64
  maxDataBytes?: number; // 65,536
  maxIntBits?: number; // 4096, decode side only (the VM already bounds the ints it makes)
}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DOMAIN_BYTES = Uint8Array.from(EVENT_TOPIC_DOMAIN, (c) => c.charCodeAt(0));

/** The event name as bytes: str is UTF-8; 1..maxNameBytes bytes. VmError otherwise. */
export function eventNameBytes(name: Value, maxNameBytes = 64): Uint8Array {
  let b: Uint8Array | undefined;
  if (name instanceof Uint8Array) b = name;
  else if (typeof name === 'string') {
    b = utf8Encode(name);
    if (!b) throw new VmError('ValueError', 'event name is not encodable as UTF-8 (lone surrogate)');
  } else throw new VmError('TypeError', `event name must be bytes or str, not ${typeName(name)}`);
  if (b.length === 0) throw new VmError('ValueError', 'event name is empty');
  if (b.length > maxNameBytes) throw new VmError('ValueError', `event name is ${b.length} bytes, the cap is ${maxNameBytes}`);
  return b;
}

/** topic = sha3_256(b"animica:event:v1|" + name bytes). */
export function eventTopic(name: Value, maxNameBytes = 64): Uint8Array {
  const n = eventNameBytes(name, maxNameBytes);
  // a contract emits a few names over and over: each is hashed once (gas does not depend on it)
  const k = String.fromCharCode.apply(null, n as unknown as number[]);
  let t = topicMemo.get(k);
  if (t === undefined) {
    const pre = new Uint8Array(DOMAIN_BYTES.length + n.length);
    pre.set(DOMAIN_BYTES);
    pre.set(n, DOMAIN_BYTES.length);
    t = sha3_256(pre);
    if (topicMemo.size >= 256) topicMemo.clear();
    topicMemo.set(k, t);
  }
  return t.slice();
}
const topicMemo = new Map<string, Uint8Array>();

function keyString(k: Value): string {
  if (typeof k === 'string') {
    if (!IDENT.test(k)) throw new VmError('ValueError', `event arg key ${JSON.stringify(k)} is not an ASCII identifier`);
    return k;
  }
  if (k instanceof Uint8Array) {
    // Checked byte by byte, so the latin1 string below equals the key's bytes.
    let s = '';
    for (const b of k) s += String.fromCharCode(b);
    if (!IDENT.test(s)) throw new VmError('ValueError', `event arg key b${JSON.stringify(s)} is not an ASCII identifier`);
    return s;
  }
  throw new VmError('TypeError', `event arg keys must be str or bytes, not ${typeName(k)}`);
}

/**
 * data = uvarint(n) || per arg, sorted by key bytes: uvarint(len k) || k || tag || value.
 * Throws VmError(TypeError|ValueError) for what a contract could get wrong.
 */
export function encodeEventData(args: Value, limits: EventLimits = {}): Uint8Array {
  const maxArgs = limits.maxArgs ?? 16;
  const maxData = limits.maxDataBytes ?? 65536;
  if (!(args instanceof PyDict)) throw new VmError('TypeError', `event args must be a dict, not ${typeName(args)}`);
  if (args.size > maxArgs) throw new VmError('ValueError', `event has ${args.size} args, the cap is ${maxArgs}`);
  const entries: [string, Value][] = [];
  const seen = new Set<string>();
  // no destructuring on this path: the CLI runs it cold, where each pattern walks an iterator
  for (const e of args.map.values()) {
    const ks = keyString(e[0]);
    if (seen.has(ks)) throw new VmError('ValueError', `event arg key ${JSON.stringify(ks)} given twice (as str and bytes)`);
    seen.add(ks);
    entries.push([ks, e[1]]);
  }
  // ASCII keys: UTF-16 code unit order is byte order. No locale-aware comparison, ever.
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = new ByteWriter();
  out.uvarint(entries.length);
  for (let j = 0; j < entries.length; j++) {
    const k = entries[j][0];
    const v = entries[j][1];
    out.uvarint(k.length);
    out.room(k.length);
    for (let i = 0; i < k.length; i++) out.buf[out.len++] = k.charCodeAt(i);
    writeValue(out, k, v, maxData);
    if (out.len > maxData) throw new VmError('ValueError', `event data exceeds the cap of ${maxData} bytes`);
  }
  return out.finish();
}

function pushBytes(out: ByteWriter, b: Uint8Array, maxData: number): void {
  if (out.len + b.length > maxData) throw new VmError('ValueError', `event data exceeds the cap of ${maxData} bytes`);
  out.uvarint(b.length);
  out.bytes(b);
}

function writeValue(out: ByteWriter, key: string, v: Value, maxData: number): void {
  switch (typeof v) {
    case 'number':
      out.byte(TAG_INT);
      // |v| < 2**30 keeps zigzag below 2**31: ByteWriter.uvarint's number path, no bigint.
      if (v < 0x40000000 && v > -0x40000000) out.uvarint(v >= 0 ? v * 2 : -v * 2 - 1);
      else out.uvarintBig(zigzag(BigInt(v)));
      return;
    case 'bigint':
      out.byte(TAG_INT);
      out.uvarintBig(zigzag(v));
      return;
    case 'boolean':
      out.byte(TAG_BOOL);
      out.byte(v ? 1 : 0);
      return;
    case 'string': {
      const b = utf8Encode(v);
      if (!b) throw new VmError('ValueError', `event arg ${key}: str is not encodable as UTF-8 (lone surrogate)`);
      out.byte(TAG_STR);
      pushBytes(out, b, maxData);
      return;
    }
  }
  if (v === null) {
    out.byte(TAG_NONE);
    return;
  }
  if (v instanceof Uint8Array) {
    out.byte(TAG_BYTES);
    pushBytes(out, v, maxData);
    return;
  }
  throw new VmError('TypeError', `event arg ${key} must be int, bytes, bool, str or None, not ${typeName(v)}`);
}

// ---------------------------------------------------------------- decoding (tools, CLI)

function bad(at: number, msg: string): never {
  throw new AbiError(`event data: ${msg} at byte ${at}`);
}

function varNum(c: Cursor, what: string): number {
  const at = c.pos;
  // one or two bytes (every count and length under 16 KB): no bigint on the way
  const b0 = c.buf[at];
  if (b0 < 0x80) {
    c.pos = at + 1;
    return b0;
  }
  const b1 = c.buf[at + 1];
  if (b0 !== undefined && b1 !== undefined && b1 < 0x80 && b1 !== 0) {
    c.pos = at + 2;
    return (b0 & 0x7f) | (b1 << 7);
  }
  try {
    return readUvarint(c);
  } catch (e) {
    if (e instanceof VarintError) bad(at, `${e.message} (${what})`);
    throw e;
  }
}

function take(c: Cursor, n: number, what: string): Uint8Array {
  if (n > c.buf.length - c.pos) bad(c.pos, `truncated ${what}: need ${n} bytes, have ${c.buf.length - c.pos}`);
  const b = c.buf.slice(c.pos, c.pos + n);
  c.pos += n;
  return b;
}

function readInt(c: Cursor, maxIntBits: number): number | bigint {
  const start = c.pos;
  // Locate the end before any bigint work so a huge varint costs nothing.
  const maxLen = Math.trunc((maxIntBits + 1 + 6) / 7);
  let end = start;
  for (;;) {
    if (end >= c.buf.length) bad(start, 'truncated int varint');
    if (end - start >= maxLen) bad(start, `int wider than ${maxIntBits} bits`);
    if (c.buf[end] < 0x80) break;
    end++;
  }
  if (c.buf[end] === 0 && end > start) bad(start, 'non-minimal int varint');
  c.pos = end + 1;
  if (end - start < 7 && maxIntBits >= 49) {
    // up to 49 bits: exact in a double, as is its unzigzag (what normBig makes of it)
    let u = 0;
    for (let i = end; i >= start; i--) u = u * 128 + (c.buf[i] & 0x7f);
    return u % 2 === 0 ? u / 2 : -(u + 1) / 2;
  }
  // checked above (ends at `end`, minimal, within the width): the shared reader builds it
  const u = readUvarintBig({ buf: c.buf, pos: start });
  const x = unzigzag(u);
  if ((x < 0n ? -x : x) >= 1n << BigInt(maxIntBits)) bad(start, `int wider than ${maxIntBits} bits`);
  return normBig(x);
}

/** One char per byte (exact for every byte, unlike the 'latin1' TextDecoder), a call per 4 KB, not a string per byte. */
function byteChars(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 4096) s += String.fromCharCode.apply(null, b.subarray(i, i + 4096) as unknown as number[]);
  return s;
}

/** Strict inverse of encodeEventData: canonical order, known tags, no trailing bytes. */
export function decodeEventData(bytes: Uint8Array, limits: EventLimits = {}): Array<[string, Value]> {
  const maxArgs = limits.maxArgs ?? 16;
  const maxIntBits = limits.maxIntBits ?? 4096;
  const c: Cursor = { buf: bytes, pos: 0 };
  const n = varNum(c, 'arg count');
  if (n > maxArgs) bad(0, `${n} args exceeds the cap of ${maxArgs}`);
  const out: Array<[string, Value]> = [];
  let prev: string | undefined;
  for (let i = 0; i < n; i++) {
    const at = c.pos;
    const klen = varNum(c, 'key length');
    const key = byteChars(take(c, klen, 'key'));
    if (!IDENT.test(key)) bad(at, `key ${JSON.stringify(key)} is not an ASCII identifier`);
    if (prev !== undefined && !(prev < key)) bad(at, `key ${JSON.stringify(key)} is out of order or repeated`);
    prev = key;
    if (c.pos >= bytes.length) bad(c.pos, 'truncated: missing value tag');
    const tagAt = c.pos;
    const tag = bytes[c.pos++];
    let v: Value;
    switch (tag) {
      case TAG_INT:
        v = readInt(c, maxIntBits);
        break;
      case TAG_BYTES:
        v = take(c, varNum(c, 'bytes length'), 'bytes');
        break;
      case TAG_BOOL: {
        const b = take(c, 1, 'bool')[0];
        if (b > 1) bad(c.pos - 1, `bad bool byte 0x${b.toString(16).padStart(2, '0')}`);
        v = b === 1;
        break;
      }
      case TAG_STR: {
        const s = utf8Decode(take(c, varNum(c, 'str length'), 'str'));
        if (s === undefined) bad(tagAt, `invalid UTF-8 in str arg ${key}`);
        v = s;
        break;
      }
      case TAG_NONE:
        v = null;
        break;
      default:
        bad(tagAt, `unknown value tag 0x${tag.toString(16).padStart(2, '0')}`);
    }
    out.push([key, v]);
  }
  if (c.pos !== bytes.length) bad(c.pos, `${bytes.length - c.pos} trailing bytes`);
  return out;
}
