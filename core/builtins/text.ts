// str <-> bytes codecs (utf-8 and ascii, strict), shared by bytes(), str.encode, bytes.decode.
import { VmError } from '../../spec/errors.js';
import type { Machine } from '../machine.js';
import { words } from './util.js';
import type { Prices } from '../../spec/table.js';
import { decodeWithErrors, utf8Valid } from './decode_errors.js';

const utf8Dec = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function encodeStr(m: Machine, s: string, enc: 'utf-8' | 'ascii', p: Prices): Uint8Array {
  m.charge(p.words * words(s.length * 3));
  m.capLen(s.length, 'bytes');
  if (enc === 'ascii') {
    m.mem += s.length;
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c > 0x7f) throw new VmError('UnicodeEncodeError', `'ascii' codec can't encode character at position ${i}: ordinal not in range(128)`);
      out[i] = c;
    }
    return out;
  }
  // lone surrogates cannot be encoded; TextEncoder would silently replace them
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdfff) {
      const d = s.charCodeAt(i + 1);
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) i++;
      else throw new VmError('UnicodeEncodeError', `'utf-8' codec can't encode character at position ${i}: surrogates not allowed`);
    }
  }
  const out = new TextEncoder().encode(s);
  m.capLen(out.length, 'bytes');
  m.mem += out.length;
  return out;
}

export function decodeBytes(m: Machine, b: Uint8Array, enc: 'utf-8' | 'ascii', p: Prices, errors = 'strict'): string {
  m.charge(p.words * words(b.length));
  if (enc === 'ascii') {
    for (let i = 0; i < b.length; i++) {
      if (b[i] > 0x7f) return decodeBad(m, b, enc, p, errors);
    }
    const s = latin1(b);
    m.mem += s.length;
    return s;
  }
  // short ASCII (names, keys): one pass and no decoder call, whose fixed cost is ~0.5 us
  if (b.length <= 256) {
    let ascii = true;
    for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) ascii = false;
    if (ascii) {
      const s = latin1(b);
      m.mem += s.length;
      return s;
    }
  }
  // with a handler, a failed strict decode is not an exception (which costs ~100 times a
  // short decode): the input is checked first, by the same rules
  if (errors !== 'strict' && !utf8Valid(b)) return decodeBad(m, b, enc, p, errors);
  try {
    const s = utf8Dec.decode(b);
    m.mem += s.length;
    return s;
  } catch {
    return decodeBad(m, b, enc, p, errors);
  }
}

/** Ill-formed input: CPython's error handler, after paying a second pass and the longest output (`\\xNN` a byte). */
function decodeBad(m: Machine, b: Uint8Array, enc: 'utf-8' | 'ascii', p: Prices, errors: string): string {
  m.charge(p.words * words(4 * b.length));
  const s = decodeWithErrors(b, enc, errors);
  m.mem += s.length;
  return s;
}

/** Bytes as a string of the same char codes, 8192 at a time (a spread of more could overflow). */
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192) as unknown as number[]);
  return s;
}
