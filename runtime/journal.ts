// Effects of one call, held apart from the state until the call succeeds. Reads see the
// call's own writes; commit() applies them in a canonical order; dropping the journal is
// the revert.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { ByteMap, keyBytes, latin1Key } from './bytekey.js';
import { bytesToHex } from './hex.js';
import { MemoryState, type StateAdapter } from './state.js';

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

/**
 * One storage slot the call has written (or deleted): its value now and whether it was
 * non-empty before the call (read from the state once). It is also the receipt's write-set
 * entry; its key bytes are rebuilt and its slot id hashed only when someone asks.
 *
 * What a contract can see stays as it was when each write stored a copy: a read never
 * returns the very object that was written (`storage.get(k) is v` is False), and reads
 * between two writes return one object. The copy is made by the first read after a
 * write, so a slot that is written and not read back copies nothing. Bytes are immutable
 * in the VM (runtime/values.ts), so holding the written object until then is safe.
 */
export class Slot implements StorageWrite {
  readonly #id: string;
  #key: Uint8Array | null = null;
  /** the value now; the contract's own object while #fresh */
  #value: Uint8Array | null;
  #fresh = false;
  readonly #original: boolean;
  #written = false;

  constructor(
    readonly address: Uint8Array,
    id: string,
    before: Uint8Array | null,
  ) {
    this.#id = id;
    this.#value = before;
    this.#original = before !== null;
  }
  get key(): Uint8Array {
    return (this.#key ??= keyBytes(this.#id));
  }
  /** latin1Key of the key */
  get id(): string {
    return this.#id;
  }
  get slot(): Uint8Array {
    return storageSlot(this.key);
  }
  get value(): Uint8Array | null {
    return this.#value;
  }
  /** was the slot non-empty before this call? */
  get original(): boolean {
    return this.#original;
  }
  get written(): boolean {
    return this.#written;
  }
  /** the value as a read returns it to the contract */
  read(): Uint8Array | null {
    if (this.#fresh) {
      this.#value = this.#value!.slice();
      this.#fresh = false;
    }
    return this.#value;
  }
  /** null (or empty) empties the slot; true on the first write, so the journal lists each slot once */
  write(value: Uint8Array | null): boolean {
    this.#value = value && value.length ? value : null;
    this.#fresh = this.#value !== null;
    if (this.#written) return false;
    return (this.#written = true);
  }
  static byKey(a: Slot, b: Slot): number {
    return a.#id < b.#id ? -1 : a.#id > b.#id ? 1 : 0;
  }
}

/** One address's slots in the journal, and the in-memory state's (null: none yet; undefined: another kind of state). */
interface Slots {
  mine: ByteMap<Slot>;
  state: ByteMap<Uint8Array> | null | undefined;
}

export class Journal {
  /** address -> its slots; two levels so a lookup never builds an address+key string */
  private readonly storage = new Map<string, Slots>();
  /** written slots in first-write order (contracts mostly write in key order, which the final sort finds cheap) */
  private readonly written: Slot[] = [];
  private readonly balances = new Map<string, { address: Uint8Array; balance: bigint }>();
  /** the contract address repeats on every access of a call; its slots are found once (per call, so a host reusing a buffer between calls is safe) */
  private lastAddr: Uint8Array | null = null;
  private last: Slots | null = null;

  constructor(readonly state: StateAdapter) {}

  private slotsOf(address: Uint8Array): Slots {
    if (address === this.lastAddr) return this.last!;
    const a = latin1Key(address);
    let slots = this.storage.get(a);
    if (slots === undefined) {
      // the state does not change during the call, so the in-memory state's map for this address can be held
      const st = this.state;
      slots = { mine: new ByteMap(), state: st instanceof MemoryState ? (st.slotMap(address) ?? null) : undefined };
      this.storage.set(a, slots);
    }
    this.lastAddr = address;
    return (this.last = slots);
  }

  private stateValue(slots: Slots, address: Uint8Array, key: Uint8Array, k: string): Uint8Array | null {
    if (slots.state !== undefined) return slots.state?.get(k) ?? null;
    const v = this.state.getStorage(address, key);
    return v && v.length ? v : null;
  }

  /** The slot of (address, key) for a write: its value now and before the call, from one lookup (and one state read the first time). */
  slot(address: Uint8Array, key: Uint8Array): Slot {
    const slots = this.slotsOf(address);
    const k = latin1Key(key);
    let s = slots.mine.get(k);
    if (s === undefined) slots.mine.set(k, (s = new Slot(address, k, this.stateValue(slots, address, key, k))));
    return s;
  }

  /** What a read returns; reads of slots the call has not written go to the state every time, as they always did. */
  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const slots = this.slotsOf(address);
    const k = latin1Key(key);
    const s = slots.mine.get(k);
    return s !== undefined && s.written ? s.read() : this.stateValue(slots, address, key, k);
  }

  /** The value now, for checks that do not hand it to the contract (no copy). */
  peek(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    const slots = this.slotsOf(address);
    const k = latin1Key(key);
    const s = slots.mine.get(k);
    return s !== undefined && s.written ? s.value : this.stateValue(slots, address, key, k);
  }

  /** Write through a slot from slot(); null (or empty) empties it. */
  write(s: Slot, value: Uint8Array | null): void {
    if (s.write(value)) this.written.push(s);
  }

  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.write(this.slot(address, key), value);
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
    const out = this.written.slice();
    if (this.storage.size === 1) return out.sort(Slot.byKey);
    const addr = new Map<Uint8Array, string>();
    for (const s of out) if (!addr.has(s.address)) addr.set(s.address, latin1Key(s.address));
    return out.sort((a, b) => {
      const x = addr.get(a.address)!;
      const y = addr.get(b.address)!;
      return x < y ? -1 : x > y ? 1 : Slot.byKey(a, b);
    });
  }

  balanceWrites(): BalanceWrite[] {
    return [...this.balances.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, w]) => w);
  }

  /** Apply the writes (pass the lists already built for the receipt to avoid building them twice). */
  commit(writes: StorageWrite[] = this.storageWrites(), balances: BalanceWrite[] = this.balanceWrites()): void {
    const st = this.state;
    // the in-memory state takes our keys and (immutable) values as they are: no key bytes rebuilt, no copies
    if (st instanceof MemoryState) for (const w of writes) w instanceof Slot ? st.setSlot(w.address, w.id, w.value) : st.setStorage(w.address, w.key, w.value);
    else for (const w of writes) st.setStorage(w.address, w.key, w.value);
    for (const w of balances) this.state.setBalance(w.address, w.balance);
  }
}
