// bytes -> str decoding with CPython's error handlers (strict, ignore, replace,
// backslashreplace, surrogateescape) for utf-8 and ascii. CPython's UTF-8 decoder reports
// each maximal ill-formed subpart as one error (Unicode's recommended practice): a byte that
// cannot start a sequence, or a start byte with the continuation bytes valid so far.
import { VmError } from '../../spec/errors.js';
import { unitsToString } from './units.js';

export const ERROR_HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape'] as const;
export type ErrorHandler = (typeof ERROR_HANDLERS)[number];

const HEXD = Uint16Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/**
 * The error handler named by `errors` (its name is looked up only at the first error, as
 * CPython) writes its replacement of b[from .. to) into out at o; returns the new end.
 */
function handle(errors: string, enc: 'utf-8' | 'ascii', b: Uint8Array, from: number, to: number, reason: string, out: Uint16Array, o: number): number {
  switch (errors) {
    case 'ignore':
      return o;
    case 'replace':
      out[o] = 0xfffd;
      return o + 1;
    case 'backslashreplace':
      for (let i = from; i < to; i++, o += 4) {
        out[o] = 0x5c;
        out[o + 1] = 0x78;
        out[o + 2] = HEXD[b[i] >>> 4];
        out[o + 3] = HEXD[b[i] & 15];
      }
      return o;
    case 'surrogateescape':
      for (let i = from; i < to; i++) {
        if (b[i] < 0x80) throw decodeError(enc, b, from, to, reason);
        out[o++] = 0xdc00 + b[i];
      }
      return o;
    case 'strict':
      throw decodeError(enc, b, from, to, reason);
  }
  throw new VmError('LookupError', `unknown error handler name '${errors}'`);
}

function decodeError(enc: string, b: Uint8Array, from: number, to: number, reason: string): VmError {
  const what = to - from === 1 ? `byte 0x${b[from].toString(16).padStart(2, '0')} in position ${from}` : `bytes in position ${from}-${to - 1}`;
  return new VmError('UnicodeDecodeError', `'${enc}' codec can't decode ${what}: ${reason}`);
}

let truncated = false;

/**
 * Length of the valid UTF-8 sequence at i, or -(length of its maximal ill-formed subpart);
 * `truncated` tells whether that subpart was cut short by the end of the input.
 */
function utf8Seq(b: Uint8Array, i: number): number {
  truncated = false;
  const c = b[i];
  if (c < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (c >= 0xc2 && c <= 0xdf) need = 1;
  else if (c >= 0xe0 && c <= 0xef) {
    need = 2;
    if (c === 0xe0) lo = 0xa0;
    else if (c === 0xed) hi = 0x9f;
  } else if (c >= 0xf0 && c <= 0xf4) {
    need = 3;
    if (c === 0xf0) lo = 0x90;
    else if (c === 0xf4) hi = 0x8f;
  } else return -1;
  for (let k = 1; k <= need; k++) {
    if (i + k >= b.length) {
      truncated = true;
      return -k;
    }
    const x = b[i + k];
    if (k === 1 ? x < lo || x > hi : x < 0x80 || x > 0xbf) return -k;
  }
  return need + 1;
}

/** Whether b is well-formed UTF-8 (what a strict decode accepts), found without throwing. */
export function utf8Valid(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; ) {
    if (b[i] < 0x80) {
      i++;
      continue;
    }
    const n = utf8Seq(b, i);
    if (n < 0) return false;
    i += n;
  }
  return true;
}

/**
 * Decode with an error handler; the caller has charged for the input and the longest output
 * (4 chars a byte). Every char is written into one array of code units, decoded once at the
 * end: no string per error and no join over pieces.
 */
export function decodeWithErrors(b: Uint8Array, enc: 'utf-8' | 'ascii', errors: string): string {
  const out = new Uint16Array(4 * b.length);
  let o = 0;
  let surrogates = false;
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    if (c < 0x80) {
      out[o++] = c;
      i++;
      continue;
    }
    if (enc === 'ascii') {
      o = handle(errors, enc, b, i, i + 1, 'ordinal not in range(128)', out, o);
      surrogates ||= errors === 'surrogateescape';
      i++;
      continue;
    }
    const n = utf8Seq(b, i);
    if (n === 2) out[o++] = ((c & 0x1f) << 6) | (b[i + 1] & 0x3f);
    else if (n === 3)
      out[o++] = ((c & 0x0f) << 12) | ((b[i + 1] & 0x3f) << 6) | (b[i + 2] & 0x3f); // never a surrogate (0xed takes at most 0x9f)
    else if (n === 4) {
      const cp = (((c & 0x07) << 18) | ((b[i + 1] & 0x3f) << 12) | ((b[i + 2] & 0x3f) << 6) | (b[i + 3] & 0x3f)) - 0x10000;
      out[o++] = 0xd800 + (cp >> 10);
      out[o++] = 0xdc00 + (cp & 0x3ff);
      surrogates = true;
    }
    if (n > 0) {
      i += n;
      continue;
    }
    const end = i - n;
    const reason = c < 0xc2 || c > 0xf4 ? 'invalid start byte' : truncated ? 'unexpected end of data' : 'invalid continuation byte';
    o = handle(errors, enc, b, i, end, reason, out, o);
    surrogates ||= errors === 'surrogateescape';
    i = end;
  }
  return unitsToString(out, o, surrogates);
}
