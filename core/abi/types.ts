// ABI type names (spec/ABI.md §1) parsed into a small tagged tree. Sized names survive
// parsing (they carry a range or length check) but collapse to their base name in the
// selector, so `set(u64)` and `set(int)` are the same function on the wire.
import { AbiError } from '../../spec/errors.js';

export type AbiType =
  | IntType
  | { kind: 'bool' }
  | BytesType
  | { kind: 'str' }
  | { kind: 'address' }
  | { kind: 'list'; item: AbiType }
  | { kind: 'tuple'; items: AbiType[] };

/** Plain `int` has no bits; sized ints hold their inclusive range precomputed. */
export interface IntType {
  kind: 'int';
  bits?: number;
  signed?: boolean;
  min?: bigint;
  max?: bigint;
}

/** Plain `bytes` has no size; `bytesN` must be exactly N bytes. */
export interface BytesType {
  kind: 'bytes';
  size?: number;
}

/** A type as callers may hand it over: a parsed tree, a name, or a JSON object form. */
export type TypeRef = AbiType | string | TypeObject;
export interface TypeObject {
  type: unknown;
  [k: string]: unknown;
}

// Nesting is bounded so a hostile manifest cannot blow the JS stack in the codec.
export const MAX_TYPE_DEPTH = 32;

const INT: AbiType = { kind: 'int' };
const BOOL: AbiType = { kind: 'bool' };
const BYTES: AbiType = { kind: 'bytes' };
const STR: AbiType = { kind: 'str' };
const ADDRESS: AbiType = { kind: 'address' };

// `string` and `boolean` are what Ethereum-style and TypeScript-minded manifests write.
const SIMPLE: Record<string, AbiType> = {
  int: INT,
  integer: INT,
  bool: BOOL,
  boolean: BOOL,
  bytes: BYTES,
  bytearray: BYTES,
  str: STR,
  string: STR,
  address: ADDRESS,
};

function sizedInt(bits: number, signed: boolean): IntType {
  const b = BigInt(bits);
  return signed
    ? { kind: 'int', bits, signed, min: -(1n << (b - 1n)), max: (1n << (b - 1n)) - 1n }
    : { kind: 'int', bits, signed, min: 0n, max: (1n << b) - 1n };
}

/** Resolve one identifier (no brackets) to a type, or undefined when unknown. */
function namedType(name: string): AbiType | undefined {
  if (Object.hasOwn(SIMPLE, name)) return SIMPLE[name];
  let m = /^(u|uint|i|int)([1-9][0-9]{0,2})$/.exec(name);
  if (m) {
    const bits = Number(m[2]);
    if (bits % 8 !== 0 || bits > 256) return undefined;
    return sizedInt(bits, m[1] === 'i' || m[1] === 'int');
  }
  m = /^bytes([1-9][0-9]?)$/.exec(name);
  if (m) {
    const size = Number(m[1]);
    if (size > 32) return undefined;
    return { kind: 'bytes', size };
  }
  return undefined;
}

/** Tokenizer-free recursive descent over the type grammar of spec/ABI.md §1. */
class Parser {
  pos = 0;
  constructor(readonly src: string) {}

  fail(msg: string): never {
    throw new AbiError(`bad type "${this.src}": ${msg} at column ${this.pos + 1}`);
  }
  ws(): void {
    while (this.pos < this.src.length && (this.src[this.pos] === ' ' || this.src[this.pos] === '\t')) this.pos++;
  }
  eat(ch: string): boolean {
    this.ws();
    if (this.src[this.pos] === ch) {
      this.pos++;
      return true;
    }
    return false;
  }
  expect(ch: string): void {
    if (!this.eat(ch)) this.fail(`expected '${ch}'`);
  }
  ident(): string {
    this.ws();
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(this.src.slice(this.pos));
    if (!m) this.fail('expected a type name');
    this.pos += m[0].length;
    return m[0];
  }

  type(depth: number): AbiType {
    if (depth > MAX_TYPE_DEPTH) this.fail(`nesting deeper than ${MAX_TYPE_DEPTH}`);
    let t = this.base(depth);
    // `T[]` suffixes, any number of them; `T[N]` fixed arrays are not part of the ABI.
    for (;;) {
      const save = this.pos;
      if (!this.eat('[')) break;
      if (!this.eat(']')) {
        this.pos = save;
        this.fail("only '[]' may follow a type");
      }
      if (++depth > MAX_TYPE_DEPTH) this.fail(`nesting deeper than ${MAX_TYPE_DEPTH}`);
      t = { kind: 'list', item: t };
    }
    return t;
  }

  base(depth: number): AbiType {
    this.ws();
    if (this.src[this.pos] === '(') return { kind: 'tuple', items: this.tupleItems(depth, '(', ')') };
    const start = this.pos;
    const name = this.ident();
    const base = name === 'List' ? 'list' : name === 'Tuple' ? 'tuple' : name;
    if (base === 'list') {
      this.ws();
      const open = this.src[this.pos];
      // `list[T]` (Python annotation style) vs `list<T>`; a bare `list` has no item type.
      if (open === '<' || (open === '[' && this.src[this.pos + 1] !== ']')) {
        this.pos++;
        const item = this.type(depth + 1);
        this.expect(open === '<' ? '>' : ']');
        return { kind: 'list', item };
      }
      this.fail('list needs an item type: list<T>');
    }
    if (base === 'tuple') {
      this.ws();
      const open = this.src[this.pos];
      if (open === '(') return { kind: 'tuple', items: this.tupleItems(depth, '(', ')') };
      if (open === '[') return { kind: 'tuple', items: this.tupleItems(depth, '[', ']') };
      this.fail('tuple needs item types: tuple(T,...)');
    }
    const t = namedType(name);
    if (!t) {
      this.pos = start;
      this.fail(`unknown type name "${name}"`);
    }
    return t;
  }

  tupleItems(depth: number, open: string, close: string): AbiType[] {
    this.expect(open);
    const items: AbiType[] = [];
    if (this.eat(close)) return items;
    for (;;) {
      items.push(this.type(depth + 1));
      if (this.eat(close)) return items;
      this.expect(',');
      // A trailing comma is Python-legal: `tuple[int,]`.
      if (this.eat(close)) return items;
    }
  }
}

const cache = new Map<string, AbiType>();

/** Parse a type name such as `list<u64>`, `bytes32[]`, `tuple(int,str)`. Throws AbiError. */
export function parseType(name: string): AbiType {
  const hit = cache.get(name);
  if (hit) return hit;
  if (typeof name !== 'string') throw new AbiError(`type name must be a string, got ${typeof name}`);
  if (name.length > 1024) throw new AbiError('type name longer than 1024 characters');
  const p = new Parser(name);
  const t = p.type(0);
  p.ws();
  if (p.pos !== name.length) p.fail('unexpected text after the type');
  if (cache.size < 4096) cache.set(name, t);
  return t;
}

/**
 * Accept a parsed tree, a type name, or an object form:
 * `{type:"int"}`, `{type:"list", items|item|of: T}`, `{type:"tuple", items|components: [T...]}`,
 * and Ethereum's `{type:"tuple[]", components:[...]}`.
 */
export function toType(ref: unknown, depth = 0): AbiType {
  if (depth > MAX_TYPE_DEPTH) throw new AbiError(`type nesting deeper than ${MAX_TYPE_DEPTH}`);
  if (typeof ref === 'string') return parseType(ref);
  if (ref === null || typeof ref !== 'object' || Array.isArray(ref)) {
    throw new AbiError(`type must be a name or an object, got ${ref === null ? 'null' : Array.isArray(ref) ? 'array' : typeof ref}`);
  }
  const o = ref as Record<string, unknown>;
  if (typeof o.kind === 'string' && !('type' in o)) return checkTree(o, depth);
  const ty = o.type;
  if (typeof ty !== 'string') throw new AbiError('type object needs a string "type"');
  const m = /^\s*(list|List|tuple|Tuple)\s*((?:\[\s*\]\s*)*)$/.exec(ty);
  if (!m) return parseType(ty);
  let t: AbiType;
  if (m[1] === 'list' || m[1] === 'List') {
    const item = o.items ?? o.item ?? o.of;
    if (item === undefined || Array.isArray(item)) throw new AbiError('list type object needs one item type in "items"');
    t = { kind: 'list', item: toType(item, depth + 1) };
  } else {
    const items = o.components ?? o.items;
    if (!Array.isArray(items)) throw new AbiError('tuple type object needs an array "items" (or "components")');
    t = { kind: 'tuple', items: items.map((x) => toType(x, depth + 1)) };
  }
  const suffixes = (m[2].match(/\[/g) ?? []).length;
  for (let i = 0; i < suffixes; i++) t = { kind: 'list', item: t };
  return t;
}

/** A tree built by hand: rebuild it checked rather than trusting it (fills in int ranges). */
function checkTree(o: Record<string, unknown>, depth: number): AbiType {
  switch (o.kind) {
    case 'bool':
    case 'str':
    case 'address':
      return { kind: o.kind };
    case 'int':
      if (o.bits === undefined) return INT;
      if (typeof o.bits === 'number' && o.bits % 8 === 0 && o.bits >= 8 && o.bits <= 256) {
        return sizedInt(o.bits, o.signed === true);
      }
      throw new AbiError('int type: bits must be a multiple of 8 in 8..256');
    case 'bytes':
      if (o.size === undefined) return BYTES;
      if (typeof o.size === 'number' && Number.isInteger(o.size) && o.size >= 1 && o.size <= 32) return { kind: 'bytes', size: o.size };
      throw new AbiError('bytes type: size must be 1..32');
    case 'list':
      return { kind: 'list', item: toType(o.item, depth + 1) };
    case 'tuple':
      if (!Array.isArray(o.items)) throw new AbiError('tuple type: items must be an array');
      return { kind: 'tuple', items: o.items.map((x) => toType(x, depth + 1)) };
  }
  throw new AbiError(`unknown type kind ${JSON.stringify(o.kind)}`);
}

/** The name used in selectors: sizes dropped (spec/ABI.md §1). */
export function canonicalTypeName(t: TypeRef): string {
  return canon(toType(t));
}

function canon(ty: AbiType): string {
  switch (ty.kind) {
    case 'list':
      return `list<${canon(ty.item)}>`;
    case 'tuple':
      return `tuple(${ty.items.map(canon).join(',')})`;
    default:
      return ty.kind;
  }
}

/** The normalized name that keeps sizes, as written into normalized manifests (u64, i128, bytes32). */
export function formatType(t: TypeRef): string {
  return fmt(toType(t));
}

function fmt(ty: AbiType): string {
  switch (ty.kind) {
    case 'int':
      return ty.bits === undefined ? 'int' : `${ty.signed ? 'i' : 'u'}${ty.bits}`;
    case 'bytes':
      return ty.size === undefined ? 'bytes' : `bytes${ty.size}`;
    case 'list':
      return `list<${fmt(ty.item)}>`;
    case 'tuple':
      return `tuple(${ty.items.map(fmt).join(',')})`;
    default:
      return ty.kind;
  }
}

/** Smallest number of bytes any encoded value of `t` takes (0 only for empty tuples). */
export function minEncodedSize(t: AbiType): number {
  switch (t.kind) {
    case 'tuple': {
      let n = 0;
      for (const x of t.items) n += minEncodedSize(x);
      return n;
    }
    case 'bytes':
      return t.size === undefined ? 1 : 1 + t.size;
    default:
      return 1; // a varint, a bool byte, or a length prefix
  }
}

/** Inclusive range of a sized int (trees built by hand may lack the precomputed bounds). */
export function intRange(t: IntType): { min: bigint; max: bigint } | undefined {
  if (t.bits === undefined) return undefined;
  if (t.min !== undefined && t.max !== undefined) return { min: t.min, max: t.max };
  const r = sizedInt(t.bits, t.signed === true);
  return { min: r.min!, max: r.max! };
}
