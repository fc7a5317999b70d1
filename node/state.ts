// The host's state as the VM sees it: storage per contract address and balances. A node
// implements StateAdapter over its database; MemoryState is the in-memory one for tests and
// the base of the CLI's file state.
import { bytesToHex, hexToBytes } from '../core/hex.js';
import { SlabMap } from './slabmap.js';
import { keyBytes, latin1Key } from './bytekey.js';

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
  /** address hex -> decimal tx count (node/block); absent when every nonce is 0 */
  nonces?: Record<string, string>;
}

export class MemoryState implements StateAdapter, CodeStore {
  // Maps are keyed by latin1Key(address) (one char per byte: sorts as the hex does, and is
  // built in one call; hex keys were ~4% of a token transfer's CPU). snapshot() shows hex.
  /** address -> slots (runtime/slabmap.ts: key and value bytes in one slab; emptied slots keep an entry with no value) */
  readonly storage = new Map<string, SlabMap>();
  readonly balances = new Map<string, bigint>();
  readonly code = new Map<string, Uint8Array>();
  /** address -> transactions sent (node/block/execute_block.ts checks and bumps them) */
  readonly nonces = new Map<string, bigint>();
  /** the last address looked up, by value (a caller may reuse its buffer), and its slots */
  private lastAddr = new Uint8Array(0);
  private lastSlots: SlabMap | undefined = undefined;

  getCode(address: Uint8Array): Uint8Array | null {
    return this.code.get(latin1Key(address)) ?? null;
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.code.set(latin1Key(address), code.slice());
  }

  private slotsOf(address: Uint8Array): SlabMap | undefined {
    const last = this.lastAddr;
    let same = last.length === address.length;
    for (let i = 0; same && i < last.length; i++) same = last[i] === address[i];
    if (!same) {
      this.lastAddr = address.slice();
      this.lastSlots = this.storage.get(latin1Key(address));
    }
    return this.lastSlots;
  }

  /** The slots of one address, for the journal's reads. */
  slabOf(address: Uint8Array): SlabMap | undefined {
    return this.slotsOf(address);
  }

  /** A read returns one object per slot until the slot is written (SlabMap.read). */
  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const t = this.slotsOf(address);
    if (t === undefined) return null;
    const e = t.find(key);
    return e >= 0 ? t.read(e) : null;
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    const t = this.slotsFor(address, value !== null && value.length > 0);
    if (t === undefined) return;
    t.put(t.add(key), value);
    this.dropIfEmpty(address, t);
  }
  /** The journal's commit: entry e of its slots (key and value, or no value) copied in. */
  copySlot(address: Uint8Array, src: SlabMap, e: number): void {
    const t = this.slotsFor(address, src.hasValue(e));
    if (t === undefined) return;
    t.copyFrom(src, e);
    this.dropIfEmpty(address, t);
  }
  /**
   * The journal's commit when this state has no slots for address: it takes the journal's
   * slots themselves (the journal is done with them; false: this state has some).
   */
  adopt(address: Uint8Array, src: SlabMap): boolean {
    if (this.slotsOf(address) !== undefined) return false;
    if (src.live > 0) {
      this.storage.set(latin1Key(address), src);
      this.lastSlots = src;
    }
    return true;
  }
  /** the slots of address, created when a value is to be stored */
  private slotsFor(address: Uint8Array, create: boolean): SlabMap | undefined {
    let t = this.slotsOf(address);
    if (t === undefined && create) {
      this.storage.set(latin1Key(address), (t = new SlabMap()));
      this.lastSlots = t;
    }
    return t;
  }
  /** an address whose last slot was emptied has no storage (as a snapshot shows it) */
  private dropIfEmpty(address: Uint8Array, t: SlabMap): void {
    if (t.live > 0) return;
    this.storage.delete(latin1Key(address));
    this.lastSlots = undefined;
  }
  getBalance(address: Uint8Array): bigint {
    return this.balances.get(latin1Key(address)) ?? 0n;
  }
  setBalance(address: Uint8Array, value: bigint): void {
    if (value === 0n) this.balances.delete(latin1Key(address));
    else this.balances.set(latin1Key(address), value);
  }

  getNonce(address: Uint8Array): bigint {
    return this.nonces.get(latin1Key(address)) ?? 0n;
  }
  setNonce(address: Uint8Array, nonce: bigint): void {
    if (nonce === 0n) this.nonces.delete(latin1Key(address));
    else this.nonces.set(latin1Key(address), nonce);
  }
  /** Every address with storage, a balance, code or a nonce, once each (for building a state root). */
  addresses(): Uint8Array[] {
    const all = new Set<string>([...this.storage.keys(), ...this.balances.keys(), ...this.code.keys(), ...this.nonces.keys()]);
    return [...all].map(keyBytes);
  }
  /** The non-empty slots of one address as [key, value]. */
  storageEntries(address: Uint8Array): [Uint8Array, Uint8Array][] {
    const t = this.storage.get(latin1Key(address));
    if (!t) return [];
    return t.sorted((e) => t.hasValue(e)).map((e) => [t.key(e), t.value(e)!]);
  }

  /** A JSON-able copy with sorted keys, so the same state always serializes the same way. */
  snapshot(): StateSnapshot {
    const storage: StateSnapshot['storage'] = {};
    for (const a of [...this.storage.keys()].sort()) {
      const slots = this.storage.get(a)!;
      const ah = bytesToHex(keyBytes(a));
      storage[ah] = {};
      // byte order, as the keys' hex sorts
      for (const e of slots.sorted((e) => slots.hasValue(e))) storage[ah][bytesToHex(slots.key(e))] = bytesToHex(slots.value(e)!);
    }
    const balances: StateSnapshot['balances'] = {};
    for (const a of [...this.balances.keys()].sort()) balances[bytesToHex(keyBytes(a))] = this.balances.get(a)!.toString();
    const out: StateSnapshot = { storage, balances };
    if (this.code.size > 0) {
      const code: Record<string, string> = {};
      for (const a of [...this.code.keys()].sort()) code[bytesToHex(keyBytes(a))] = bytesToHex(this.code.get(a)!);
      out.code = code;
    }
    if (this.nonces.size > 0) {
      const nonces: Record<string, string> = {};
      for (const a of [...this.nonces.keys()].sort()) nonces[bytesToHex(keyBytes(a))] = this.nonces.get(a)!.toString();
      out.nonces = nonces;
    }
    return out;
  }

  static fromSnapshot(s: StateSnapshot): MemoryState {
    const m = new MemoryState();
    for (const [a, slots] of Object.entries(s.storage)) {
      for (const [k, v] of Object.entries(slots)) m.setStorage(hexToBytes(a), hexToBytes(k), hexToBytes(v));
    }
    for (const [a, v] of Object.entries(s.balances)) m.setBalance(hexToBytes(a), BigInt(v));
    for (const [a, c] of Object.entries(s.code ?? {})) m.setCode(hexToBytes(a), hexToBytes(c));
    for (const [a, n] of Object.entries(s.nonces ?? {})) m.setNonce(hexToBytes(a), BigInt(n));
    return m;
  }
}
