// The state root (spec/BLOCKS.md §State root): one account trie keyed by sha3_256(address)
// whose leaves are rlp([nonce, balance, storageRoot, codeHash]), and one storage trie per
// account keyed by the slot id (journal.storageSlot(key)) holding the raw value bytes.
// After a full build it is updated from what a block changed: a changed slot costs one
// storage-trie path, a changed account one account-trie path.
import { sha3 as sha3_256 } from '../sha3.js';
import { decode as rlpDecode } from '@ethereumjs/rlp';
import { latin1Key } from '../bytekey.js';
import { storageSlot } from '../journal.js';
import type { ChainState, IterableState } from '../block/chain_state.js';
import type { AccountEntry } from '../block/overlay.js';
import { EMPTY_ROOT, MerkleTrie } from './mpt.js';
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

export function encodeAccount(a: AccountFields): Uint8Array {
  return rlpList([rlpBytes(uintBytes(a.nonce)), rlpBytes(uintBytes(a.balance)), rlpBytes(a.storageRoot), rlpBytes(a.codeHash)]);
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

export class StateCommitment {
  readonly accounts = new MerkleTrie();
  /** address latin1 -> its storage trie */
  private readonly storage = new Map<string, MerkleTrie>();
  /** address latin1 -> sha3_256(code): code is written once, at deploy, so it is hashed once */
  private readonly codeHashes = new Map<string, Uint8Array>();

  /** A commitment over everything in state: cost proportional to the state's size, once. */
  static build(state: IterableState): StateCommitment {
    const c = new StateCommitment();
    for (const address of state.addresses()) {
      const st = c.storageTrie(address, true)!;
      for (const [k, v] of state.storageEntries(address)) st.put(storageSlot(k), v);
      c.refreshCode(address, state.getCode(address));
      c.updateAccount(state, address);
    }
    return c;
  }

  private storageTrie(address: Uint8Array, create: boolean): MerkleTrie | undefined {
    const a = latin1Key(address);
    let t = this.storage.get(a);
    if (t === undefined && create) this.storage.set(a, (t = new MerkleTrie()));
    return t;
  }

  private refreshCode(address: Uint8Array, code: Uint8Array | null): void {
    if (code && code.length) this.codeHashes.set(latin1Key(address), sha3_256(code));
    else this.codeHashes.delete(latin1Key(address));
  }

  private fields(state: ChainState, address: Uint8Array): AccountFields {
    const st = this.storage.get(latin1Key(address));
    return {
      nonce: state.getNonce(address),
      balance: state.getBalance(address),
      storageRoot: st && st.size > 0 ? st.root() : EMPTY_ROOT,
      codeHash: this.codeHashes.get(latin1Key(address)) ?? EMPTY_CODE_HASH,
    };
  }

  /** the account's leaf from the state's nonce and balance and our storage root and code hash; an empty account has none */
  private updateAccount(state: ChainState, address: Uint8Array): void {
    const f = this.fields(state, address);
    const empty = f.nonce === 0n && f.balance === 0n && f.storageRoot === EMPTY_ROOT && f.codeHash === EMPTY_CODE_HASH;
    if (empty) this.storage.delete(latin1Key(address));
    this.accounts.put(accountKey(address), empty ? null : encodeAccount(f));
  }

  /**
   * Take in what one block changed (its overlay's entries, already applied to state) and
   * return the new root. Cost: one trie path per changed slot and per changed account.
   */
  update(state: ChainState, changed: Iterable<AccountEntry>): Uint8Array {
    for (const e of changed) {
      if (e.storage.size > 0) {
        const st = this.storageTrie(e.address, true)!;
        for (const w of e.storage.values()) st.put(storageSlot(w.key), w.value);
      }
      if (e.code !== undefined) this.refreshCode(e.address, e.code);
      this.updateAccount(state, e.address);
    }
    return this.root();
  }

  root(): Uint8Array {
    return this.accounts.root();
  }

  proveStorage(address: Uint8Array, key: Uint8Array): StorageProof {
    const stateRoot = this.root();
    const raw = this.accounts.get(accountKey(address));
    const accountProof = this.accounts.prove(accountKey(address));
    if (raw === null) return { stateRoot, address: address.slice(), key: key.slice(), value: null, account: null, accountProof, storageProof: [] };
    const st = this.storage.get(latin1Key(address));
    const slot = storageSlot(key);
    return {
      stateRoot,
      address: address.slice(),
      key: key.slice(),
      value: st?.get(slot) ?? null,
      account: decodeAccount(raw),
      accountProof,
      storageProof: st && st.size > 0 ? st.prove(slot) : [],
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
