// A local development chain on the LMDB store: every accepted transaction is mined at once
// in a block of its own (height + 1, timestamp derived from the height: no clock), so a
// receipt is ready when the submit returns. Read-only calls run on an overlay that is dropped.
import { call, loadCode } from '../../node/adapter.js';
import { encodeCall } from '../../core/abi/codec.js';
import { jsonToArgs } from '../../node/abi/json.js';
import { checkTx, executeBlock, proveStorage, type BlockHeader, type BlockResult } from '../../node/block/execute_block.js';
import { Overlay } from '../../node/block/overlay.js';
import type { BlockReceipt } from '../../node/block/block_receipt.js';
import type { Tx } from '../../node/block/tx.js';
import { AbiError } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import { LmdbStore } from '../store/lmdb_store.js';

export interface DevChainOptions {
  chainId?: bigint;
  coinbase?: Uint8Array;
  gasLimit?: number;
  /** balances to credit when the store is new (before its first block) */
  fund?: [Uint8Array, bigint][];
}

export class DevChain {
  private constructor(
    readonly store: LmdbStore,
    private readonly opts: Required<Omit<DevChainOptions, 'fund'>>,
  ) {}

  static open(path: string, o: DevChainOptions = {}): DevChain {
    const store = LmdbStore.open(path);
    if (store.head().height < 0n) for (const [a, v] of o.fund ?? []) store.setBalance(a, store.getBalance(a) + v);
    return new DevChain(store, {
      chainId: o.chainId ?? 1337n,
      coinbase: o.coinbase ?? new Uint8Array(DEFAULT_LIMITS.address_bytes),
      gasLimit: o.gasLimit ?? 30_000_000,
    });
  }

  header(height: bigint): BlockHeader {
    return {
      height,
      timestamp: 1_700_000_000n + height,
      chainId: this.opts.chainId,
      coinbase: this.opts.coinbase,
      beacon: new Uint8Array(32),
      gasLimit: this.opts.gasLimit,
    };
  }

  /** Mine tx in a block of its own; a rejected tx throws TxRejected and nothing is written. */
  submit(tx: Tx): { height: bigint; receipt: BlockReceipt; result: BlockResult } {
    const height = this.store.head().height + 1n;
    const block = this.header(height);
    // the rules first, so a rejected tx gets its reason and no (empty) block is written
    checkTx(this.store, block, tx, 0, DEFAULT_LIMITS);
    const result = executeBlock({ state: this.store, block, txs: [tx], strict: true });
    return { height, receipt: result.receipts[0], result };
  }

  /** Calldata for fn(args) of the code at `to` (JSON-style args, spec/ABI.md §6). */
  calldata(to: Uint8Array, fn: string, args: unknown[]): Uint8Array {
    const code = this.store.getCode(to);
    if (!code) throw new AbiError(`no code at 0x${Buffer.from(to).toString('hex')}`);
    const mod = loadCode(code);
    const ex = mod.byName.get(fn);
    if (!ex) throw new AbiError(`no public function ${fn} (the contract has: ${[...mod.byName.keys()].sort().join(', ')})`);
    const opts = {
      addressBytes: DEFAULT_LIMITS.address_bytes,
      maxIntBits: DEFAULT_LIMITS.max_int_bits,
      maxBytesLength: DEFAULT_LIMITS.max_bytes_len,
      maxListLength: DEFAULT_LIMITS.max_container_len,
    };
    return encodeCall(ex.selector, ex.params, jsonToArgs(ex.params, args, opts), opts);
  }

  /** A call that changes nothing: run on an overlay over the store, then dropped. */
  readCall(to: Uint8Array, data: Uint8Array, from: Uint8Array, gasLimit: number) {
    const ov = new Overlay(this.store);
    const height = this.store.head().height + 1n;
    return call({
      input: data,
      gasLimit,
      tx: { hash: new Uint8Array(32), sender: from, to, value: 0n, nonce: this.store.getNonce(from) },
      block: this.header(height),
      state: ov,
      codes: ov,
    });
  }

  prove(address: Uint8Array, key: Uint8Array) {
    return proveStorage(this.store, address, key);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
