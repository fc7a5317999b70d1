// A persistent chain state on LMDB (through `lmdb`, whose prebuilt binary ships in an npm
// package, so `npm ci` needs no compiler or download). A block reaches the disk in one LMDB
// write transaction with its receipts and the new head (height, state root): after a crash
// (SIGKILL included) the store opens at exactly the last committed block. Calls run on an
// overlay above the store (node/block/overlay.ts), so nothing half-done is ever written.
//
// Why LMDB over SQLite: better-sqlite3 12.x has no prebuilt binary reachable here (its
// installer downloads one) and needs a C++ build at `npm ci`; lmdb reads are synchronous
// memory-mapped lookups (~1-2 us), what a VM reading storage inside a call needs.
//
// The state root's trie nodes are stored too, written in the same transaction as the block:
// a reopened store opens its trie from the head's root and loads nodes as blocks touch them
// (each checked against the hash its parent holds), so reopening costs one node read, not a
// rebuild from all state, and a block costs reads and writes on the changed paths only.
// Nodes are keyed by their path in the trie, not by hash: a node's path is fixed by the keys
// under it, so the node at a path is overwritten when it changes and the database holds the
// current trie only (no garbage from old versions, no pruning), and the nodes of one trie
// path sit together in LMDB's B-tree, so a block dirties far fewer pages than hash-keyed
// nodes (measured: see bench/block_store.ts). Proofs are for the head's root only.
//
// Damage: every value but a trie node carries a CRC-32 of its key and bytes (zlib's, native),
// checked on every read; a trie node is checked against its hash when loaded. A damaged value
// is E-STORE where it is read, and a block that reads it is not written.
//
// Keys: one byte of kind, then the fields; addresses have a fixed length (address_bytes),
// so address || storage key is unambiguous.
//   'F'                   -> the format name, STORE_FORMAT, as ASCII (checked first at open)
//   'H'                   -> head: canonical CBOR {format, height, stateRoot, receiptsRoot, blockHash}
//   'G'                   -> present while the state was written directly (genesis) after the stored trie
//   'A' path              -> an account-trie node's encoding, path one byte a nibble (no checksum: checked against its hash)
//   'S' addr path         -> a storage-trie node's encoding, likewise
//   'M' name (UTF-8)      -> a host's record kept with the state (vm-py deploy --state: its deployments), not in the state root
//   'b' addr              -> balance (big-endian, minimal)
//   'n' addr              -> nonce (big-endian, minimal)
//   'c' addr              -> code
//   's' addr key          -> storage value
//   'B' height(8)         -> block record: canonical CBOR {header, receipts: [bytes], rejected, roots}
//   'T' txHash            -> height(8) || index(4): where a tx's receipt is
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { decode as cborDecode } from 'cbor-x';
import { open, type RootDatabase } from 'lmdb';
// node/sha3.ts: the host's native SHA3-256 once host/native_hash.ts installed it (a block record is ~180 kB
// for 200 transfers: @noble/hashes took ~150 us per tx of it, the native one a few)
import { sha3 as sha3_256 } from '../../node/sha3.js';
import { encodeCanonical, type Cbor } from '../../node/cbor.js';
import { StoreError } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import type { BlockHeader, BlockResult, BlockSink } from '../../node/block/execute_block.js';
import type { IterableState } from '../../node/block/chain_state.js';
import type { Overlay } from '../../node/block/overlay.js';
import { StateCommitment, type NodeStore } from '../../node/trie/state_commitment.js';
import { useNativeTrieHash } from '../native_hash.js';
import { bytesToHex } from '../../core/hex.js';

export const STORE_FORMAT = 'vm-py-store/2';

export interface Head {
  height: bigint;
  stateRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  /** sha3_256 of the block record; all zero before the first block */
  blockHash: Uint8Array;
}

export interface StoredBlock {
  header: BlockHeader;
  receipts: Uint8Array[];
  /** each receipt's execution receipt bytes (spec/RECEIPTS.md), null for a transfer */
  execs: (Uint8Array | null)[];
  rejected: { index: number; reason: string; message: string }[];
  stateRoot: Uint8Array;
  receiptsRoot: Uint8Array;
  gasUsed: number;
  hash: Uint8Array;
}

const K = (kind: string, ...parts: Uint8Array[]): Uint8Array => {
  let n = 1;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  out[0] = kind.charCodeAt(0);
  let o = 1;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
};

function be(n: bigint): Uint8Array {
  const out: number[] = [];
  for (let x = n; x > 0n; x >>= 8n) out.unshift(Number(x & 0xffn));
  return Uint8Array.from(out);
}
function unbe(b: Uint8Array): bigint {
  let n = 0n;
  for (const x of b) n = (n << 8n) | BigInt(x);
  return n;
}
function u64(n: bigint): Uint8Array {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigUint64(0, n);
  return b;
}
const view = (b: Uint8Array): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.length);
const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** value || crc32(key || value), big-endian */
/** a trie node's key: 'A' path (the account trie) or 'S' address path (a storage trie), one byte a nibble */
function nodeKey(owner: Uint8Array | null, at: Uint8Array): Uint8Array {
  return owner === null ? K('A', at) : K('S', owner, at);
}

function sealed(key: Uint8Array, value: Uint8Array): Uint8Array {
  const out = new Uint8Array(value.length + 4);
  out.set(value);
  new DataView(out.buffer).setUint32(value.length, crc32(value, crc32(key)));
  return out;
}

/** after this many trie nodes loaded or written, the decoded ones are dropped after a commit (about 0.5 GB of them) */
const UNLOAD_AFTER = 1 << 20;

function storeError(e: unknown, what: string): StoreError {
  if (e instanceof StoreError) return e;
  return new StoreError(`${what}: ${e instanceof Error ? e.message : String(e)}`);
}

export class LmdbStore implements IterableState, BlockSink {
  private readonly db: RootDatabase<Uint8Array, Uint8Array>;
  private commitment_: StateCommitment | null = null;
  private head_: Head;
  readonly addressBytes: number;
  /** trie nodes the commitment encoded since the last write, by key: written with the next block or call (the last one at a path wins) */
  private pending: [Uint8Array, Uint8Array][] = [];
  /** trie nodes loaded or written since the commitment last dropped its decoded nodes */
  private touched = 0;
  private readonly nodes: NodeStore = {
    load: (owner, _hash, at) => {
      this.touched++;
      return this.raw(nodeKey(owner, at));
    },
    sink: (owner, _hash, encoding, at) => {
      this.touched++;
      this.pending.push([nodeKey(owner, at), encoding]);
    },
  };

  /** whether this store made the lock file (and so removes it at close) */
  private locked = false;

  private constructor(
    readonly path: string,
    db: RootDatabase<Uint8Array, Uint8Array>,
    addressBytes: number,
  ) {
    this.db = db;
    this.addressBytes = addressBytes;
    this.head_ = this.readHead();
  }

  /**
   * Open (or create) the store in directory `path`. Checks LMDB's meta pages, the format
   * and the head, and that the head's trie root node is stored and intact; a store from
   * another format version, or damaged there, is refused with E-STORE. verify: true also
   * rebuilds the state root from all stored state and checks it against the head (cost in
   * proportion to the state: a full check, not needed to open).
   */
  static open(path: string, opts: { addressBytes?: number; verify?: boolean } = {}): LmdbStore {
    useNativeTrieHash();
    checkMetaPages(path);
    // one process at a time: another's in-memory trie and head would go stale under our writes
    const locked = lock(path);
    let db: RootDatabase<Uint8Array, Uint8Array>;
    try {
      // noSubdir false: the path is always a directory (lmdb guesses a file when the name has a dot)
      db = open<Uint8Array, Uint8Array>({ path, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
    } catch (e) {
      if (locked) unlock(path);
      throw storeError(e, `cannot open the store at ${path}`);
    }
    try {
      const s = new LmdbStore(path, db, opts.addressBytes ?? DEFAULT_LIMITS.address_bytes);
      s.locked = locked;
      s.commitment();
      if (opts.verify === true) s.verify();
      return s;
    } catch (e) {
      void db.close();
      if (locked) unlock(path);
      throw storeError(e, `the store at ${path} is unreadable`);
    }
  }

  /** See what other threads or processes committed since this one last read. */
  refresh(): void {
    this.db.resetReadTxn();
    const before = this.head_;
    this.head_ = this.readHead();
    if (bytesToHex(before.stateRoot) !== bytesToHex(this.head_.stateRoot) || before.height !== this.head_.height) this.dropCommitment();
  }

  private dropCommitment(): void {
    this.commitment_ = null;
    this.pending = [];
    this.touched = 0;
  }

  async close(): Promise<void> {
    await this.db.close();
    if (this.locked) unlock(this.path);
    this.locked = false;
  }

  /** A host's record kept beside the state (not part of the state root), or null. */
  meta(name: string): Uint8Array | null {
    return this.get(K('M', new TextEncoder().encode(name)));
  }

  /** the bytes stored under key, unchecked */
  private raw(key: Uint8Array): Uint8Array | null {
    let v: Uint8Array | undefined;
    try {
      v = this.db.getBinary(key) as Uint8Array | undefined;
    } catch (e) {
      // LMDB's own checks of a damaged page (MDB_CORRUPTED, MDB_PAGE_NOTFOUND)
      throw storeError(e, `${this.path}: reading key ${bytesToHex(key)} failed (the store is damaged)`);
    }
    return v === undefined ? null : view(v);
  }

  /** the value under key, its checksum checked */
  private get(key: Uint8Array): Uint8Array | null {
    const v = this.raw(key);
    return v === null ? null : this.unseal(key, v);
  }

  private unseal(key: Uint8Array, v: Uint8Array): Uint8Array {
    const n = v.length - 4;
    if (n < 0 || new DataView(v.buffer, v.byteOffset, v.length).getUint32(n) !== crc32(v.subarray(0, n), crc32(key))) {
      throw new StoreError(`${this.path}: the value under key ${bytesToHex(key)} fails its checksum: the store is damaged`);
    }
    return v.subarray(0, n);
  }

  /** write value under key with its checksum; inside a transaction */
  private put(key: Uint8Array, value: Uint8Array): void {
    this.db.putSync(key, sealed(key, value));
  }

  /**
   * The format check, before anything else is read: a new store gets the format; a store
   * of another format (an earlier vm-py's included) is refused, as is another program's LMDB.
   */
  private checkFormat(): void {
    const f = this.raw(K('F'));
    if (f !== null) {
      const name = String.fromCharCode(...f.subarray(0, 64));
      if (name !== STORE_FORMAT)
        throw new StoreError(
          `${this.path} is a store of format ${JSON.stringify(name)}; this vm-py reads ${STORE_FORMAT} only (replay the chain into a new store)`,
        );
      return;
    }
    let empty = true;
    for (const _ of this.db.getKeys({ limit: 1 })) empty = false;
    if (empty) {
      this.db.putSync(K('F'), ascii(STORE_FORMAT));
      return;
    }
    // vm-py-store/1 had no format key: its name was in the head record
    const h = this.raw(K('H'));
    let old: unknown;
    try {
      old = h && (cborDecode(h) as Record<string, unknown>)?.format;
    } catch {
      old = undefined;
    }
    if (typeof old === 'string')
      throw new StoreError(
        `${this.path} is a store of format ${JSON.stringify(old)}; this vm-py reads ${STORE_FORMAT} only (replay the chain into a new store)`,
      );
    throw new StoreError(`${this.path} holds data but no ${STORE_FORMAT} format record: not a vm-py store`);
  }

  private readHead(): Head {
    this.checkFormat();
    const raw = this.get(K('H'));
    if (raw === null) return { height: -1n, stateRoot: new Uint8Array(32), receiptsRoot: new Uint8Array(32), blockHash: new Uint8Array(32) };
    let h: Record<string, unknown>;
    try {
      h = cborDecode(raw) as Record<string, unknown>;
    } catch (e) {
      throw storeError(e, 'the store head does not decode');
    }
    if (!h || h.format !== STORE_FORMAT) throw new StoreError(`store format ${String(h?.format)}, expected ${STORE_FORMAT}`);
    const b = (x: unknown) => {
      if (!(x instanceof Uint8Array) || x.length !== 32) throw new StoreError('the store head is malformed');
      return view(x);
    };
    return { height: BigInt(h.height as number | bigint), stateRoot: b(h.stateRoot), receiptsRoot: b(h.receiptsRoot), blockHash: b(h.blockHash) };
  }

  /** whether a head record is on disk (written by the first block or applyOverlay) */
  private get hasHead(): boolean {
    return this.get(K('H')) !== null;
  }

  /** The last committed block (height -1 before the first). */
  head(): Head {
    return this.head_;
  }

  // ---------------------------------------------------------------- ChainState
  getStorage(address: Uint8Array, key: Uint8Array): Uint8Array | null {
    return this.get(K('s', address, key));
  }
  getBalance(address: Uint8Array): bigint {
    const v = this.get(K('b', address));
    return v === null ? 0n : unbe(v);
  }
  getNonce(address: Uint8Array): bigint {
    const v = this.get(K('n', address));
    return v === null ? 0n : unbe(v);
  }
  getCode(address: Uint8Array): Uint8Array | null {
    return this.get(K('c', address));
  }
  // Direct writes are for genesis, before the first block (each is its own transaction);
  // after it the state changes only through blocks (applyBlock) and applyOverlay, which keep
  // the head's state root in step, so a reopened store can check itself against it.
  private genesisOnly(): void {
    if (this.head_.height >= 0n) throw new StoreError('the store has blocks: change its state through a block (or applyOverlay), not directly');
  }
  setStorage(address: Uint8Array, key: Uint8Array, value: Uint8Array | null): void {
    this.genesisWrite(K('s', address, key), value && value.length ? value : null);
  }
  setBalance(address: Uint8Array, value: bigint): void {
    this.genesisWrite(K('b', address), value === 0n ? null : be(value));
  }
  setNonce(address: Uint8Array, nonce: bigint): void {
    this.genesisWrite(K('n', address), nonce === 0n ? null : be(nonce));
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.genesisWrite(K('c', address), code);
  }
  /** one direct write, with the mark that the stored trie no longer covers the state (the next block rebuilds it) */
  private genesisWrite(key: Uint8Array, value: Uint8Array | null): void {
    this.genesisOnly();
    this.db.transactionSync(() => {
      if (value === null) this.db.removeSync(key);
      else this.put(key, value);
      this.put(K('G'), new Uint8Array(0));
    });
    this.dropCommitment();
  }

  // ---------------------------------------------------------------- IterableState
  addresses(): Uint8Array[] {
    try {
      return this.addresses_();
    } catch (e) {
      throw storeError(e, `${this.path}: listing the state failed (the store is damaged)`);
    }
  }
  private addresses_(): Uint8Array[] {
    const seen = new Map<string, Uint8Array>();
    for (const kind of ['b', 'n', 'c', 's']) {
      const start = K(kind);
      const end = K(String.fromCharCode(kind.charCodeAt(0) + 1));
      for (const key of this.db.getKeys({ start, end })) {
        const a = view(key as Uint8Array).slice(1, 1 + this.addressBytes);
        seen.set(bytesToHex(a), a);
      }
    }
    return [...seen.values()];
  }
  storageEntries(address: Uint8Array): [Uint8Array, Uint8Array][] {
    try {
      return this.storageEntries_(address);
    } catch (e) {
      throw storeError(e, `${this.path}: listing storage failed (the store is damaged)`);
    }
  }
  private storageEntries_(address: Uint8Array): [Uint8Array, Uint8Array][] {
    const start = K('s', address);
    const out: [Uint8Array, Uint8Array][] = [];
    for (const { key, value } of this.db.getRange({ start })) {
      const k = view(key as Uint8Array);
      if (k.length < start.length || k.some((x, i) => i < start.length && x !== start[i])) break;
      out.push([k.slice(start.length), this.unseal(k, view(value as Uint8Array)).slice()]);
    }
    return out;
  }

  // ---------------------------------------------------------------- BlockSink
  /**
   * The state commitment: opened from the stored trie under the head's root (its root node
   * loaded and checked now, the rest on use), or, when the state was written directly
   * (genesis), built from the stored state once; its nodes are then written by the next block.
   */
  commitment(): StateCommitment {
    if (this.commitment_ === null) {
      this.pending = [];
      this.touched = 0;
      let c: StateCommitment;
      if (this.raw(K('G')) !== null) c = StateCommitment.build(this, this.nodes);
      else if (this.hasHead) {
        c = new StateCommitment({ nodes: this.nodes, root: this.head_.stateRoot });
        c.touch();
      } else c = new StateCommitment({ nodes: this.nodes });
      this.commitment_ = c;
    }
    return this.commitment_;
  }

  /**
   * A full check: rebuild the state root from all stored state (cost in proportion to the
   * state) and compare it with the head's. Throws E-STORE when they differ.
   */
  verify(): void {
    if (!this.hasHead || this.raw(K('G')) !== null) return;
    const c = StateCommitment.build(this);
    if (bytesToHex(c.root()) !== bytesToHex(this.head_.stateRoot)) {
      throw new StoreError(
        `the stored state hashes to ${bytesToHex(c.root())}, but the head (block ${this.head_.height}) committed ${bytesToHex(this.head_.stateRoot)}: the store is damaged`,
      );
    }
  }

  /** Inside the write transaction: the trie nodes the commitment made, and the genesis mark cleared. */
  private writeNodes(): void {
    for (const [k, e] of this.pending) this.db.putSync(k, e);
    this.db.removeSync(K('G'));
  }

  /** After a commit: the nodes are on disk; past a bound, the decoded ones are dropped (they reload on use). */
  private committed(): void {
    this.pending = [];
    if (this.touched > UNLOAD_AFTER) {
      this.commitment_?.unload();
      this.touched = 0;
    }
  }

  /** Write one block's changes, its record and the new head in one LMDB transaction. */
  applyBlock(ov: Overlay, header: BlockHeader, result: BlockResult): void {
    const height = header.height;
    if (this.head_.height >= 0n && height !== this.head_.height + 1n) {
      // the commitment already took this block in
      this.dropCommitment();
      throw new StoreError(`block ${height} does not follow the head ${this.head_.height}`);
    }
    const record: Cbor = {
      header: headerCbor(header),
      parent: this.head_.blockHash,
      receipts: result.receipts.map((r) => r.encoded),
      // the execution receipts the block receipts commit to by hash (logs, writes, return data)
      execs: result.receipts.map((r) => r.exec?.encoded ?? null),
      rejected: result.rejected.map((r) => ({ index: r.index, reason: r.reason, message: r.message })),
      stateRoot: result.stateRoot,
      receiptsRoot: result.receiptsRoot,
      gasUsed: result.gasUsed,
    };
    const recordBytes = encodeCanonical(record);
    const blockHash = sha3_256(recordBytes);
    const head: Head = { height, stateRoot: result.stateRoot, receiptsRoot: result.receiptsRoot, blockHash };
    try {
      this.db.transactionSync(() => {
        this.writeOverlay(ov);
        this.writeNodes();
        this.put(K('B', u64(height)), recordBytes);
        result.receipts.forEach((r, i) => {
          const loc = new Uint8Array(12);
          loc.set(u64(height));
          new DataView(loc.buffer).setUint32(8, i);
          this.put(K('T', r.txHash), loc);
        });
        this.writeHead(head);
      });
    } catch (e) {
      // the commitment already took this block in; reopen it from what is on disk
      this.dropCommitment();
      throw storeError(e, `block ${height} was not written`);
    }
    this.head_ = head;
    this.committed();
  }

  /**
   * Apply a call's overlay outside any block (vm-py run on a store): the writes, the trie
   * nodes, host records (meta) and the head's new state root (same height) in one transaction.
   */
  applyOverlay(ov: Overlay, meta: Readonly<Record<string, Uint8Array>> = {}): void {
    let stateRoot: Uint8Array;
    try {
      stateRoot = this.commitment().update(ov, ov.accounts.values());
    } catch (e) {
      this.dropCommitment();
      throw storeError(e, 'the call was not written');
    }
    const head = { ...this.head_, stateRoot };
    try {
      this.db.transactionSync(() => {
        this.writeOverlay(ov);
        this.writeNodes();
        for (const [name, value] of Object.entries(meta)) this.put(K('M', new TextEncoder().encode(name)), value);
        this.writeHead(head);
      });
    } catch (e) {
      this.dropCommitment();
      throw storeError(e, 'the call was not written');
    }
    this.head_ = head;
    this.committed();
  }

  private writeHead(h: Head): void {
    this.put(K('H'), encodeCanonical({ format: STORE_FORMAT, height: h.height, stateRoot: h.stateRoot, receiptsRoot: h.receiptsRoot, blockHash: h.blockHash }));
  }

  private writeOverlay(ov: Overlay): void {
    for (const e of ov.accounts.values()) {
      const a = e.address;
      if (e.code !== undefined) this.put(K('c', a), e.code);
      for (const w of e.storage.values()) {
        if (w.value) this.put(K('s', a, w.key), w.value);
        else this.db.removeSync(K('s', a, w.key));
      }
      if (e.balance !== undefined) {
        if (e.balance === 0n) this.db.removeSync(K('b', a));
        else this.put(K('b', a), be(e.balance));
      }
      if (e.nonce !== undefined) {
        if (e.nonce === 0n) this.db.removeSync(K('n', a));
        else this.put(K('n', a), be(e.nonce));
      }
    }
  }

  /** A stored block by height, or null. */
  block(height: bigint): StoredBlock | null {
    const raw = this.get(K('B', u64(height)));
    if (raw === null) return null;
    let r: Record<string, unknown>;
    try {
      r = cborDecode(raw) as Record<string, unknown>;
    } catch (e) {
      throw storeError(e, `block ${height}'s record does not decode`);
    }
    const h = r.header as Record<string, unknown>;
    return {
      header: {
        height: BigInt(h.height as number),
        timestamp: BigInt(h.timestamp as number),
        chainId: BigInt(h.chainId as number),
        coinbase: view(h.coinbase as Uint8Array),
        beacon: view(h.beacon as Uint8Array),
        gasLimit: Number(h.gasLimit),
        minGasPrice: BigInt(h.minGasPrice as number),
      },
      receipts: (r.receipts as Uint8Array[]).map(view),
      execs: ((r.execs as (Uint8Array | null)[]) ?? []).map((x) => (x ? view(x) : null)),
      rejected: r.rejected as StoredBlock['rejected'],
      stateRoot: view(r.stateRoot as Uint8Array),
      receiptsRoot: view(r.receiptsRoot as Uint8Array),
      gasUsed: Number(r.gasUsed),
      hash: sha3_256(raw),
    };
  }

  /** Where a tx's receipt is: its block height and index, or null. */
  receiptOf(txHash: Uint8Array): { height: bigint; index: number; encoded: Uint8Array; exec: Uint8Array | null } | null {
    const loc = this.get(K('T', txHash));
    if (loc === null) return null;
    const dv = new DataView(loc.buffer, loc.byteOffset, loc.length);
    const height = dv.getBigUint64(0);
    const index = dv.getUint32(8);
    const b = this.block(height);
    if (!b || !b.receipts[index]) throw new StoreError(`tx ${bytesToHex(txHash)} points at a missing receipt`);
    return { height, index, encoded: b.receipts[index], exec: b.execs[index] ?? null };
  }
}

/**
 * LMDB trusts its meta pages: garbage there can crash the process inside the native code
 * instead of raising an error. So before LMDB sees the file, both meta pages (page 0 and
 * page 1, at the page size page 0 names) must carry LMDB's magic and version; a file
 * that does not is refused with E-STORE. (Damage further in is caught by the state-root
 * check at open, for state; see the report's limits for the rest.)
 */
function checkMetaPages(path: string): void {
  const file = join(path, 'data.mdb');
  if (!existsSync(file)) return;
  const size = statSync(file).size;
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64);
    const meta = (off: number): boolean => {
      if (off + 64 > size) return false;
      readSync(fd, buf, 0, 64, off);
      return buf.readUInt32LE(24) === 0xbeefc0de && buf.readUInt32LE(28) === 2;
    };
    if (!meta(0)) throw new StoreError(`${file}: the first meta page is not LMDB's (damaged, or not a database)`);
    if (![4096, 8192, 16384, 32768, 65536].some((ps) => meta(ps))) throw new StoreError(`${file}: the second meta page is not LMDB's (damaged)`);
  } finally {
    closeSync(fd);
  }
}

const LOCK_FILE = 'vm-py.lock';

/**
 * Take the store's lock file (it holds the owner's pid): true when this call made it, false
 * when this process already holds it (a worker thread, or a second open). A lock left by a
 * process that is gone (killed) is taken over.
 */
function lock(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw storeError(e, `cannot create the store directory ${dir}`);
  }
  const file = join(dir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw storeError(e, `cannot lock the store at ${dir}`);
    }
    let pid = Number.NaN;
    try {
      pid = Number(readFileSync(file, 'latin1').trim());
    } catch {
      // removed meanwhile by its owner: try again
      continue;
    }
    if (pid === process.pid) return false;
    if (Number.isSafeInteger(pid) && pid > 0 && alive(pid))
      throw new StoreError(`the store at ${dir} is in use by process ${pid} (a vm-py node or another command): stop it first, or use another store`);
    rmSync(file, { force: true });
  }
  throw new StoreError(`cannot lock the store at ${dir}: its lock file keeps changing`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function unlock(dir: string): void {
  rmSync(join(dir, LOCK_FILE), { force: true });
}

function headerCbor(h: BlockHeader): Cbor {
  return {
    height: h.height,
    timestamp: h.timestamp,
    chainId: h.chainId,
    coinbase: h.coinbase,
    beacon: h.beacon,
    gasLimit: h.gasLimit,
    minGasPrice: h.minGasPrice ?? 0n,
  };
}
