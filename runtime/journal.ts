// Effects of one call, held apart from the state until the call succeeds. Reads see the
// call's own writes; commit() applies them in a canonical order; dropping the journal is
// the revert.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from './hex.js';
import type { StateAdapter } from './state.js';

export interface StorageWrite {
  address: Uint8Array;
  key: Uint8Array;
  /** sha3_256(b"animica:vm:storage|" + key): the slot id a node stores under */
  slot: Uint8Array;
  value: Uint8Array | null;
}

export interface BalanceWrite {
  address: Uint8Array;
  balance: bigint;
}

const SLOT_DOMAIN = new TextEncoder().encode('animica:vm:storage|');

export function storageSlot(key: Uint8Array): Uint8Array {
  const pre = new Uint8Array(SLOT_DOMAIN.length + key.length);
  pre.set(SLOT_DOMAIN);
  pre.set(key, SLOT_DOMAIN.length);
  return sha3_256(pre);
}

/** A write-set entry; its slot id is hashed only when someone asks (receipts do not). */
class Write implements StorageWrite {
  constructor(
    readonly address: Uint8Array,
    readonly key: Uint8Array,
    readonly value: Uint8Array | null,
  ) {}
  get slot(): Uint8Array {
    return storageSlot(this.key);
  }
}

/** latin1 strings of bytes sort in byte order, like the bytes themselves. */
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}

type Entry = { address: Uint8Array; key: Uint8Array; value: Uint8Array | null };

export class Journal {
  /** address -> key -> write; two levels so a lookup never builds an address+key string */
  private readonly storage = new Map<string, Map<string, Entry>>();
  private readonly balances = new Map<string, { address: Uint8Array; balance: bigint }>();
  /** the contract address repeats on every access of a call; its key is built once (per call, so a host reusing a buffer between calls is safe) */
  private lastAddr: Uint8Array | null = null;
  private lastAddrKey = '';

  constructor(readonly state: StateAdapter) {}

  private addrKey(address: Uint8Array): string {
    if (address !== this.lastAddr) {
      this.lastAddr = address;
      this.lastAddrKey = latin1(address);
    }
    return this.lastAddrKey;
  }

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const w = this.storage.get(this.addrKey(address))?.get(latin1(key));
    if (w !== undefined) return w.value;
    const v = this.state.getStorage(address, key);
    return v && v.length ? v : null;
  }

  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    const a = this.addrKey(address);
    let slots = this.storage.get(a);
    if (slots === undefined) this.storage.set(a, (slots = new Map()));
    slots.set(latin1(key), {
      address,
      key: key.slice(),
      value: value && value.length ? value.slice() : null,
    });
  }

  getBalance(address: Uint8Array): bigint {
    const w = this.balances.get(bytesToHex(address));
    return w !== undefined ? w.balance : this.state.getBalance(address);
  }

  setBalance(address: Uint8Array, balance: bigint): void {
    this.balances.set(bytesToHex(address), { address, balance });
  }

  /** Writes sorted by (address, key) so receipts do not depend on the order of effects. */
  storageWrites(): StorageWrite[] {
    const out: StorageWrite[] = [];
    for (const a of [...this.storage.keys()].sort()) {
      const slots = this.storage.get(a)!;
      for (const k of [...slots.keys()].sort()) {
        const w = slots.get(k)!;
        out.push(new Write(w.address, w.key, w.value));
      }
    }
    return out;
  }

  balanceWrites(): BalanceWrite[] {
    return [...this.balances.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, w]) => w);
  }

  /** Apply the writes (pass the lists already built for the receipt to avoid building them twice). */
  commit(writes: StorageWrite[] = this.storageWrites(), balances: BalanceWrite[] = this.balanceWrites()): void {
    for (const w of writes) this.state.setStorage(w.address, w.key, w.value);
    for (const w of balances) this.state.setBalance(w.address, w.balance);
  }
}
