// bytes -> str decoding with CPython's error handlers (strict, ignore, replace,
// backslashreplace, surrogateescape) for utf-8 and ascii. CPython's UTF-8 decoder reports
// each maximal ill-formed subpart as one error (Unicode's recommended practice): a byte that
// cannot start a sequence, or a start byte with the continuation bytes valid so far.
import { VmError } from '../../spec/errors.js';

export const ERROR_HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape'] as const;
export type ErrorHandler = (typeof ERROR_HANDLERS)[number];

/** The error handler named by `errors` (its name is looked up only at the first error, as CPython). */
function handle(errors: string, enc: 'utf-8' | 'ascii', b: Uint8Array, from: number, to: number, reason: string): string {
  switch (errors) {
    case 'ignore':
      return '';
    case 'replace':
      return '\ufffd';
    case 'backslashreplace': {
      let s = '';
      for (let i = from; i < to; i++) s += '\\x' + b[i].toString(16).padStart(2, '0');
      return s;
    }
    case 'surrogateescape': {
      let s = '';
      for (let i = from; i < to; i++) {
        if (b[i] < 0x80) throw decodeError(enc, b, from, to, reason);
        s += String.fromCharCode(0xdc00 + b[i]);
      }
      return s;
    }
    case 'strict':
      throw decodeError(enc, b, from, to, reason);
  }
  throw new VmError('LookupError', `unknown error handler name '${errors}'`);
}

function decodeError(enc: string, b: Uint8Array, from: number, to: number, reason: string): VmError {
  const what = to - from === 1 ? `byte 0x${b[from].toString(16).padStart(2, '0')} in position ${from}` : `bytes in position ${from}-${to - 1}`;
  return new VmError('UnicodeDecodeError', `'${enc}' codec can't decode ${what}: ${reason}`);
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });
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

/** Decode with an error handler; the caller has charged for the input and the longest output (4 chars a byte). */
export function decodeWithErrors(b: Uint8Array, enc: 'utf-8' | 'ascii', errors: string): string {
  const parts: string[] = [];
  let run = 0; // start of the current run of valid input
  const flush = (to: number) => {
    if (to > run) parts.push(utf8.decode(b.subarray(run, to)));
  };
  let i = 0;
  while (i < b.length) {
    if (enc === 'ascii') {
      if (b[i] < 0x80) {
        i++;
        continue;
      }
      flush(i);
      parts.push(handle(errors, enc, b, i, i + 1, 'ordinal not in range(128)'));
      run = ++i;
      continue;
    }
    const n = utf8Seq(b, i);
    if (n > 0) {
      i += n;
      continue;
    }
    flush(i);
    const end = i - n;
    const reason = b[i] < 0xc2 || b[i] > 0xf4 ? 'invalid start byte' : truncated ? 'unexpected end of data' : 'invalid continuation byte';
    parts.push(handle(errors, enc, b, i, end, reason));
    run = i = end;
  }
  flush(b.length);
  return parts.join('');
}
