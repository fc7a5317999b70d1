// str.format(*args, **kwargs) as CPython 3.11's string formatter: literal text with {{ and }},
// fields {name!conv:spec} where name is empty (automatic numbering), a position or a keyword,
// followed by [key] and .attr lookups; specs may nest one level of fields. Each field renders
// as format(value, spec) (core/builtins/format.ts). The compiler passes the keyword arguments
// as one dict after the positional ones. Gas: the format string's words first, then each
// field's rendering (charged by the formatter) and each piece's words before it is appended;
// `items` per piece appended (a literal run or a field) and per [key] or .attr lookup, each
// a slice, a name scan and a push whatever its length ("{0}" * 2000 and 8-deep .real chains
// ran at 25-150x the arithmetic loop's ns/gas priced by words alone).
import { VmError } from '../../spec/errors.js';
import { formatValue, repr, strValue } from '../builtins/format.js';
import { words } from '../builtins/util.js';
import { subscr } from '../containers.js';
import type { Machine } from '../machine.js';
import { PyDict, typeName, type Value } from '../values.js';
import type { MImpl } from './numbers.js';
import { BUILTIN_BY_NAME } from '../../spec/table.js';

const REPR = BUILTIN_BY_NAME.get('repr')!.dynamic;

interface State {
  m: Machine;
  per: number;
  /** price per convert step of a big int rendered */
  conv: number;
  /** price per piece appended (literal run or field) and per [key] or .attr lookup */
  item: number;
  args: Value[];
  kwargs: PyDict;
  auto: 'none' | 'auto' | 'manual';
  next: number;
}

const bad = (msg: string): never => {
  throw new VmError('ValueError', msg);
};

/** ascii(): repr with every non-ASCII code point escaped. */
function ascii(m: Machine, v: Value, per: number, conv: number): string {
  let out = '';
  for (const ch of repr(m, v, per, conv)) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += ch;
    else if (c < 0x100) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c < 0x10000) out += '\\u' + c.toString(16).padStart(4, '0');
    else out += '\\U' + c.toString(16).padStart(8, '0');
  }
  return out;
}

const INT_ATTRS = new Set(['real', 'numerator', 'imag', 'denominator']);

function getattr(v: Value, name: string): Value {
  const isInt = typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
  if (isInt && INT_ATTRS.has(name)) {
    if (name === 'imag') return 0;
    if (name === 'denominator') return 1;
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  }
  throw new VmError('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

/** The object a field name names: first part, then [key] and .attr lookups. */
function fieldObject(st: State, name: string): Value {
  let i = 0;
  while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
  const first = name.slice(0, i);
  let obj: Value;
  if (first === '') {
    if (st.auto === 'manual') bad('cannot switch from manual field specification to automatic field numbering');
    st.auto = 'auto';
    obj = position(st, st.next++);
  } else if (/^[0-9]+$/.test(first)) {
    if (st.auto === 'auto') bad('cannot switch from automatic field numbering to manual field specification');
    st.auto = 'manual';
    obj = position(st, Number(first));
  } else {
    const v = st.kwargs.get(first);
    if (v === undefined) throw new VmError('KeyError', `'${first}'`);
    obj = v;
  }
  while (i < name.length) {
    if (name[i] === '.') {
      let j = i + 1;
      while (j < name.length && name[j] !== '.' && name[j] !== '[') j++;
      const attr = name.slice(i + 1, j);
      if (attr === '') bad('Empty attribute in format string');
      st.m.charge(st.item);
      obj = getattr(obj, attr);
      i = j;
    } else if (name[i] === '[') {
      const j = name.indexOf(']', i + 1);
      if (j < 0) bad("Missing ']' in format string");
      const key = name.slice(i + 1, j);
      if (key === '') bad('Empty attribute in format string');
      st.m.charge(st.item);
      // a dict look-up as d[key] is (SUBSCR's key_units), and its KeyError names the key
      obj = subscr(obj, /^[0-9]+$/.test(key) ? Number(key) : key, st.m);
      i = j + 1;
      if (i < name.length && name[i] !== '.' && name[i] !== '[') bad("Only '.' or '[' may follow ']' in format field specifier");
    } else bad("Only '.' or '[' may follow ']' in format field specifier");
  }
  return obj;
}

function position(st: State, i: number): Value {
  if (!(i < st.args.length)) throw new VmError('IndexError', `Replacement index ${i} out of range for positional args tuple`);
  return st.args[i];
}

/** The formatted text of `s` (depth: CPython allows a spec's fields, not fields in those). */
function build(st: State, s: string, depth: number): string {
  if (depth <= 0) bad('Max string recursion exceeded');
  const out: string[] = [];
  let total = 0;
  const put = (x: string): void => {
    st.m.charge(st.per * words(x.length) + st.item);
    total += x.length;
    st.m.capLen(total, 'str');
    out.push(x);
  };
  let i = 0;
  const L = s.length;
  while (i < L) {
    // literal text up to a brace
    const start = i;
    let c = '';
    while (i < L) {
      c = s[i++];
      if (c === '{' || c === '}') break;
      c = '';
    }
    const atEnd = i >= L;
    if (c === '}' && (atEnd || s[i] !== '}')) bad("Single '}' encountered in format string");
    if (atEnd && c === '{') bad("Single '{' encountered in format string");
    let len = i - start;
    let markup = c !== '';
    if (markup && !atEnd) {
      if (s[i] === c) {
        i++;
        markup = false;
      } else len--;
    }
    if (len > 0) put(s.slice(start, start + len));
    if (!markup) continue;
    // the field: name, then !conv and/or :spec, up to the matching brace
    const nameStart = i;
    let ch = '';
    while (i < L) {
      ch = s[i++];
      if (ch === '{') bad("unexpected '{' in field name");
      if (ch === '[') {
        while (i < L && s[i] !== ']') i++;
        ch = '';
        continue;
      }
      if (ch === '}' || ch === ':' || ch === '!') break;
      ch = '';
    }
    const name = s.slice(nameStart, ch ? i - 1 : i);
    let conv = '';
    let spec = '';
    let nested = false;
    if (ch === '!' || ch === ':') {
      let specDone = false;
      if (ch === '!') {
        if (i >= L) bad('end of string while looking for conversion specifier');
        conv = s[i++];
        if (i < L) {
          const d = s[i++];
          if (d === '}') specDone = true;
          else if (d !== ':') bad("expected ':' after conversion specifier");
        }
      }
      if (!specDone) {
        const specStart = i;
        let count = 1;
        let closed = false;
        while (i < L) {
          const d = s[i++];
          if (d === '{') {
            nested = true;
            count++;
          } else if (d === '}' && --count === 0) {
            spec = s.slice(specStart, i - 1);
            closed = true;
            break;
          }
        }
        if (!closed) bad("unmatched '{' in format spec");
      }
    } else if (ch !== '}') bad("expected '}' before end of string");
    let obj = fieldObject(st, name);
    // !r !s !a are repr()/str()/ascii(): at repr()'s prices
    if (conv === 'r') obj = repr(st.m, obj, REPR.words, REPR.convert_steps);
    else if (conv === 's') obj = strValue(st.m, obj, REPR.words, REPR.convert_steps);
    else if (conv === 'a') obj = ascii(st.m, obj, REPR.words, REPR.convert_steps);
    else if (conv !== '') bad(`Unknown conversion specifier ${conv}`);
    if (nested) spec = build(st, spec, depth - 1);
    put(formatValue(st.m, obj, spec, st.per, st.conv));
  }
  return out.join('');
}

export const strFormat: MImpl = (m, a, b, n, p) => {
  const s = a[b];
  if (typeof s !== 'string') throw new VmError('AttributeError', `'${typeName(s)}' object has no attribute 'format'`);
  // the compiler's call: positional arguments, then the keyword arguments as one dict
  const hasKw = n >= 1 && a[b + n] instanceof PyDict;
  const kwargs = hasKw ? (a[b + n] as PyDict) : new PyDict();
  m.charge(p.words * words(s.length));
  const st: State = { m, per: p.words, conv: p.convert_steps, item: p.items, args: a.slice(b + 1, b + 1 + (hasKw ? n - 1 : n)), kwargs, auto: 'none', next: 0 };
  const r = build(st, s, 2);
  m.mem += r.length;
  return r;
};
