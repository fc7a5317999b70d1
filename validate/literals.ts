// Python literal syntax: integer literals in every base and str/bytes literals with their
// prefixes and escapes, decoded exactly as CPython would.

export type IntLit = { kind: 'int'; value: bigint } | { kind: 'float' } | { kind: 'error'; message: string };

export function parseIntLiteral(text: string): IntLit {
  if (/[jJ]$/.test(text)) return { kind: 'float' };
  const m = /^0([xXoObB])((?:_?[0-9a-zA-Z])+)$/.exec(text);
  if (m) {
    const base = m[1].toLowerCase();
    const digits = m[2].replace(/_/g, '');
    const re = base === 'x' ? /^[0-9a-fA-F]+$/ : base === 'o' ? /^[0-7]+$/ : /^[01]+$/;
    if (!re.test(digits)) return { kind: 'error', message: `invalid integer literal ${text}` };
    return { kind: 'int', value: BigInt('0' + base + digits) };
  }
  if (/^[0-9_]*[.eE]/.test(text) || /^\./.test(text)) return { kind: 'float' };
  if (/^0(?:_?0)*$/.test(text)) return { kind: 'int', value: 0n };
  if (/^0[0-9_]+$/.test(text)) {
    return { kind: 'error', message: `leading zeros in decimal integer literals are not permitted (${text}); use 0o for octal` };
  }
  if (!/^[1-9](?:_?[0-9])*$/.test(text)) return { kind: 'error', message: `invalid integer literal ${text}` };
  return { kind: 'int', value: BigInt(text.replace(/_/g, '')) };
}

export type StrLit = { kind: 'str'; value: string } | { kind: 'bytes'; value: number[] } | { kind: 'error'; code: string; message: string };

const SIMPLE_ESCAPES: Record<string, number> = {
  '\\': 0x5c,
  "'": 0x27,
  '"': 0x22,
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
};

export function decodeStringLiteral(text: string): StrLit {
  const pm = /^([a-zA-Z]*)/.exec(text)!;
  const prefix = pm[1].toLowerCase();
  if (prefix.includes('f')) return { kind: 'error', code: 'E-FSTRING', message: 'f-strings are not allowed' };
  const isBytes = prefix.includes('b');
  const raw = prefix.includes('r');
  let body = text.slice(prefix.length);
  const q = body.startsWith('"""') || body.startsWith("'''") ? 3 : 1;
  body = body.slice(q, body.length - q);
  const units: number[] = []; // code points (str) or bytes
  for (let i = 0; i < body.length; ) {
    const cp = body.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    i += ch.length;
    if (ch !== '\\' || raw) {
      if (raw && ch === '\\' && i < body.length) {
        // raw strings keep the backslash and the next char (even a quote)
        units.push(0x5c);
        const nx = body.codePointAt(i)!;
        units.push(nx);
        i += String.fromCodePoint(nx).length;
        continue;
      }
      if (isBytes && cp > 0x7f) return { kind: 'error', code: 'E-SYNTAX', message: 'bytes can only contain ASCII literal characters' };
      units.push(cp);
      continue;
    }
    const e = body[i++];
    if (e === undefined) return { kind: 'error', code: 'E-SYNTAX', message: 'string ends with a backslash' };
    if (e === '\n') continue; // line continuation
    if (e === '\r') {
      if (body[i] === '\n') i++;
      continue;
    }
    if (e in SIMPLE_ESCAPES) {
      units.push(SIMPLE_ESCAPES[e]);
      continue;
    }
    if (e >= '0' && e <= '7') {
      let s = e;
      while (s.length < 3 && body[i] >= '0' && body[i] <= '7') s += body[i++];
      const v = parseInt(s, 8);
      if (isBytes && v > 0xff) return { kind: 'error', code: 'E-SYNTAX', message: `octal escape \\${s} out of range for bytes` };
      units.push(v);
      continue;
    }
    const hexLen = e === 'x' ? 2 : !isBytes && e === 'u' ? 4 : !isBytes && e === 'U' ? 8 : 0;
    if (hexLen) {
      const h = body.slice(i, i + hexLen);
      if (h.length !== hexLen || !/^[0-9a-fA-F]+$/.test(h)) return { kind: 'error', code: 'E-SYNTAX', message: `truncated \\${e} escape` };
      const v = parseInt(h, 16);
      if (v > 0x10ffff) return { kind: 'error', code: 'E-SYNTAX', message: `\\${e}${h} is not a valid code point` };
      units.push(v);
      i += hexLen;
      continue;
    }
    if (!isBytes && e === 'N') return { kind: 'error', code: 'E-SYNTAX', message: '\\N{...} escapes are not supported; use \\u or \\U' };
    // unknown escape: Python keeps the backslash (with a warning)
    units.push(0x5c, e.codePointAt(0)!);
  }
  if (isBytes) return { kind: 'bytes', value: units };
  // code points and UTF-16 would disagree on a lone surrogate, and it could never be encoded,
  // stored or returned: contract strings hold Unicode scalar values only (spec/LANGUAGE.md)
  for (const u of units) {
    if (u >= 0xd800 && u <= 0xdfff)
      return { kind: 'error', code: 'E-SYNTAX', message: `lone surrogate \\u${u.toString(16)} in str literal: contract strings must be encodable as UTF-8` };
  }
  return { kind: 'str', value: String.fromCodePoint(...units) };
}
