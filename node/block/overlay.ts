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

/** A state key as one string (kind letter, address latin1, then the storage key), for sets. */
export function keyId(kind: StateKey['kind'], a: string, k = ''): string {
  return kind[0] + a + (kind === 'storage' ? '\u0100' + k : '');
}

export class Overlay implements ChainState {
  /** address latin1 -> what this overlay wrote for it */
  readonly accounts = new Map<string, AccountEntry>();
  /** when set, every read that falls through to the base is recorded here, by keyId (parallel execution validates them) */
  reads: Map<string, StateKey> | null = null;

  constructor(readonly base: ChainState) {}

  private entry(address: Uint8Array): AccountEntry {
    const a = latin1Key(address);
    let e = this.accounts.get(a);
    if (e === undefined) this.accounts.set(a, (e = { address: address.slice(), storage: new Map() }));
    return e;
  }

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const a = latin1Key(address);
    const e = this.accounts.get(a);
    if (e !== undefined) {
      const w = e.storage.get(latin1Key(key));
      if (w !== undefined) return w.value;
    }
    if (this.reads) {
      const k = latin1Key(key);
      this.reads.set(keyId('storage', a, k), { kind: 'storage', address: address.slice(), key: key.slice() });
    }
    return this.base.getStorage(address, key);
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.entry(address).storage.set(latin1Key(key), { key: key.slice(), value: value && value.length ? value.slice() : null });
  }
  getBalance(address: Uint8Array): bigint {
    const e = this.accounts.get(latin1Key(address));
    if (e?.balance !== undefined) return e.balance;
    if (this.reads) this.reads.set(keyId('balance', latin1Key(address)), { kind: 'balance', address: address.slice() });
    return this.base.getBalance(address);
  }
  setBalance(address: Uint8Array, value: bigint): void {
    this.entry(address).balance = value;
  }
  getNonce(address: Uint8Array): bigint {
    const e = this.accounts.get(latin1Key(address));
    if (e?.nonce !== undefined) return e.nonce;
    if (this.reads) this.reads.set(keyId('nonce', latin1Key(address)), { kind: 'nonce', address: address.slice() });
    return this.base.getNonce(address);
  }
  setNonce(address: Uint8Array, nonce: bigint): void {
    this.entry(address).nonce = nonce;
  }
  getCode(address: Uint8Array): Uint8Array | null {
    const e = this.accounts.get(latin1Key(address));
    if (e?.code !== undefined) return e.code;
    if (this.reads) this.reads.set(keyId('code', latin1Key(address)), { kind: 'code', address: address.slice() });
    return this.base.getCode(address);
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.entry(address).code = code.slice();
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
