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

/** One read, as a read set records it: what the overlay's base returned. */
export type ReadKey = string;

export class Overlay implements ChainState {
  /** address latin1 -> what this overlay wrote for it */
  readonly accounts = new Map<string, AccountEntry>();
  /** when set, every read that falls through to the base is recorded here (parallel execution validates them) */
  reads: Set<ReadKey> | null = null;

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
    if (this.reads) this.reads.add('s' + a + '\u0100' + latin1Key(key));
    return this.base.getStorage(address, key);
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.entry(address).storage.set(latin1Key(key), { key: key.slice(), value: value && value.length ? value.slice() : null });
  }
  getBalance(address: Uint8Array): bigint {
    const e = this.accounts.get(latin1Key(address));
    if (e?.balance !== undefined) return e.balance;
    if (this.reads) this.reads.add('b' + latin1Key(address));
    return this.base.getBalance(address);
  }
  setBalance(address: Uint8Array, value: bigint): void {
    this.entry(address).balance = value;
  }
  getNonce(address: Uint8Array): bigint {
    const e = this.accounts.get(latin1Key(address));
    if (e?.nonce !== undefined) return e.nonce;
    if (this.reads) this.reads.add('n' + latin1Key(address));
    return this.base.getNonce(address);
  }
  setNonce(address: Uint8Array, nonce: bigint): void {
    this.entry(address).nonce = nonce;
  }
  getCode(address: Uint8Array): Uint8Array | null {
    const e = this.accounts.get(latin1Key(address));
    if (e?.code !== undefined) return e.code;
    if (this.reads) this.reads.add('c' + latin1Key(address));
    return this.base.getCode(address);
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.entry(address).code = code.slice();
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
