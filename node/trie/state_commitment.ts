// The state root (spec/BLOCKS.md §State root): one account trie keyed by sha3_256(address)
// whose leaves are rlp([nonce, balance, storageRoot, codeHash]), and one storage trie per
// account keyed by the slot id (journal.storageSlot(key)) holding the raw value bytes.
// After a full build it is updated from what a block changed: a changed slot costs one
// storage-trie path, a changed account one account-trie path. With a NodeStore (host/store)
// it is opened from a stored root instead of built: the account leaf is the record of an
// account's storage root and code hash, so nothing else is kept per account.
import { sha3 as sha3_256 } from '../sha3.js';
import { decode as rlpDecode } from '@ethereumjs/rlp';
import { latin1Key } from '../bytekey.js';
import { storageSlot } from '../journal.js';
import type { ChainState, IterableState } from '../block/chain_state.js';
import type { AccountEntry } from '../block/overlay.js';
import { EMPTY_ROOT, keyPath, MerkleTrie, type NodeLoader, type NodeSink } from './mpt.js';
import { ProofError, verifyTrieProof } from './proof.js';
import { rlpBytes, rlpList, uintBytes } from './rlp.js';

/** codeHash of an account without code: sha3_256 of no bytes. */
export const EMPTY_CODE_HASH = sha3_256(new Uint8Array(0));

export interface AccountFields {
  nonce: bigint;
  balance: bigint;
  storageRoot: Uint8Array;
  codeHash: Uint8Array;
}

export interface StorageProof {
  stateRoot: Uint8Array;
  address: Uint8Array;
  key: Uint8Array;
  /** the slot's value, null when empty */
  value: Uint8Array | null;
  /** the account's leaf fields, null when the account does not exist */
  account: AccountFields | null;
  /** account-trie nodes for sha3_256(address) */
  accountProof: Uint8Array[];
  /** storage-trie nodes for storageSlot(key) (empty when the account does not exist) */
  storageProof: Uint8Array[];
}

export function accountKey(address: Uint8Array): Uint8Array {
  return sha3_256(address);
}

// The trie paths of the addresses and slot keys a chain touches again and again (every
// block re-writes its senders' accounts and its contracts' hot slots): each hash is taken
// once, not once per block. Bounded: dropped whole when full, as journal.ts's slot memo is.
const PATHS_MAX = 1 << 17;
/** hashDeep(): nodes this many nibbles below a root or deeper (one account trie level of 16 is hashed per block, not per batch) */
const HASH_DEPTH = 2;
const accountPaths = new Map<string, Uint8Array>();
const slotPaths = new Map<string, Uint8Array>();

/** keyPath(accountKey(address)), address given as its latin1Key too */
function accountPath(a: string, address: Uint8Array): Uint8Array {
  let p = accountPaths.get(a);
  if (p === undefined) {
    if (accountPaths.size >= PATHS_MAX) accountPaths.clear();
    accountPaths.set(a, (p = keyPath(sha3_256(address))));
  }
  return p;
}

/** keyPath(storageSlot(key)) */
function slotPath(key: Uint8Array, k = latin1Key(key)): Uint8Array {
  let p = slotPaths.get(k);
  if (p === undefined) {
    if (slotPaths.size >= PATHS_MAX) slotPaths.clear();
    slotPaths.set(k, (p = keyPath(storageSlot(key))));
  }
  return p;
}

export function encodeAccount(a: AccountFields): Uint8Array {
  // rlp([nonce, balance, storageRoot, codeHash]) written into one array: every account a block
  // changes is encoded, and building it from rlpList/rlpBytes parts made six arrays each
  const n = uintBytes(a.nonce);
  const b = uintBytes(a.balance);
  if (n.length >= 56 || b.length >= 56 || a.storageRoot.length >= 56 || a.codeHash.length >= 56)
    return rlpList([rlpBytes(n), rlpBytes(b), rlpBytes(a.storageRoot), rlpBytes(a.codeHash)]);
  const len = scalarLen(n) + scalarLen(b) + scalarLen(a.storageRoot) + scalarLen(a.codeHash);
  // the list's head: one byte under 56 bytes of items, else 0xf7 + 1 and the length (< 256 here)
  const h = len < 56 ? 1 : 2;
  const out = new Uint8Array(h + len);
  if (h === 1) out[0] = 0xc0 + len;
  else {
    out[0] = 0xf8;
    out[1] = len;
  }
  let o = putScalar(out, h, n);
  o = putScalar(out, o, b);
  o = putScalar(out, o, a.storageRoot);
  putScalar(out, o, a.codeHash);
  return out;
}

/** Length of rlpBytes(b) for b shorter than 56 bytes. */
function scalarLen(b: Uint8Array): number {
  return b.length === 1 && b[0] < 0x80 ? 1 : 1 + b.length;
}
/** rlpBytes(b) (b shorter than 56 bytes) at o; returns the offset after it. */
function putScalar(out: Uint8Array, o: number, b: Uint8Array): number {
  if (b.length === 1 && b[0] < 0x80) {
    out[o] = b[0];
    return o + 1;
  }
  out[o++] = 0x80 + b.length;
  for (let i = 0; i < b.length; i++) out[o++] = b[i];
  return o;
}

function beToBig(b: Uint8Array): bigint {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}

export function decodeAccount(raw: Uint8Array): AccountFields {
  const d = rlpDecode(raw) as unknown;
  if (!Array.isArray(d) || d.length !== 4 || !d.every((x) => x instanceof Uint8Array))
    throw new Error('account leaf is not rlp([nonce, balance, storageRoot, codeHash])');
  const [n, b, s, c] = d as Uint8Array[];
  if (s.length !== 32 || c.length !== 32) throw new Error('account leaf: storageRoot and codeHash must be 32 bytes');
  return { nonce: beToBig(n), balance: beToBig(b), storageRoot: s, codeHash: c };
}

/**
 * Where a commitment's tries keep their nodes (host/store gives one to persist them). owner:
 * null for the account trie, else the address whose storage trie the node is in.
 */
export interface NodeStore {
  load(owner: Uint8Array | null, hash: Uint8Array, at: Uint8Array): Uint8Array | null;
  sink(owner: Uint8Array | null, hash: Uint8Array, encoding: Uint8Array, at: Uint8Array): void;
}

function trieOf(nodes: NodeStore | null, owner: Uint8Array | null, root?: Uint8Array): MerkleTrie {
  if (nodes === null) return new MerkleTrie({ root });
  const load: NodeLoader = (h, at) => nodes.load(owner, h, at);
  const sink: NodeSink = (h, e, at) => nodes.sink(owner, h, e, at);
  return new MerkleTrie({ root, load, sink });
}

export class StateCommitment {
  readonly accounts: MerkleTrie;
  /** address latin1 -> its storage trie (tries of accounts not touched yet are opened from their leaf on use) */
  private readonly storage = new Map<string, MerkleTrie>();
  private readonly nodes: NodeStore | null;
  /**
   * In memory (no NodeStore): address latin1 -> code hash, for the accounts with code. With
   * this and `storage` (every account's storage trie), an account's leaf is never read back
   * to learn the fields a block did not change. A stored commitment reads its leaf instead.
   */
  private readonly codeHashes = new Map<string, Uint8Array>();

  /**
   * An empty commitment, or (with nodes and root) the one stored under root: its nodes are
   * loaded on use, so opening costs nothing in the state's size.
   */
  constructor(opts: { nodes?: NodeStore; root?: Uint8Array } = {}) {
    this.nodes = opts.nodes ?? null;
    this.accounts = trieOf(this.nodes, null, opts.root);
  }

  /** A commitment over everything in state: cost proportional to the state's size, once. With nodes, every node goes to its sink. */
  static build(state: IterableState, nodes?: NodeStore): StateCommitment {
    const c = new StateCommitment({ nodes });
    for (const address of state.addresses()) {
      const st = c.storageTrie(address)!;
      for (const [k, v] of state.storageEntries(address)) st.putPath(slotPath(k), v.length ? v.slice() : null);
      const code = state.getCode(address);
      c.updateAccount(state, address, code && code.length ? sha3_256(code) : EMPTY_CODE_HASH);
    }
    return c;
  }

  /** Load the account trie's root node (a store checks at open that it is there and intact). */
  touch(): void {
    this.accounts.touch();
  }

  /** The account's leaf fields, or null. */
  private leaf(address: Uint8Array, a = latin1Key(address)): AccountFields | null {
    const raw = this.accounts.getPath(accountPath(a, address));
    return raw === null ? null : decodeAccount(raw);
  }

  private storageTrie(address: Uint8Array, a = latin1Key(address)): MerkleTrie {
    let t = this.storage.get(a);
    if (t === undefined) {
      const root = this.nodes ? (this.leaf(address)?.storageRoot ?? EMPTY_ROOT) : EMPTY_ROOT;
      this.storage.set(a, (t = trieOf(this.nodes, address.slice(), root)));
    }
    return t;
  }

  /**
   * The account's leaf from the state's nonce and balance, its storage trie's root and its
   * code hash (given when the code changed, else the leaf's); an empty account has none.
   */
  private updateAccount(state: ChainState, address: Uint8Array, codeHash?: Uint8Array, a = latin1Key(address)): void {
    const st = this.storage.get(a);
    let storageRoot: Uint8Array;
    if (this.nodes === null) {
      // in memory every account's fields are at hand: its storage trie (none: empty) and codeHashes
      storageRoot = st === undefined || st.isEmpty ? EMPTY_ROOT : st.root();
      if (codeHash === undefined) codeHash = this.codeHashes.get(a) ?? EMPTY_CODE_HASH;
      else if (bytesEqual(codeHash, EMPTY_CODE_HASH)) this.codeHashes.delete(a);
      else this.codeHashes.set(a, codeHash);
    } else {
      const old = codeHash === undefined || st === undefined ? this.leaf(address, a) : null;
      storageRoot = st !== undefined ? (st.isEmpty ? EMPTY_ROOT : st.root()) : (old?.storageRoot ?? EMPTY_ROOT);
      codeHash = codeHash ?? old?.codeHash ?? EMPTY_CODE_HASH;
    }
    const f: AccountFields = { nonce: state.getNonce(address), balance: state.getBalance(address), storageRoot, codeHash };
    const empty = f.nonce === 0n && f.balance === 0n && bytesEqual(f.storageRoot, EMPTY_ROOT) && bytesEqual(f.codeHash, EMPTY_CODE_HASH);
    if (empty) this.storage.delete(a);
    this.accounts.putPath(accountPath(a, address), empty ? null : encodeAccount(f));
  }

  /**
   * Take in what one block changed (its overlay's entries, already applied to state) and
   * return the new root. Cost: one trie path per changed slot and per changed account.
   */
  update(state: ChainState, changed: Iterable<AccountEntry>): Uint8Array {
    this.stage(state, changed);
    return this.root(state);
  }

  /** accounts whose storage or code changed since the last root(): their leaves wait for it (latin1 address -> address, new code hash) */
  private readonly dirty = new Map<string, { address: Uint8Array; codeHash: Uint8Array | undefined }>();

  /**
   * Take in part of a block's changes without computing the root: storage goes into the
   * storage tries now; accounts with no storage change get their leaves now (their nonce
   * and balance read from state), the others at root(state), after their storage root.
   * Changed nodes deep in the tries are hashed now, the top ones at root().
   */
  stage(state: ChainState, changed: Iterable<AccountEntry>): void {
    for (const e of changed) {
      const codeHash = e.code === undefined ? undefined : e.code && e.code.length ? sha3_256(e.code) : EMPTY_CODE_HASH;
      // each address keyed once here (latin1Key was computed up to four times per account)
      const a = latin1Key(e.address);
      if (e.storage.size === 0 && codeHash === undefined && !this.dirty.has(a)) {
        this.updateAccount(state, e.address, undefined, a);
        continue;
      }
      if (e.storage.size > 0) {
        const st = this.storageTrie(e.address, a);
        // storage keys as the entry's map holds them (latin1), so slotPath does not key them again
        for (const [k, w] of e.storage) st.putPath(slotPath(w.key, k), w.value === null || w.value.length === 0 ? null : w.value.slice());
      }
      const d = this.dirty.get(a);
      if (d === undefined) this.dirty.set(a, { address: e.address, codeHash });
      else if (codeHash !== undefined) d.codeHash = codeHash;
    }
  }

  /** Hash the changed nodes more than two levels down (a root keeper between batches: stage(), then this). */
  hashDeep(): void {
    for (const a of this.dirty.keys()) this.storage.get(a)?.hashBelow(HASH_DEPTH);
    this.accounts.hashBelow(HASH_DEPTH);
  }

  /**
   * The state root. After stage(), pass the state the staged changes read from (now with
   * every change of the block): the accounts whose storage changed get their leaves first.
   */
  root(state?: ChainState): Uint8Array {
    if (this.dirty.size > 0) {
      if (state === undefined) throw new Error('internal error: StateCommitment.root() after stage() needs the state');
      for (const [a, d] of this.dirty) this.updateAccount(state, d.address, d.codeHash, a);
      this.dirty.clear();
    }
    return this.accounts.root();
  }

  /**
   * Forget the decoded nodes and storage tries (stored tries only: they reload on use), so
   * memory stays bounded; call after the nodes root() gave the sink are written.
   */
  unload(): void {
    if (this.nodes === null) return;
    this.root();
    this.storage.clear();
    this.codeHashes.clear();
    this.accounts.unload();
  }

  proveStorage(address: Uint8Array, key: Uint8Array): StorageProof {
    const stateRoot = this.root();
    const raw = this.accounts.get(accountKey(address));
    const accountProof = this.accounts.prove(accountKey(address));
    if (raw === null) return { stateRoot, address: address.slice(), key: key.slice(), value: null, account: null, accountProof, storageProof: [] };
    const st = this.storageTrie(address);
    const slot = storageSlot(key);
    return {
      stateRoot,
      address: address.slice(),
      key: key.slice(),
      value: st.get(slot),
      account: decodeAccount(raw),
      accountProof,
      storageProof: st.isEmpty ? [] : st.prove(slot),
    };
  }
}

/**
 * Check a storage proof against a state root (the proof's own stateRoot when omitted): the
 * account proof must give the account's leaf, and the storage proof the value under that
 * leaf's storageRoot. Returns the proven value (null: proven empty); throws when the proof
 * does not hold.
 */
export function verifyStorageProof(p: StorageProof, stateRoot: Uint8Array = p.stateRoot): Uint8Array | null {
  const raw = verifyTrieProof(stateRoot, accountKey(p.address), p.accountProof);
  if (raw === null) {
    if (p.account !== null || p.value !== null) throw new ProofError('proof: the account is absent under this root');
    return null;
  }
  const acct = decodeAccount(raw);
  if (p.account && encodeAccount(p.account).join() !== raw.join()) throw new ProofError('proof: the account fields differ from the proven leaf');
  let value: Uint8Array | null;
  if (bytesEqual(acct.storageRoot, EMPTY_ROOT)) value = null;
  else value = verifyTrieProof(acct.storageRoot, storageSlot(p.key), p.storageProof);
  if ((value === null) !== (p.value === null) || (value && !bytesEqual(value, p.value!))) throw new ProofError('proof: the value differs from the proven one');
  return value;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
