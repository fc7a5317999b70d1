// The host's state as the VM sees it: storage per contract address and balances. A node
// implements StateAdapter over its database; MemoryState is the in-memory one for tests and
// the base of the CLI's file state.
import { bytesToHex, hexToBytes } from './hex.js';

export interface StateAdapter {
  /** The stored value, or null when the slot is empty (empty and absent are one state). */
  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null;
  /** null (or empty) deletes. */
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void;
  getBalance(address: Uint8Array): bigint;
  setBalance(address: Uint8Array, value: bigint): void;
}

/** Deployed code by contract address (runtime/adapter.ts deploy writes, call reads). */
export interface CodeStore {
  getCode(address: Uint8Array): Uint8Array | null;
  setCode(address: Uint8Array, code: Uint8Array): void;
}

export interface StateSnapshot {
  storage: Record<string, Record<string, string>>; // address hex -> key hex -> value hex
  balances: Record<string, string>; // address hex -> decimal
  /** address hex -> IR hex; absent when nothing was deployed */
  code?: Record<string, string>;
}

export class MemoryState implements StateAdapter, CodeStore {
  readonly storage = new Map<string, Map<string, Uint8Array>>();
  readonly balances = new Map<string, bigint>();
  readonly code = new Map<string, Uint8Array>();

  getCode(address: Uint8Array): Uint8Array | null {
    return this.code.get(bytesToHex(address)) ?? null;
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.code.set(bytesToHex(address), code.slice());
  }

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    return this.storage.get(bytesToHex(address))?.get(bytesToHex(key)) ?? null;
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    const a = bytesToHex(address);
    let slots = this.storage.get(a);
    if (!value || value.length === 0) {
      slots?.delete(bytesToHex(key));
      if (slots && slots.size === 0) this.storage.delete(a);
      return;
    }
    if (!slots) this.storage.set(a, (slots = new Map()));
    slots.set(bytesToHex(key), value.slice());
  }
  getBalance(address: Uint8Array): bigint {
    return this.balances.get(bytesToHex(address)) ?? 0n;
  }
  setBalance(address: Uint8Array, value: bigint): void {
    if (value === 0n) this.balances.delete(bytesToHex(address));
    else this.balances.set(bytesToHex(address), value);
  }

  /** A JSON-able copy with sorted keys, so the same state always serializes the same way. */
  snapshot(): StateSnapshot {
    const storage: StateSnapshot['storage'] = {};
    for (const a of [...this.storage.keys()].sort()) {
      const slots = this.storage.get(a)!;
      storage[a] = {};
      for (const k of [...slots.keys()].sort()) storage[a][k] = bytesToHex(slots.get(k)!);
    }
    const balances: StateSnapshot['balances'] = {};
    for (const a of [...this.balances.keys()].sort()) balances[a] = this.balances.get(a)!.toString();
    if (this.code.size === 0) return { storage, balances };
    const code: Record<string, string> = {};
    for (const a of [...this.code.keys()].sort()) code[a] = bytesToHex(this.code.get(a)!);
    return { storage, balances, code };
  }

  static fromSnapshot(s: StateSnapshot): MemoryState {
    const m = new MemoryState();
    for (const [a, slots] of Object.entries(s.storage)) {
      for (const [k, v] of Object.entries(slots)) m.setStorage(hexToBytes(a), hexToBytes(k), hexToBytes(v));
    }
    for (const [a, v] of Object.entries(s.balances)) m.setBalance(hexToBytes(a), BigInt(v));
    for (const [a, c] of Object.entries(s.code ?? {})) m.setCode(hexToBytes(a), hexToBytes(c));
    return m;
  }
}
