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

/** Map key for (address, key): latin1 strings sort in byte order, like the bytes themselves. */
const addrKeys = new WeakMap<Uint8Array, string>();
function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]);
  return s;
}
function slotKey(address: Uint8Array, key: Uint8Array): string {
  let a = addrKeys.get(address);
  if (a === undefined) addrKeys.set(address, (a = latin1(address) + '\u0100'));
  return a + latin1(key);
}

export class Journal {
  private readonly storage = new Map<string, { address: Uint8Array; key: Uint8Array; value: Uint8Array | null }>();
  private readonly balances = new Map<string, { address: Uint8Array; balance: bigint }>();

  constructor(readonly state: StateAdapter) {}

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const w = this.storage.get(slotKey(address, key));
    if (w !== undefined) return w.value;
    const v = this.state.getStorage(address, key);
    return v && v.length ? v : null;
  }

  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.storage.set(slotKey(address, key), {
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
    return [...this.storage.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([, w]) => ({ address: w.address, key: w.key, slot: storageSlot(w.key), value: w.value }));
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
