// Effects of one call, held apart from the state until the call succeeds. Reads see the
// call's own writes; commit() applies them in a canonical order; dropping the journal is
// the revert.
// node/sha3.ts: @noble/hashes, or the host's native SHA3-256 when it installed one
import { sha3 as sha3_256 } from './sha3.js';
import { latin1Key } from './bytekey.js';
import { bytesToHex } from '../core/hex.js';
import { SlabMap } from './slabmap.js';
import { MemoryState, type StateAdapter } from './state.js';
import { NO_WRITES, WRITE_STRIDE, writeAddress, writeCount, writeKey, writeValue, type StorageWrites } from './writes.js';
export type { StorageWrite, StorageWrites } from './writes.js';

export interface BalanceWrite {
  address: Uint8Array;
  balance: bigint;
}

const SLOT_DOMAIN = new TextEncoder().encode('animica:vm:storage|');

export function storageSlot(key: Uint8Array): Uint8Array {
  // the state root and proofs ask for the slot id of the same key again: hash it once
  const k = latin1Key(key);
  const hit = slotMemo.get(k);
  if (hit !== undefined) return hit.slice();
  const pre = new Uint8Array(SLOT_DOMAIN.length + key.length);
  pre.set(SLOT_DOMAIN);
  pre.set(key, SLOT_DOMAIN.length);
  const slot = sha3_256(pre);
  if (slotMemo.size >= SLOT_MEMO_MAX) slotMemo.clear();
  slotMemo.set(k, slot);
  return slot.slice();
}
const slotMemo = new Map<string, Uint8Array>();
const SLOT_MEMO_MAX = 4096;

/** A state that can keep a commit's write copies instead of copying them (node/block/overlay.ts). */
interface Adopter {
  adoptStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void;
}

/** flags of a journal entry */
const WRITTEN = 1;
const ORIGINAL = 2;

/**
 * One address's slots in the journal. What a contract can see stays as it was when each
 * write stored a copy: a read never returns the very object that was written
 * (`storage.get(k) is v` is False), and reads between two writes return one object (made
 * from the slab at the first read after a write, SlabMap.read).
 */
export class Slots {
  // a call touches a few slots of an address: small first (a token transfer's journal was 2.6 kB of arrays per call)
  readonly mine = new SlabMap(8);
  constructor(
    readonly address: Uint8Array,
    private readonly journal: Journal,
    /** the in-memory state's slots of this address (null: none; undefined: another kind of state) */
    private readonly state: SlabMap | null | undefined,
  ) {}

  private stateHas(key: Uint8Array): boolean {
    if (this.state === null) return false;
    if (this.state !== undefined) {
      const e = this.state.find(key);
      return e >= 0 && this.state.hasValue(e);
    }
    const v = this.journal.state.getStorage(this.address, key);
    return v !== null && v.length > 0;
  }

  private stateRead(key: Uint8Array): Uint8Array | null {
    if (this.state === null) return null;
    if (this.state !== undefined) {
      const e = this.state.find(key);
      return e >= 0 ? this.state.read(e) : null;
    }
    const v = this.journal.state.getStorage(this.address, key);
    return v && v.length ? v : null;
  }

  /** The entry of key for a write of cap bytes (its value now and before the call: one lookup, and one state read the first time). */
  slot(key: Uint8Array, cap = 0): number {
    const t = this.mine;
    const n = t.n;
    const e = t.add(key, cap);
    // a new entry: whether the slot was non-empty before the call
    if (t.n !== n && this.stateHas(key)) t.flags[e] = ORIGINAL;
    return e;
  }
  /** does entry e (from slot()) hold a value now? */
  full(e: number): boolean {
    const t = this.mine;
    return t.flags[e] & WRITTEN ? t.hasValue(e) : (t.flags[e] & ORIGINAL) !== 0;
  }
  /** was entry e non-empty before the call? */
  original(e: number): boolean {
    return (this.mine.flags[e] & ORIGINAL) !== 0;
  }
  /** Write entry e; null (or empty) empties it. */
  write(e: number, value: Uint8Array | null): void {
    this.journal.changed();
    this.mine.put(e, value);
    this.mine.flags[e] |= WRITTEN;
  }

  /** What a read returns; reads of slots the call has not written go to the state every time, as they always did. */
  get(key: Uint8Array): Uint8Array | null {
    const e = this.mine.find(key);
    return e >= 0 && this.mine.flags[e] & WRITTEN ? this.mine.read(e) : this.stateRead(key);
  }

  has(key: Uint8Array): boolean {
    const e = this.mine.find(key);
    return e >= 0 && this.mine.flags[e] & WRITTEN ? this.mine.hasValue(e) : this.stateHas(key);
  }

  /** written entries in key order */
  written(): number[] {
    const f = this.mine.flags;
    return this.mine.sorted((e) => (f[e] & WRITTEN) !== 0);
  }
}

export class Journal {
  /** address -> its slots */
  private readonly storage = new Map<string, Slots>();
  private readonly balances = new Map<string, { address: Uint8Array; balance: bigint }>();
  /** the contract address repeats on every access of a call; its slots are found once (per call, so a host reusing a buffer between calls is safe) */
  private lastAddr: Uint8Array | null = null;
  private last: Slots | null = null;
  /** the list storageWrites() made last, while no write has followed it; and the slots it covers */
  private listedAll: StorageWrites | null = null;
  private readonly listed = new Set<Slots>();

  constructor(readonly state: StateAdapter) {}

  slotsOf(address: Uint8Array): Slots {
    if (address === this.lastAddr) return this.last!;
    const a = latin1Key(address);
    let slots = this.storage.get(a);
    if (slots === undefined) {
      // the state does not change during the call, so the in-memory state's slots for this address can be held
      const st = this.state;
      slots = new Slots(address, this, st instanceof MemoryState ? (st.slabOf(address) ?? null) : undefined);
      this.storage.set(a, slots);
    }
    this.lastAddr = address;
    return (this.last = slots);
  }

  /** a write after storageWrites(): that list no longer tells the slots' values now */
  changed(): void {
    this.listedAll = null;
  }

  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    return this.slotsOf(address).get(key);
  }

  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    const s = this.slotsOf(address);
    s.write(s.slot(key, value ? value.length : 0), value);
  }

  getBalance(address: Uint8Array): bigint {
    const w = this.balances.get(bytesToHex(address));
    return w !== undefined ? w.balance : this.state.getBalance(address);
  }

  setBalance(address: Uint8Array, balance: bigint): void {
    this.balances.set(bytesToHex(address), { address, balance });
  }

  /**
   * Writes sorted by (address, key) so receipts do not depend on the order of effects. Packed
   * (node/writes.ts): the bytes stay in our slabs, frozen first (SlabMap.freeze), so they
   * never change, whoever owns a slab next.
   */
  storageWrites(): StorageWrites {
    const addrs = [...this.storage.keys()].sort();
    const lists: number[][] = [];
    let n = 0;
    for (const a of addrs) {
      const s = this.storage.get(a)!;
      s.mine.freeze();
      const es = s.written();
      lists.push(es);
      n += es.length;
      this.listed.add(s);
    }
    if (n === 0) return (this.listedAll = NO_WRITES);
    const addresses: Uint8Array[] = [];
    const slabs: Uint8Array[] = [];
    const index = new Int32Array(n * WRITE_STRIDE);
    let p = 0;
    for (let i = 0; i < addrs.length; i++) {
      const es = lists[i];
      if (es.length === 0) continue;
      const t = this.storage.get(addrs[i])!;
      const no = addresses.length;
      addresses.push(t.address);
      slabs.push(t.mine.bytes());
      for (const e of es) {
        index[p] = no;
        t.mine.locate(e, index, p + 1);
        p += WRITE_STRIDE;
      }
    }
    return (this.listedAll = { addresses, slabs, index });
  }

  balanceWrites(): BalanceWrite[] {
    return [...this.balances.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, w]) => w);
  }

  /** Apply the writes (pass the lists already built for the receipt to avoid building them twice). After it the journal holds no storage. */
  commit(writes: StorageWrites = this.storageWrites(), balances: BalanceWrite[] = this.balanceWrites()): void {
    const st = this.state;
    const n = writeCount(writes);
    if (st instanceof MemoryState && writes === this.listedAll) {
      // The list is ours and whole, and nothing has been written since it was made (a write
      // clears listedAll): an address the state holds nothing for takes our slots themselves
      // (unwritten entries hold no value, so they stay empty there); the others get our
      // bytes copied. No key or value objects either way.
      for (const s of this.storage.values()) {
        if (!this.listed.has(s) || st.adopt(s.address, s.mine)) continue;
        for (const e of s.written()) st.copySlot(s.address, s.mine, e);
      }
    } else if (writes === this.listedAll && typeof (st as Partial<Adopter>).adoptStorage === 'function') {
      // our own list (views of frozen slabs): a block's overlay keeps them as they are
      for (let i = 0; i < n; i++) (st as unknown as Adopter).adoptStorage(writeAddress(writes, i), writeKey(writes, i), writeValue(writes, i));
    } else for (let i = 0; i < n; i++) st.setStorage(writeAddress(writes, i), writeKey(writes, i), writeValue(writes, i));
    for (const w of balances) this.state.setBalance(w.address, w.balance);
    // the receipt's writes keep our slabs, not the objects reads handed out nor our index
    for (const s of this.storage.values()) s.mine.dropReads();
    this.storage.clear();
    this.lastAddr = this.last = null;
    this.listedAll = null;
  }
}
