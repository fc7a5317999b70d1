// The host's state as the VM sees it: storage per contract address and balances. A node
// implements StateAdapter over its database; MemoryState is the in-memory one for tests and
// the base of the CLI's file state.
import { ByteMap, keyBytes, latin1Key } from './bytekey.js';
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
  /** address hex -> slots (runtime/bytekey.ts: small maps keyed by one char per key byte) */
  readonly storage = new Map<string, ByteMap<Uint8Array>>();
  readonly balances = new Map<string, bigint>();
  readonly code = new Map<string, Uint8Array>();
  /** the last address looked up, by value (a caller may reuse its buffer), and its slots */
  private lastAddr = new Uint8Array(0);
  private lastSlots: ByteMap<Uint8Array> | undefined = undefined;

  getCode(address: Uint8Array): Uint8Array | null {
    return this.code.get(bytesToHex(address)) ?? null;
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.code.set(bytesToHex(address), code.slice());
  }

  private slotsOf(address: Uint8Array): ByteMap<Uint8Array> | undefined {
    const last = this.lastAddr;
    let same = last.length === address.length;
    for (let i = 0; same && i < last.length; i++) same = last[i] === address[i];
    if (!same) {
      this.lastAddr = address.slice();
      this.lastSlots = this.storage.get(bytesToHex(address));
    }
    return this.lastSlots;
  }

  /** The slots of one address, keyed by latin1Key (runtime/bytekey.ts); for the journal's reads. Values are never empty. */
  slotMap(address: Uint8Array): ByteMap<Uint8Array> | undefined {
    return this.slotsOf(address);
  }

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    return this.slotsOf(address)?.get(latin1Key(key)) ?? null;
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.setSlot(address, latin1Key(key), value && value.length ? value.slice() : null);
  }
  /**
   * setStorage with the key as latin1Key(key) and a value nothing will mutate, stored as it
   * is (the journal's commit: contract bytes are immutable, runtime/values.ts).
   */
  setSlot(address: Uint8Array, id: string, value: Uint8Array | null): void {
    let slots = this.slotsOf(address);
    if (!value || value.length === 0) {
      slots?.delete(id);
      if (slots && slots.size === 0) {
        this.storage.delete(bytesToHex(address));
        this.lastSlots = undefined;
      }
      return;
    }
    if (!slots) {
      this.storage.set(bytesToHex(address), (slots = new ByteMap()));
      this.lastSlots = slots;
    }
    slots.set(id, value);
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
      // latin1 keys sort in byte order, as their hex does
      for (const k of slots.keys().sort()) storage[a][bytesToHex(keyBytes(k))] = bytesToHex(slots.get(k)!);
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
