// UTF-16 code units -> str, for results built unit by unit into an array (replace with an
// empty needle, escapes): one decode instead of a string per unit or a join over pieces.

const UTF16LE = new TextDecoder('utf-16le', { ignoreBOM: true });
const LITTLE = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/**
 * The str of u[0 .. len). `surrogates`: whether any unit may be a surrogate. Without any, the
 * host's UTF-16 decoder gives exactly the units (it would replace a lone surrogate, so it is
 * used only then, and only where the array's memory is little-endian); else blocks of
 * String.fromCharCode, which keep every unit as it is.
 */
export function unitsToString(u: Uint16Array, len: number, surrogates: boolean): string {
  const v = len === u.length ? u : u.subarray(0, len);
  // a short text: one call, cheaper than a decoder's fixed cost
  if (len <= 1024) return String.fromCharCode.apply(null, v as unknown as number[]);
  if (!surrogates && LITTLE) return UTF16LE.decode(v);
  let r = '';
  for (let b = 0; b < len; b += 8192) r += String.fromCharCode.apply(null, v.subarray(b, b + 8192) as unknown as number[]);
  return r;
}

const SURROGATE = /[\ud800-\udfff]/;

/** Whether s holds a surrogate code unit (paired or lone). */
export function hasSurrogate(s: string): boolean {
  return SURROGATE.test(s);
}
