// A Merkle Patricia trie with Ethereum's node layout (hexary branch / extension / leaf nodes,
// hex-prefix paths, RLP encoding, children under 32 encoded bytes inlined), hashed with
// sha3_256. Its roots and proofs are those @ethereumjs/mpt computes for the same keys and
// values with sha3_256 as its hash: tests/trie.test.ts checks roots against it, and
// verifyProof (node/trie/proof.ts) is that library's verifier.
//
// Why not @ethereumjs/mpt itself as the live structure: measured on this machine it costs
// 200-300 us per key update (async node lookups, RLP decode of every node on the path, one
// hash per path node per put) and 7 kB of memory per key, so a 10^6-key state took minutes
// and gigabytes and a 200-tx block ~120 ms of root updates. Here nodes stay decoded in memory
// and a changed node is re-hashed once per root() call, however many keys under it changed,
// so a block's root costs (keys changed) x (path length) hashes at most.
//
// Persistence (host/store): a trie can be opened from a stored root with a loader that finds
// a node's encoding by its path from the root (and its hash). Nodes are then loaded on first
// use (a HashNode stands for a node not loaded yet), checked against their hash, and kept
// decoded; root() hands every node it had to re-encode, with its path, to the trie's sink,
// which the store writes in the block's transaction.
// So opening costs one node read, and a block costs (keys changed) x (path length) node reads
// and writes, whatever the state's size.
//
// Every routine's recursion is bounded by the key length (2 nibbles a byte): keys are at most
// MAX_KEY_BYTES.
import { decode as rlpDecode } from '@ethereumjs/rlp';
import { bytesToHex } from '../../core/hex.js';
import { StoreError } from '../../spec/errors.js';
import { sha3 as sha3_256 } from '../sha3.js';
import { RLP_EMPTY, rlpBytes } from './rlp.js';

export const MAX_KEY_BYTES = 64;

class Leaf {
  ref: Uint8Array | null = null;
  constructor(
    public path: Uint8Array,
    public value: Uint8Array,
  ) {}
}
class Ext {
  ref: Uint8Array | null = null;
  constructor(
    public path: Uint8Array,
    public child: Node,
  ) {}
}
class Branch {
  ref: Uint8Array | null = null;
  readonly children: (Node | null)[] = [null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null];
  value: Uint8Array | null = null;
}
/** A stored node not loaded yet, known by its hash (its parent's reference to it). */
class HashNode {
  readonly ref: Uint8Array;
  constructor(
    readonly hash: Uint8Array,
    /** where the node sits: the nibbles from the root to it */
    readonly at: Uint8Array,
  ) {
    this.ref = rlpBytes(hash);
  }
}
type Node = Leaf | Ext | Branch | HashNode;
type Loaded = Leaf | Ext | Branch;

/**
 * Finds a stored node's encoding: the node at path `at` (nibbles from the root), which must
 * hash to `hash` (null when absent).
 */
export type NodeLoader = (hash: Uint8Array, at: Uint8Array) => Uint8Array | null;
/**
 * Receives each node root() encoded anew: its hash, encoding and path from the root (nodes
 * inlined in their parent are not given). A node's path is fixed by the keys under it, so a
 * store may keep one node per path, overwritten when the node there changes.
 */
export type NodeSink = (hash: Uint8Array, encoding: Uint8Array, at: Uint8Array) => void;

const NO_PATH = new Uint8Array(0);

function extend(at: Uint8Array, more: Uint8Array | number): Uint8Array {
  const extra = typeof more === 'number' ? 1 : more.length;
  const out = new Uint8Array(at.length + extra);
  out.set(at);
  if (typeof more === 'number') out[at.length] = more;
  else out.set(more, at.length);
  return out;
}

type Raw = Uint8Array | Raw[];

function damaged(hash: Uint8Array, what: string): StoreError {
  return new StoreError(`trie node ${bytesToHex(hash)} ${what}: the store is damaged`);
}

/** n itself, or the stored node it stands for, decoded (its hash checked). */
function res(n: Node, load: NodeLoader | null): Loaded {
  if (!(n instanceof HashNode)) return n;
  if (load === null) throw new Error('internal error: a trie without a loader holds a hash reference');
  const enc = load(n.hash, n.at);
  if (enc === null) throw damaged(n.hash, 'is missing');
  const h = sha3_256(enc);
  for (let i = 0; i < 32; i++) if (h[i] !== n.hash[i]) throw damaged(n.hash, 'does not match its hash');
  let raw: Raw;
  try {
    raw = rlpDecode(enc) as Raw;
  } catch {
    throw damaged(n.hash, 'is not RLP');
  }
  const d = decodeNode(raw, n.hash, 0, n.at);
  d.ref = n.ref;
  return d;
}

function hexPrefixDecode(b: Uint8Array, hash: Uint8Array): [Uint8Array, boolean] {
  const flag = b.length ? b[0] >> 4 : 4;
  if (flag > 3) throw damaged(hash, 'has a bad path');
  const odd = flag & 1;
  const out = new Uint8Array((b.length - 1) * 2 + odd);
  let o = 0;
  if (odd) out[o++] = b[0] & 15;
  for (let i = 1; i < b.length; i++) {
    out[o++] = b[i] >> 4;
    out[o++] = b[i] & 15;
  }
  return [out, (flag & 2) !== 0];
}

/** A child reference: a 32-byte hash (not loaded) or an inlined node (depth: at most 2 per nibble of a 64-byte key). */
function child(r: Raw, hash: Uint8Array, depth: number, at: Uint8Array): Node | null {
  if (r instanceof Uint8Array) {
    if (r.length === 0) return null;
    if (r.length === 32) return new HashNode(r, at);
    throw damaged(hash, 'has a bad child reference');
  }
  return decodeNode(r, hash, depth + 1, at);
}

/** The node encoded as r, at path `at`; hash names the stored node it came in (for errors). */
function decodeNode(r: Raw, hash: Uint8Array, depth: number, at: Uint8Array): Loaded {
  if (depth > 4 * MAX_KEY_BYTES || !Array.isArray(r)) throw damaged(hash, 'is not a node');
  let n: Loaded;
  if (r.length === 17) {
    const b = new Branch();
    for (let i = 0; i < 16; i++)
      b.children[i] = r[i] instanceof Uint8Array && (r[i] as Uint8Array).length === 0 ? null : child(r[i], hash, depth, extend(at, i));
    const v = r[16];
    if (!(v instanceof Uint8Array)) throw damaged(hash, 'has a bad value');
    b.value = v.length ? v : null;
    n = b;
  } else if (r.length === 2 && r[0] instanceof Uint8Array) {
    const [path, leaf] = hexPrefixDecode(r[0], hash);
    if (leaf) {
      if (!(r[1] instanceof Uint8Array) || r[1].length === 0) throw damaged(hash, 'has a bad leaf value');
      n = new Leaf(path, r[1]);
    } else {
      const c = child(r[1], hash, depth, extend(at, path));
      if (c === null || path.length === 0) throw damaged(hash, 'has a bad extension');
      n = new Ext(path, c);
    }
  } else throw damaged(hash, 'is not a node');
  // an inlined node's reference is its own encoding (under 32 bytes): cached so it is not re-encoded
  if (depth > 0) n.ref = ref(n, null, at);
  return n;
}

/** sha3_256(rlp("")), the root of an empty trie. */
export const EMPTY_ROOT = sha3_256(RLP_EMPTY);

/** A key's path in the trie (its nibbles), for getPath/putPath. */
export function keyPath(key: Uint8Array): Uint8Array {
  return nibbles(key);
}

function nibbles(key: Uint8Array): Uint8Array {
  if (key.length > MAX_KEY_BYTES) throw new RangeError(`trie key of ${key.length} bytes (at most ${MAX_KEY_BYTES})`);
  const n = new Uint8Array(key.length * 2);
  for (let i = 0; i < key.length; i++) {
    n[2 * i] = key[i] >> 4;
    n[2 * i + 1] = key[i] & 15;
  }
  return n;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const o = new Uint8Array(a.length + b.length);
  o.set(a);
  o.set(b, a.length);
  return o;
}

function common(a: Uint8Array, b: Uint8Array, off: number): number {
  const n = Math.min(a.length, b.length - off);
  let i = 0;
  while (i < n && a[i] === b[off + i]) i++;
  return i;
}

/**
 * The scratch buffer node encodings are written into: a node is hashed from it and only a
 * short reference (or, with a sink, the encoding handed to it) is kept, so re-hashing a
 * changed path allocates no encoding per node (these were most of a block's garbage).
 */
let scratch = new Uint8Array(1024);

function room(n: number): void {
  if (n <= scratch.length) return;
  let cap = scratch.length * 2;
  while (cap < n) cap *= 2;
  scratch = new Uint8Array(cap);
}

/** RLP head of a byte string or list (base 0x80 / 0xc0) of len bytes, at o; returns the offset after it. */
function putHead(base: number, len: number, o: number): number {
  if (len < 56) {
    scratch[o] = base + len;
    return o + 1;
  }
  let k = 0;
  for (let x = len; x > 0; x = Math.floor(x / 256)) k++;
  scratch[o] = base + 55 + k;
  for (let i = k, x = len; i > 0; i--, x = Math.floor(x / 256)) scratch[o + i] = x & 0xff;
  return o + 1 + k;
}

/** Length of the RLP head of len bytes. */
function headLen(len: number): number {
  if (len < 56) return 1;
  let k = 1;
  for (let x = len; x > 0; x = Math.floor(x / 256)) k++;
  return k;
}

/** Length of rlpBytes(b). */
function bytesLen(b: Uint8Array): number {
  return b.length === 1 && b[0] < 0x80 ? 1 : headLen(b.length) + b.length;
}

/** rlpBytes(b) at o; returns the offset after it. */
function putBytes(b: Uint8Array, o: number): number {
  if (b.length === 1 && b[0] < 0x80) {
    scratch[o] = b[0];
    return o + 1;
  }
  o = putHead(0x80, b.length, o);
  scratch.set(b, o);
  return o + b.length;
}

/** rlpBytes(hexPrefix(path, leaf)) at o. */
function putPath(path: Uint8Array, leaf: boolean, o: number): number {
  const odd = path.length & 1;
  const n = (path.length >> 1) + 1;
  let first = ((leaf ? 2 : 0) + odd) << 4;
  let i = 0;
  if (odd) first |= path[i++];
  if (n === 1 && first < 0x80) {
    scratch[o] = first;
    return o + 1;
  }
  o = putHead(0x80, n, o);
  scratch[o++] = first;
  for (; i < path.length; i += 2) scratch[o++] = (path[i] << 4) | path[i + 1];
  return o;
}

/** Length of rlpBytes(hexPrefix(path, leaf)). */
function pathLen(path: Uint8Array, leaf: boolean): number {
  const n = (path.length >> 1) + 1;
  if (n === 1) return ((leaf ? 2 : 0) + (path.length & 1)) << 4 < 0x80 ? 1 : 2;
  return headLen(n) + n;
}

/**
 * Write n's encoding into the scratch buffer from offset 0 and return its length. Its
 * children's references must be cached already (refOf computes them first).
 */
function encodeScratch(n: Loaded): number {
  if (n instanceof Leaf) {
    const len = pathLen(n.path, true) + bytesLen(n.value);
    room(headLen(len) + len);
    return putBytes(n.value, putPath(n.path, true, putHead(0xc0, len, 0)));
  }
  if (n instanceof Ext) {
    const c = n.child.ref!;
    const len = pathLen(n.path, false) + c.length;
    room(headLen(len) + len);
    const o = putPath(n.path, false, putHead(0xc0, len, 0));
    scratch.set(c, o);
    return o + c.length;
  }
  let len = n.value === null ? 1 : bytesLen(n.value);
  for (let i = 0; i < 16; i++) {
    const c = n.children[i];
    len += c === null ? 1 : c.ref!.length;
  }
  room(headLen(len) + len);
  let o = putHead(0xc0, len, 0);
  for (let i = 0; i < 16; i++) {
    const c = n.children[i];
    if (c === null) scratch[o++] = 0x80;
    else {
      const r = c.ref!;
      if (r.length === 33) {
        // rlp(hash): the common case, copied byte by byte (set() on a short array costs more)
        for (let j = 0; j < 33; j++) scratch[o + j] = r[j];
        o += 33;
      } else {
        scratch.set(r, o);
        o += r.length;
      }
    }
  }
  if (n.value === null) scratch[o++] = 0x80;
  else o = putBytes(n.value, o);
  return o;
}

/** The references of n's children whose reference is not cached, computed (children first). */
function refChildren(n: Loaded, sink: NodeSink | null, at: Uint8Array): void {
  if (n instanceof Leaf) return;
  if (n instanceof Ext) {
    if (n.child.ref === null) ref(n.child, sink, sink ? extend(at, n.path) : NO_PATH);
    return;
  }
  for (let i = 0; i < 16; i++) {
    const c = n.children[i];
    if (c !== null && c.ref === null) ref(c, sink, sink ? extend(at, i) : NO_PATH);
  }
}

/** n's encoding (a copy); at: n's path, from which its changed children's paths (for the sink) follow */
function encode(n: Loaded, sink: NodeSink | null, at: Uint8Array): Uint8Array {
  refChildren(n, sink, at);
  return scratch.slice(0, encodeScratch(n));
}

const RLP_HASH = 0xa0;

/** How a parent refers to n: its encoding when shorter than 32 bytes, else rlp(hash). Cached until n changes. */
function ref(m: Node, sink: NodeSink | null, at: Uint8Array): Uint8Array {
  if (m.ref !== null) return m.ref;
  // a HashNode's ref is never null
  const n = m as Loaded;
  refChildren(n, sink, at);
  const len = encodeScratch(n);
  if (len < 32) return (n.ref = scratch.slice(0, len));
  const e = scratch.subarray(0, len);
  const h = sha3_256(e);
  if (sink !== null) sink(h, e.slice(), at);
  const r = new Uint8Array(33);
  r[0] = RLP_HASH;
  r.set(h, 1);
  return (n.ref = r);
}

/** ref() for the changed nodes under n (n at nibble depth d, path at) that are depth or more nibbles down. */
function hashFrom(n: Loaded, d: number, depth: number, sink: NodeSink | null, at: Uint8Array): void {
  if (d >= depth) {
    ref(n, sink, at);
    return;
  }
  if (n instanceof Leaf) return;
  if (n instanceof Ext) {
    const c = n.child;
    if (c.ref === null) hashFrom(c as Loaded, d + n.path.length, depth, sink, sink ? extend(at, n.path) : NO_PATH);
    return;
  }
  for (let i = 0; i < 16; i++) {
    const c = n.children[i];
    if (c !== null && c.ref === null) hashFrom(c as Loaded, d + 1, depth, sink, sink ? extend(at, i) : NO_PATH);
  }
}

function leafOrBranch(path: Uint8Array, value: Uint8Array, b: Branch): void {
  if (path.length === 0) b.value = value;
  else b.children[path[0]] = new Leaf(path.subarray(1), value);
}

/** set by insert: whether the key was new (so put needs no lookup first to keep the count) */
let grew = false;

function insert(m: Node | null, key: Uint8Array, off: number, value: Uint8Array, load: NodeLoader | null): Loaded {
  if (m === null) {
    grew = true;
    return new Leaf(key.subarray(off), value);
  }
  const n = res(m, load);
  n.ref = null;
  if (n instanceof Branch) {
    if (off === key.length) {
      if (n.value === null) grew = true;
      n.value = value;
    } else n.children[key[off]] = insert(n.children[key[off]], key, off + 1, value, load);
    return n;
  }
  const c = common(n.path, key, off);
  if (n instanceof Leaf && c === n.path.length && off + c === key.length) {
    n.value = value;
    return n;
  }
  if (n instanceof Ext && c === n.path.length) {
    n.child = insert(n.child, key, off + c, value, load);
    return n;
  }
  grew = true;
  const b = new Branch();
  if (n instanceof Leaf) leafOrBranch(n.path.subarray(c), n.value, b);
  else b.children[n.path[c]] = c + 1 === n.path.length ? n.child : new Ext(n.path.subarray(c + 1), n.child);
  leafOrBranch(key.subarray(off + c), value, b);
  return c > 0 ? new Ext(n.path.subarray(0, c), b) : b;
}

/** n with a child path prefix joined onto it (the shape a deletion leaves must stay canonical). */
function prefixed(prefix: Uint8Array, m: Node, load: NodeLoader | null): Loaded {
  const n = res(m, load);
  if (n instanceof Leaf) return new Leaf(concat(prefix, n.path), n.value);
  if (n instanceof Ext) return new Ext(concat(prefix, n.path), n.child);
  return new Ext(prefix, n);
}

/** Remove key, which the trie holds (put checks): every node on its path changes. */
function remove(m: Node | null, key: Uint8Array, off: number, load: NodeLoader | null): Node | null {
  if (m === null) return null;
  const n = res(m, load);
  n.ref = null;
  if (n instanceof Leaf) return common(n.path, key, off) === n.path.length && off + n.path.length === key.length ? null : n;
  if (n instanceof Ext) {
    if (common(n.path, key, off) !== n.path.length) return n;
    const child = remove(n.child, key, off + n.path.length, load);
    if (child === n.child) return n;
    if (child === null) return null;
    return child instanceof Branch ? new Ext(n.path, child) : prefixed(n.path, child, load);
  }
  if (off === key.length) n.value = null;
  else {
    const old = n.children[key[off]];
    const child = remove(old, key, off + 1, load);
    if (child === old) return n;
    n.children[key[off]] = child;
  }
  let only = -1;
  let count = 0;
  for (let i = 0; i < 16; i++) if (n.children[i] !== null) (only = i), count++;
  if (count === 0) return n.value === null ? null : new Leaf(new Uint8Array(0), n.value);
  if (count === 1 && n.value === null) return prefixed(Uint8Array.of(only), n.children[only]!, load);
  return n;
}

export interface TrieOptions {
  /** open the trie stored under this root (EMPTY_ROOT: empty); needs load */
  root?: Uint8Array;
  /** finds stored nodes by hash; nodes are loaded on first use and checked against their hash */
  load?: NodeLoader;
  /** receives every node root() encodes anew, so a store can write them with the block */
  sink?: NodeSink;
}

export class MerkleTrie {
  private root_: Node | null = null;
  /** the key count, known only for a trie built in memory (not opened from a stored root) */
  private size_: number | null = 0;
  private readonly load: NodeLoader | null;
  private readonly sink: NodeSink | null;

  constructor(opts: TrieOptions = {}) {
    this.load = opts.load ?? null;
    this.sink = opts.sink ?? null;
    if (opts.root !== undefined) {
      if (opts.root.length !== 32) throw new RangeError('trie root must be 32 bytes');
      if (!bytesEq(opts.root, EMPTY_ROOT)) {
        if (this.load === null) throw new RangeError('opening a stored trie needs a node loader');
        this.root_ = new HashNode(opts.root.slice(), NO_PATH);
        this.size_ = null;
      }
    }
  }

  /** The number of keys. Throws for a trie opened from a stored root, whose count is not stored. */
  get size(): number {
    if (this.size_ === null) throw new RangeError('the key count of a trie opened from a stored root is not known');
    return this.size_;
  }

  get isEmpty(): boolean {
    return this.root_ === null;
  }

  /** Load the root node now (a store checks, at open, that its root is there and intact). */
  touch(): void {
    if (this.root_ !== null) this.root_ = res(this.root_, this.load);
  }

  /** Forget every loaded node (they are reloaded on use). Only after the changed nodes have reached the sink and the store. */
  unload(): void {
    if (this.root_ !== null && this.sink !== null && this.load !== null) this.root_ = new HashNode(this.root(), NO_PATH);
  }

  get(key: Uint8Array): Uint8Array | null {
    return this.getPath(nibbles(key));
  }

  /** get by the key's nibbles (keyPath(key)): a caller that looks up one key often keeps them. */
  getPath(k: Uint8Array): Uint8Array | null {
    if (this.root_ === null) return null;
    let n = (this.root_ = res(this.root_, this.load));
    let off = 0;
    for (;;) {
      let next: Node | null;
      if (n instanceof Branch) {
        if (off === k.length) return n.value;
        next = n.children[k[off]];
        // a loaded node replaces its hash in the parent, so the next walk down finds it decoded
        if (next instanceof HashNode) next = n.children[k[off]] = res(next, this.load);
        off++;
      } else {
        const c = common(n.path, k, off);
        if (c !== n.path.length) return null;
        off += c;
        if (n instanceof Leaf) return off === k.length ? n.value : null;
        next = n.child;
        if (next instanceof HashNode) next = n.child = res(next, this.load);
      }
      if (next === null) return null;
      n = next as Loaded;
    }
  }

  /** Set key to value; null or empty deletes (an empty value is no value). */
  put(key: Uint8Array, value: Uint8Array | null): void {
    this.putPath(nibbles(key), value === null || value.length === 0 ? null : value.slice());
  }

  /**
   * put by the key's nibbles (keyPath(key)). The trie keeps value itself (put copies it):
   * the caller must not change it after.
   */
  putPath(k: Uint8Array, value: Uint8Array | null): void {
    if (value === null || value.length === 0) {
      // remove() takes a key the trie holds
      if (this.getPath(k) === null) return;
      this.root_ = remove(this.root_, k, 0, this.load);
      if (this.size_ !== null) this.size_--;
      return;
    }
    grew = false;
    this.root_ = insert(this.root_, k, 0, value, this.load);
    if (grew && this.size_ !== null) this.size_++;
  }

  /** The root hash; hashes only the nodes changed since the last call (and gives them to the sink). */
  root(): Uint8Array {
    if (this.root_ === null) return EMPTY_ROOT;
    const r = ref(this.root_, this.sink, NO_PATH);
    // the root is always referred to by hash, even when its encoding is short
    if (r.length === 33 && r[0] === 0xa0) return r.slice(1);
    const h = sha3_256(r);
    // stored under its hash too, so the trie can be opened from it
    if (this.sink !== null) this.sink(h, r, NO_PATH);
    return h;
  }

  /**
   * Hash now the changed nodes at least `depth` nibbles below the root (leaves and low
   * branches, which a block changes about once each); the few nodes above them, which every
   * change passes through, wait for root(). A root keeper that takes a block's writes in
   * batches spreads the hashing over the block this way without hashing the top of the
   * trie once per batch.
   */
  hashBelow(depth: number): void {
    if (this.root_ !== null && this.root_.ref === null) hashFrom(this.root_ as Loaded, 0, depth, this.sink, NO_PATH);
  }

  /**
   * The encoded nodes from the root down the key's path (EIP-1186 form): what a verifier
   * needs to recompute the root and find the key's value, or prove it absent.
   */
  prove(key: Uint8Array): Uint8Array[] {
    // every changed node hashed (and handed to the sink) first, so encode() below finds each child's reference cached
    this.root();
    const k = nibbles(key);
    const out: Uint8Array[] = [];
    // get() loads the path into the tree first, so the walk below meets decoded nodes only
    this.get(key);
    let n = this.root_ as Loaded | null;
    let off = 0;
    while (n !== null) {
      const e = encode(n, this.sink, NO_PATH);
      if (out.length === 0 || e.length >= 32) out.push(e);
      if (n instanceof Branch) {
        if (off === k.length) break;
        n = n.children[k[off++]] as Loaded | null;
        continue;
      }
      const c = common(n.path, k, off);
      if (n instanceof Leaf || c !== n.path.length) break;
      off += c;
      n = n.child as Loaded;
    }
    return out;
  }
}

function bytesEq(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
