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
// Every routine's recursion is bounded by the key length (2 nibbles a byte): keys are at most
// MAX_KEY_BYTES.
import { sha3 as sha3_256 } from '../sha3.js';
import { RLP_EMPTY, rlpBytes, rlpList } from './rlp.js';

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
type Node = Leaf | Ext | Branch;

/** sha3_256(rlp("")), the root of an empty trie. */
export const EMPTY_ROOT = sha3_256(RLP_EMPTY);

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

/** Hex-prefix encoding of a nibble path (yellow paper appendix C). */
function hexPrefix(path: Uint8Array, leaf: boolean): Uint8Array {
  const odd = path.length & 1;
  const out = new Uint8Array((path.length >> 1) + 1);
  out[0] = ((leaf ? 2 : 0) + odd) << 4;
  let i = 0;
  if (odd) out[0] |= path[i++];
  for (let o = 1; i < path.length; i += 2, o++) out[o] = (path[i] << 4) | path[i + 1];
  return out;
}

function encode(n: Node): Uint8Array {
  if (n instanceof Leaf) return rlpList([rlpBytes(hexPrefix(n.path, true)), rlpBytes(n.value)]);
  if (n instanceof Ext) return rlpList([rlpBytes(hexPrefix(n.path, false)), ref(n.child)]);
  const items: Uint8Array[] = new Array(17);
  for (let i = 0; i < 16; i++) {
    const c = n.children[i];
    items[i] = c === null ? RLP_EMPTY : ref(c);
  }
  items[16] = n.value === null ? RLP_EMPTY : rlpBytes(n.value);
  return rlpList(items);
}

/** How a parent refers to n: its encoding when shorter than 32 bytes, else rlp(hash). Cached until n changes. */
function ref(n: Node): Uint8Array {
  if (n.ref !== null) return n.ref;
  const e = encode(n);
  return (n.ref = e.length < 32 ? e : rlpBytes(sha3_256(e)));
}

function leafOrBranch(path: Uint8Array, value: Uint8Array, b: Branch): void {
  if (path.length === 0) b.value = value;
  else b.children[path[0]] = new Leaf(path.subarray(1), value);
}

function insert(n: Node | null, key: Uint8Array, off: number, value: Uint8Array): Node {
  if (n === null) return new Leaf(key.subarray(off), value);
  n.ref = null;
  if (n instanceof Branch) {
    if (off === key.length) n.value = value;
    else n.children[key[off]] = insert(n.children[key[off]], key, off + 1, value);
    return n;
  }
  const c = common(n.path, key, off);
  if (n instanceof Leaf && c === n.path.length && off + c === key.length) {
    n.value = value;
    return n;
  }
  if (n instanceof Ext && c === n.path.length) {
    n.child = insert(n.child, key, off + c, value);
    return n;
  }
  const b = new Branch();
  if (n instanceof Leaf) leafOrBranch(n.path.subarray(c), n.value, b);
  else b.children[n.path[c]] = c + 1 === n.path.length ? n.child : new Ext(n.path.subarray(c + 1), n.child);
  leafOrBranch(key.subarray(off + c), value, b);
  return c > 0 ? new Ext(n.path.subarray(0, c), b) : b;
}

/** n with a child path prefix joined onto it (the shape a deletion leaves must stay canonical). */
function prefixed(prefix: Uint8Array, n: Node): Node {
  if (n instanceof Leaf) return new Leaf(concat(prefix, n.path), n.value);
  if (n instanceof Ext) return new Ext(concat(prefix, n.path), n.child);
  return new Ext(prefix, n);
}

/** Remove key, which the trie holds (put checks): every node on its path changes. */
function remove(n: Node | null, key: Uint8Array, off: number): Node | null {
  if (n === null) return null;
  n.ref = null;
  if (n instanceof Leaf) return common(n.path, key, off) === n.path.length && off + n.path.length === key.length ? null : n;
  if (n instanceof Ext) {
    if (common(n.path, key, off) !== n.path.length) return n;
    const child = remove(n.child, key, off + n.path.length);
    if (child === n.child) return n;
    if (child === null) return null;
    return child instanceof Branch ? new Ext(n.path, child) : prefixed(n.path, child);
  }
  if (off === key.length) n.value = null;
  else {
    const old = n.children[key[off]];
    const child = remove(old, key, off + 1);
    if (child === old) return n;
    n.children[key[off]] = child;
  }
  let only = -1;
  let count = 0;
  for (let i = 0; i < 16; i++) if (n.children[i] !== null) (only = i), count++;
  if (count === 0) return n.value === null ? null : new Leaf(new Uint8Array(0), n.value);
  if (count === 1 && n.value === null) return prefixed(Uint8Array.of(only), n.children[only]!);
  return n;
}

export class MerkleTrie {
  private root_: Node | null = null;
  private size_ = 0;

  get size(): number {
    return this.size_;
  }

  get(key: Uint8Array): Uint8Array | null {
    const k = nibbles(key);
    let n = this.root_;
    let off = 0;
    while (n !== null) {
      if (n instanceof Branch) {
        if (off === k.length) return n.value;
        n = n.children[k[off++]];
        continue;
      }
      const c = common(n.path, k, off);
      if (c !== n.path.length) return null;
      off += c;
      if (n instanceof Leaf) return off === k.length ? n.value : null;
      n = n.child;
    }
    return null;
  }

  /** Set key to value; null or empty deletes (an empty value is no value). */
  put(key: Uint8Array, value: Uint8Array | null): void {
    const had = this.get(key) !== null;
    if (value === null || value.length === 0) {
      if (!had) return;
      this.root_ = remove(this.root_, nibbles(key), 0);
      this.size_--;
      return;
    }
    this.root_ = insert(this.root_, nibbles(key), 0, value.slice());
    if (!had) this.size_++;
  }

  /** The root hash; hashes only the nodes changed since the last call. */
  root(): Uint8Array {
    if (this.root_ === null) return EMPTY_ROOT;
    const r = ref(this.root_);
    // the root is always referred to by hash, even when its encoding is short
    return r.length === 33 && r[0] === 0xa0 ? r.slice(1) : sha3_256(r);
  }

  /**
   * The encoded nodes from the root down the key's path (EIP-1186 form): what a verifier
   * needs to recompute the root and find the key's value, or prove it absent.
   */
  prove(key: Uint8Array): Uint8Array[] {
    const k = nibbles(key);
    const out: Uint8Array[] = [];
    let n = this.root_;
    let off = 0;
    while (n !== null) {
      const e = encode(n);
      if (out.length === 0 || e.length >= 32) out.push(e);
      if (n instanceof Branch) {
        if (off === k.length) break;
        n = n.children[k[off++]];
        continue;
      }
      const c = common(n.path, k, off);
      if (n instanceof Leaf || c !== n.path.length) break;
      off += c;
      n = n.child;
    }
    return out;
  }
}
