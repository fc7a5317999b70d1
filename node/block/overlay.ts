// A block's (or a transaction's) writes held over a state until they are applied as one
// step: reads see the overlay's own writes, then the state below. Dropping it undoes them.
// Its entries are exactly what changed, so the state root is updated from them alone, and
// a database store writes them in one transaction (all of a block or none of it).
import { latin1Key } from '../bytekey.js';
import type { ChainState } from './chain_state.js';

export interface SlotEntry {
  key: Uint8Array;
  value: Uint8Array | null;
}

export interface AccountEntry {
  address: Uint8Array;
  /** key latin1 -> written value (null: emptied) */
  storage: Map<string, SlotEntry>;
  balance?: bigint;
  nonce?: bigint;
  code?: Uint8Array;
}

/** One read or write of the state, as a read or write set names it. */
export interface StateKey {
  kind: 'storage' | 'balance' | 'nonce' | 'code';
  address: Uint8Array;
  /** storage only */
  key?: Uint8Array;
}

/**
 * A state key as one string, for sets: kind letter and address latin1, and for storage the
 * address's length as one char before it and the key after it (so the id stays a one-byte
 * string, cheaper to hash and compare than with a separator above latin1).
 */
export function keyId(kind: StateKey['kind'], a: string, k = ''): string {
  return kind === 'storage' ? 's' + String.fromCharCode(a.length) + a + k : kind[0] + a;
}

export class Overlay implements ChainState {
  /** address latin1 -> what this overlay wrote for it */
  readonly accounts = new Map<string, AccountEntry>();
  /** when set, every read that falls through to the base is recorded here, by keyId (parallel execution validates them) */
  reads: Map<string, StateKey> | null = null;

  constructor(readonly base: ChainState) {}

  /** the last address keyed, by value (a caller may reuse its buffer), and its key */
  private lastAddr: Uint8Array = new Uint8Array(0);
  private lastKey = '';
  /** with reads: the value each recorded storage read returned (the base does not change under a tx's overlay) */
  private readValues: Map<string, Uint8Array | null> | null = null;

  /**
   * One copy of each address this overlay keeps (in its entries, its read set, as its last
   * address): a tx names a few addresses many times, and every copy lives as long as the
   * block's receipts (typed arrays were most of what a block kept alive).
   */
  private copies: Map<string, Uint8Array> | null = null;

  private copyOf(a: string, address: Uint8Array): Uint8Array {
    const e = this.accounts.get(a);
    if (e !== undefined) return e.address;
    const copies = (this.copies ??= new Map());
    let c = copies.get(a);
    if (c === undefined) copies.set(a, (c = address.slice()));
    return c;
  }

  /** This overlay's copy of address (the one its entry or read set holds; made now when neither does). */
  own(address: Uint8Array): Uint8Array {
    return this.copyOf(this.addrKey(address), address);
  }

  /** latin1Key(address), remembered for the last address: a contract's reads and writes repeat it */
  private addrKey(address: Uint8Array): string {
    const last = this.lastAddr;
    let same = last.length === address.length;
    for (let i = 0; same && i < last.length; i++) same = last[i] === address[i];
    if (!same) {
      this.lastKey = latin1Key(address);
      this.lastAddr = this.copyOf(this.lastKey, address);
    }
    return this.lastKey;
  }

  private entry(address: Uint8Array): AccountEntry {
    const a = this.addrKey(address);
    let e = this.accounts.get(a);
    if (e === undefined) this.accounts.set(a, (e = { address: this.copyOf(a, address), storage: new Map() }));
    return e;
  }

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const a = this.addrKey(address);
    const e = this.accounts.get(a);
    const k = latin1Key(key);
    if (e !== undefined) {
      const w = e.storage.get(k);
      if (w !== undefined) return w.value;
    }
    const reads = this.reads;
    if (reads === null) return this.base.getStorage(address, key);
    // a slot read twice (a contract's get, then its set checks the slot) is recorded and read below once
    const id = keyId('storage', a, k);
    const rv = (this.readValues ??= new Map());
    const seen = rv.get(id);
    if (seen !== undefined) return seen;
    reads.set(id, { kind: 'storage', address: this.copyOf(a, address), key: key.slice() });
    const v = this.base.getStorage(address, key);
    rv.set(id, v);
    return v;
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.entry(address).storage.set(latin1Key(key), { key: key.slice(), value: value && value.length ? value.slice() : null });
  }
  /**
   * setStorage for a call's committed writes (node/journal.ts): key and value are the
   * receipt's own copies, which nothing changes, so they are kept rather than copied again.
   */
  adoptStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.entry(address).storage.set(latin1Key(key), { key, value: value && value.length ? value : null });
  }
  getBalance(address: Uint8Array): bigint {
    const a = this.addrKey(address);
    const e = this.accounts.get(a);
    if (e?.balance !== undefined) return e.balance;
    if (this.reads) this.record('balance', a, address);
    return this.base.getBalance(address);
  }
  setBalance(address: Uint8Array, value: bigint): void {
    this.entry(address).balance = value;
  }
  getNonce(address: Uint8Array): bigint {
    const a = this.addrKey(address);
    const e = this.accounts.get(a);
    if (e?.nonce !== undefined) return e.nonce;
    if (this.reads) this.record('nonce', a, address);
    return this.base.getNonce(address);
  }
  setNonce(address: Uint8Array, nonce: bigint): void {
    this.entry(address).nonce = nonce;
  }
  getCode(address: Uint8Array): Uint8Array | null {
    const a = this.addrKey(address);
    const e = this.accounts.get(a);
    if (e?.code !== undefined) return e.code;
    if (this.reads) this.record('code', a, address);
    return this.base.getCode(address);
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.entry(address).code = code.slice();
  }

  private record(kind: 'balance' | 'nonce' | 'code', a: string, address: Uint8Array): void {
    const id = keyId(kind, a);
    if (!this.reads!.has(id)) this.reads!.set(id, { kind, address: this.copyOf(a, address) });
  }

  /** keyIds of everything this overlay wrote */
  writtenIds(): string[] {
    const out: string[] = [];
    for (const [a, e] of this.accounts) {
      for (const k of e.storage.keys()) out.push(keyId('storage', a, k));
      if (e.balance !== undefined) out.push(keyId('balance', a));
      if (e.nonce !== undefined) out.push(keyId('nonce', a));
      if (e.code !== undefined) out.push(keyId('code', a));
    }
    return out;
  }

  /**
   * Move everything into target, an overlay below this one, and leave this one done with:
   * entries are shared, not copied (nothing changes an entry in place; a write replaces it),
   * and not sorted (an overlay is a map; whoever lists it in order sorts it then).
   */
  mergeInto(target: Overlay): void {
    for (const [a, e] of this.accounts) {
      const t = target.accounts.get(a);
      if (t === undefined) {
        target.accounts.set(a, e);
        continue;
      }
      if (e.code !== undefined) t.code = e.code;
      for (const [k, w] of e.storage) t.storage.set(k, w);
      if (e.balance !== undefined) t.balance = e.balance;
      if (e.nonce !== undefined) t.nonce = e.nonce;
    }
  }

  /** Write everything down into target (the base, or an overlay below), in a fixed order. */
  applyTo(target: ChainState): void {
    for (const a of [...this.accounts.keys()].sort()) {
      const e = this.accounts.get(a)!;
      if (e.code !== undefined) target.setCode(e.address, e.code);
      for (const k of [...e.storage.keys()].sort()) {
        const w = e.storage.get(k)!;
        target.setStorage(e.address, w.key, w.value);
      }
      if (e.balance !== undefined) target.setBalance(e.address, e.balance);
      if (e.nonce !== undefined) target.setNonce(e.address, e.nonce);
    }
  }
}
