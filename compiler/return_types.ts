// Return annotations as the CHECK_RETURN instruction carries them: a type name in a string
// constant (spec/IR.md), parsed here by the compiler, the verifier and the loader alike so
// that all three agree on what a module may say. The grammar is the ABI's (spec/ABI.md §1:
// `int`, `u64`, `bytes32`, `address`, `list<T>`, `T[]`, `tuple(T,...)`) plus what only a
// private function may return: `none`, `dict` (any dict) and `optional<T>` (T or None).
import { DEFAULT_LIMITS } from '../spec/table.js';

export type RType =
  | { k: 'int'; name: string; min?: bigint; max?: bigint }
  | { k: 'bool' }
  | { k: 'bytes'; name: string; size?: number }
  | { k: 'address' }
  | { k: 'str' }
  | { k: 'none' }
  | { k: 'dict' }
  /** item null: a bare `list` annotation, any items */
  | { k: 'list'; item: RType | null }
  /** items null: a bare `tuple` annotation, any length and items */
  | { k: 'tuple'; items: RType[] | null }
  | { k: 'optional'; item: RType };

/** Type nesting is bounded by the table's value depth, so checking a value never recurses further. */
const MAX_DEPTH = DEFAULT_LIMITS.max_value_depth;

function named(id: string): RType | undefined {
  switch (id) {
    case 'int':
    case 'integer':
      return { k: 'int', name: 'int' };
    case 'bool':
    case 'boolean':
      return { k: 'bool' };
    case 'bytes':
    case 'bytearray':
      return { k: 'bytes', name: 'bytes' };
    case 'str':
    case 'string':
      return { k: 'str' };
    case 'address':
      return { k: 'address' };
    case 'none':
      return { k: 'none' };
    case 'dict':
      return { k: 'dict' };
  }
  let m = /^(u|uint|i|int)([1-9][0-9]{0,2})$/.exec(id);
  if (m) {
    const bits = Number(m[2]);
    if (bits % 8 !== 0 || bits > 256) return undefined;
    const b = BigInt(bits);
    const signed = m[1] === 'i' || m[1] === 'int';
    return signed ? { k: 'int', name: id, min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n } : { k: 'int', name: id, min: 0n, max: (1n << b) - 1n };
  }
  m = /^bytes([1-9][0-9]?)$/.exec(id);
  if (m && Number(m[1]) <= 32) return { k: 'bytes', name: id, size: Number(m[1]) };
  return undefined;
}

/** Parse a return type name; undefined when it is not one. */
export function parseReturnType(src: string): RType | undefined {
  if (src.length > 1024) return undefined;
  let pos = 0;
  const ws = () => {
    while (src[pos] === ' ') pos++;
  };
  const eat = (s: string): boolean => {
    ws();
    if (src.startsWith(s, pos)) {
      pos += s.length;
      return true;
    }
    return false;
  };
  const type = (depth: number): RType | undefined => {
    if (depth > MAX_DEPTH) return undefined;
    ws();
    let t: RType | undefined;
    if (src[pos] === '(') t = tuple(depth);
    else {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(pos));
      if (!m) return undefined;
      pos += m[0].length;
      const id = m[0];
      if (id === 'list' || id === 'optional') {
        // a bare `list`: any items
        if (id === 'list' && !eat('<')) return { k: 'list', item: null };
        if (id === 'optional' && !eat('<')) return undefined;
        const item = type(depth + 1);
        if (!item || !eat('>')) return undefined;
        t = id === 'list' ? { k: 'list', item } : { k: 'optional', item };
      } else if (id === 'tuple') {
        ws();
        t = src[pos] === '(' ? tuple(depth) : { k: 'tuple', items: null };
      } else t = named(id);
    }
    // `T[]`: a list of T
    while (t && eat('[')) {
      if (!eat(']') || ++depth > MAX_DEPTH) return undefined;
      t = { k: 'list', item: t };
    }
    return t;
  };
  const tuple = (depth: number): RType | undefined => {
    if (!eat('(')) return undefined;
    const items: RType[] = [];
    if (eat(')')) return { k: 'tuple', items };
    for (;;) {
      const t = type(depth + 1);
      if (!t) return undefined;
      items.push(t);
      if (eat(')')) return { k: 'tuple', items };
      if (!eat(',')) return undefined;
    }
  };
  const t = type(0);
  ws();
  return t && pos === src.length ? t : undefined;
}

/** The type as an author writes it in an annotation. */
export function showReturnType(t: RType): string {
  switch (t.k) {
    case 'int':
    case 'bytes':
      return t.name === 'int' || t.name === 'bytes' ? t.name : `"${t.name}"`;
    case 'address':
      return '"address"';
    case 'none':
      return 'None';
    case 'list':
      return t.item ? `list[${showReturnType(t.item)}]` : 'list';
    case 'tuple':
      return t.items ? `tuple[${t.items.length ? t.items.map(showReturnType).join(', ') : '()'}]` : 'tuple';
    case 'optional':
      return `Optional[${showReturnType(t.item)}]`;
    default:
      return t.k;
  }
}

/**
 * Whether every value of the type `have` (a canonical name the compiler proved for a returned
 * expression) is a value of `want`: then the return needs no check at run time.
 */
export function provenToSatisfy(have: string, want: RType): boolean {
  const h = parseReturnType(have);
  return h !== undefined && within(h, want);
}

function within(h: RType, w: RType): boolean {
  if (w.k === 'optional') return h.k === 'none' || within(h.k === 'optional' ? h.item : h, w.item) || (h.k === 'optional' && within(h, w.item));
  switch (h.k) {
    case 'bool':
      return w.k === 'bool' || (w.k === 'int' && w.min === undefined);
    case 'int':
      return w.k === 'int' && h.min === undefined ? w.min === undefined : w.k === 'int' && (w.min === undefined || (h.min! >= w.min && h.max! <= w.max!));
    case 'bytes':
      return w.k === 'bytes' && (w.size === undefined || w.size === h.size);
    case 'list':
      return w.k === 'list' && (w.item === null || (h.item !== null && within(h.item, w.item)));
    case 'tuple': {
      if (w.k !== 'tuple') return false;
      const wi = w.items;
      return wi === null || (h.items !== null && wi.length === h.items.length && h.items.every((x, i) => within(x, wi[i])));
    }
    default:
      return h.k === w.k;
  }
}
