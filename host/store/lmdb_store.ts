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
// Keys: one byte of kind, then the fields; addresses have a fixed length (address_bytes),
// so address || storage key is unambiguous.
//   'H'                   -> head: canonical CBOR {format, height, stateRoot, receiptsRoot, blockHash}
//   'b' addr              -> balance (big-endian, minimal)
//   'n' addr              -> nonce (big-endian, minimal)
//   'c' addr              -> code
//   's' addr key          -> storage value
//   'B' height(8)         -> block record: canonical CBOR {header, receipts: [bytes], rejected, roots}
//   'T' txHash            -> height(8) || index(4): where a tx's receipt is
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { decode as cborDecode } from 'cbor-x';
import { open, type Database, type RootDatabase } from 'lmdb';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { encodeCanonical, type Cbor } from '../../node/cbor.js';
import { StoreError } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import type { BlockHeader, BlockResult, BlockSink } from '../../node/block/execute_block.js';
import type { IterableState } from '../../node/block/chain_state.js';
import type { Overlay } from '../../node/block/overlay.js';
import { StateCommitment } from '../../node/trie/state_commitment.js';
import { useNativeTrieHash } from '../native_hash.js';
import { bytesToHex } from '../../core/hex.js';

export const STORE_FORMAT = 'vm-py-store/1';

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

function storeError(e: unknown, what: string): StoreError {
  if (e instanceof StoreError) return e;
  return new StoreError(`${what}: ${e instanceof Error ? e.message : String(e)}`);
}

export class LmdbStore implements IterableState, BlockSink {
  private readonly db: RootDatabase<Uint8Array, Uint8Array>;
  private commitment_: StateCommitment | null = null;
  private head_: Head;
  readonly addressBytes: number;

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
   * Open (or create) the store in directory `path`. Checks the format and rebuilds the state
   * commitment from the stored state, which must give the head's state root: a store whose
   * pages were damaged, or written by something else, is refused with E-STORE.
   */
  static open(path: string, opts: { addressBytes?: number; verify?: boolean } = {}): LmdbStore {
    useNativeTrieHash();
    checkMetaPages(path);
    let db: RootDatabase<Uint8Array, Uint8Array>;
    try {
      // noSubdir false: the path is always a directory (lmdb guesses a file when the name has a dot)
      db = open<Uint8Array, Uint8Array>({ path, keyEncoding: 'binary', encoding: 'binary', compression: false, noSubdir: false });
    } catch (e) {
      throw storeError(e, `cannot open the store at ${path}`);
    }
    try {
      const s = new LmdbStore(path, db, opts.addressBytes ?? DEFAULT_LIMITS.address_bytes);
      if (opts.verify !== false) s.commitment();
      return s;
    } catch (e) {
      void db.close();
      throw storeError(e, `the store at ${path} is unreadable`);
    }
  }

  /** See what other threads or processes committed since this one last read. */
  refresh(): void {
    this.db.resetReadTxn();
    this.head_ = this.readHead();
  }

  close(): Promise<void> {
    return this.db.close();
  }

  private get(key: Uint8Array): Uint8Array | null {
    const v = this.db.getBinary(key) as Uint8Array | undefined;
    return v === undefined ? null : view(v);
  }

  private readHead(): Head {
    const raw = this.get(K('H'));
    if (raw === null) {
      // a new store: write the format so another program's LMDB is never taken for ours
      const fresh = { height: -1n, stateRoot: new Uint8Array(32), receiptsRoot: new Uint8Array(32), blockHash: new Uint8Array(32) };
      let empty = true;
      for (const _ of this.db.getKeys({ limit: 1 })) empty = false;
      if (!empty) throw new StoreError(`${this.path} holds data but no ${STORE_FORMAT} head: not a vm-py store`);
      return fresh;
    }
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
    this.genesisOnly();
    if (value && value.length) this.db.putSync(K('s', address, key), value);
    else this.db.removeSync(K('s', address, key));
    this.commitment_ = null;
  }
  setBalance(address: Uint8Array, value: bigint): void {
    this.genesisOnly();
    if (value === 0n) this.db.removeSync(K('b', address));
    else this.db.putSync(K('b', address), be(value));
    this.commitment_ = null;
  }
  setNonce(address: Uint8Array, nonce: bigint): void {
    this.genesisOnly();
    if (nonce === 0n) this.db.removeSync(K('n', address));
    else this.db.putSync(K('n', address), be(nonce));
    this.commitment_ = null;
  }
  setCode(address: Uint8Array, code: Uint8Array): void {
    this.genesisOnly();
    this.db.putSync(K('c', address), code);
    this.commitment_ = null;
  }

  // ---------------------------------------------------------------- IterableState
  addresses(): Uint8Array[] {
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
    const start = K('s', address);
    const out: [Uint8Array, Uint8Array][] = [];
    for (const { key, value } of this.db.getRange({ start })) {
      const k = view(key as Uint8Array);
      if (k.length < start.length || k.some((x, i) => i < start.length && x !== start[i])) break;
      out.push([k.slice(start.length), view(value as Uint8Array).slice()]);
    }
    return out;
  }

  // ---------------------------------------------------------------- BlockSink
  /** The state commitment, rebuilt from the stored state when needed and checked against the head. */
  commitment(): StateCommitment {
    if (this.commitment_ === null) {
      const c = StateCommitment.build(this);
      if (this.hasHead && bytesToHex(c.root()) !== bytesToHex(this.head_.stateRoot)) {
        throw new StoreError(
          `the stored state hashes to ${bytesToHex(c.root())}, but the head (block ${this.head_.height}) committed ${bytesToHex(this.head_.stateRoot)}: the store is damaged`,
        );
      }
      this.commitment_ = c;
    }
    return this.commitment_;
  }

  /** Write one block's changes, its record and the new head in one LMDB transaction. */
  applyBlock(ov: Overlay, header: BlockHeader, result: BlockResult): void {
    const height = header.height;
    if (this.head_.height >= 0n && height !== this.head_.height + 1n) throw new StoreError(`block ${height} does not follow the head ${this.head_.height}`);
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
        this.db.putSync(K('B', u64(height)), recordBytes);
        result.receipts.forEach((r, i) => {
          const loc = new Uint8Array(12);
          loc.set(u64(height));
          new DataView(loc.buffer).setUint32(8, i);
          this.db.putSync(K('T', r.txHash), loc);
        });
        this.writeHead(head);
      });
    } catch (e) {
      // the commitment already took this block in; rebuild it from what is on disk
      this.commitment_ = null;
      throw storeError(e, `block ${height} was not written`);
    }
    this.head_ = head;
  }

  /**
   * Apply a call's overlay outside any block (vm-py run on a store): the writes and the head's
   * new state root (same height) in one transaction.
   */
  applyOverlay(ov: Overlay): void {
    const stateRoot = this.commitment().update(ov, ov.accounts.values());
    const head = { ...this.head_, stateRoot };
    try {
      this.db.transactionSync(() => {
        this.writeOverlay(ov);
        this.writeHead(head);
      });
    } catch (e) {
      this.commitment_ = null;
      throw storeError(e, 'the call was not written');
    }
    this.head_ = head;
  }

  private writeHead(h: Head): void {
    this.db.putSync(
      K('H'),
      encodeCanonical({ format: STORE_FORMAT, height: h.height, stateRoot: h.stateRoot, receiptsRoot: h.receiptsRoot, blockHash: h.blockHash }),
    );
  }

  private writeOverlay(ov: Overlay): void {
    for (const e of ov.accounts.values()) {
      const a = e.address;
      if (e.code !== undefined) this.db.putSync(K('c', a), e.code);
      for (const w of e.storage.values()) {
        if (w.value) this.db.putSync(K('s', a, w.key), w.value);
        else this.db.removeSync(K('s', a, w.key));
      }
      if (e.balance !== undefined) {
        if (e.balance === 0n) this.db.removeSync(K('b', a));
        else this.db.putSync(K('b', a), be(e.balance));
      }
      if (e.nonce !== undefined) {
        if (e.nonce === 0n) this.db.removeSync(K('n', a));
        else this.db.putSync(K('n', a), be(e.nonce));
      }
    }
  }

  /** A stored block by height, or null. */
  block(height: bigint): StoredBlock | null {
    const raw = this.get(K('B', u64(height)));
    if (raw === null) return null;
    const r = cborDecode(raw) as Record<string, unknown>;
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

export type { Database };
