// A transaction's receipt in a block (spec/BLOCKS.md §Receipts): the fee-level facts (gas with
// the intrinsic part, fee, the sender's new nonce, every balance the tx changed, as final
// values) around the execution receipt of the call or deploy (spec/RECEIPTS.md), in
// canonical CBOR, hashed, and committed to by the block's receipts root.
import { sha3 as sha3_256 } from '../sha3.js';
import type { AdapterReceipt } from '../adapter.js';
import { errorCodeNumber } from '../../spec/errors.js';
import { encodeCanonical, type Cbor } from '../cbor.js';
import type { Status } from '../execute.js';
import { MerkleTrie } from '../trie/mpt.js';
import { rlpIndex } from '../trie/rlp.js';
import type { StateKey } from './overlay.js';
import type { TxKind } from './tx.js';

export const BLOCK_RECEIPT_FORMAT = 1;

export interface BalanceChange {
  address: Uint8Array;
  balance: bigint;
}

/** One entry of a receipt's write set (plain data). */
export type StateWrite =
  | { kind: 'storage'; address: Uint8Array; key: Uint8Array; value: Uint8Array | null }
  | { kind: 'balance'; address: Uint8Array; balance: bigint }
  | { kind: 'nonce'; address: Uint8Array; nonce: bigint }
  | { kind: 'code'; address: Uint8Array; code: Uint8Array };

export interface BlockReceipt {
  /** position among the block's included transactions */
  index: number;
  txHash: Uint8Array;
  kind: TxKind;
  status: Status;
  /** intrinsic gas + the execution's gas (after its refund) */
  gasUsed: number;
  cumulativeGasUsed: number;
  /** gasUsed * gasPrice, credited to the block's coinbase */
  fee: bigint;
  sender: Uint8Array;
  /** the sender's nonce after this tx */
  nonce: bigint;
  /** every balance this tx changed (fee debit and refund, coinbase credit, value moves), final values, by address */
  balances: BalanceChange[];
  /** the call's or deploy's own receipt; null for a transfer or when execution could not start */
  exec: AdapterReceipt | null;
  /** why execution could not start (a call to an address without code, bad constructor args) */
  error: { code: string; message: string } | null;
  encoded: Uint8Array;
  hash: Uint8Array;
  /**
   * The state this tx read from below its own writes (storage slots, balances, nonces,
   * code), and everything it wrote (the coinbase's fee credit included), as plain data.
   * Execution metadata for schedulers and tools: not part of the encoded receipt.
   */
  readSet: StateKey[];
  writeSet: StateWrite[];
}

type Sealable = Omit<BlockReceipt, 'encoded' | 'hash' | 'readSet' | 'writeSet'>;

export function blockReceiptCbor(r: Sealable): Cbor {
  return {
    v: BLOCK_RECEIPT_FORMAT,
    index: r.index,
    tx: r.txHash,
    kind: r.kind,
    status: r.status,
    gasUsed: r.gasUsed,
    cumulativeGasUsed: r.cumulativeGasUsed,
    fee: r.fee,
    sender: r.sender,
    nonce: r.nonce,
    balances: r.balances.map((b) => ({ address: b.address, balance: b.balance })),
    // the execution receipt by its hash (spec/RECEIPTS.md): committed to without encoding it twice
    exec: r.exec ? r.exec.hash : null,
    // the code's number from spec/errors.ts, as execution receipts do: no text reaches the hash
    error: r.error ? { code: errorCodeNumber(r.error.code) } : null,
  };
}

/** The receipt with its bytes and hash, and the tx's read and write sets (not encoded). */
export function sealReceipt(r: Sealable, readSet: StateKey[] = [], writeSet: StateWrite[] = []): BlockReceipt {
  const encoded = encodeCanonical(blockReceiptCbor(r));
  return {
    index: r.index,
    txHash: r.txHash,
    kind: r.kind,
    status: r.status,
    gasUsed: r.gasUsed,
    cumulativeGasUsed: r.cumulativeGasUsed,
    fee: r.fee,
    sender: r.sender,
    nonce: r.nonce,
    balances: r.balances,
    exec: r.exec,
    error: r.error,
    encoded,
    hash: sha3_256(encoded),
    readSet,
    writeSet,
  };
}

/**
 * Trie of the receipts keyed by rlp(index) (as Ethereum keys its receipts trie) holding each
 * receipt's hash: a receipt is proven by its bytes plus the trie path to its hash, and the
 * root costs one small leaf per receipt instead of hashing every receipt's bytes twice.
 */
export function receiptsTrie(receipts: readonly { hash: Uint8Array }[]): MerkleTrie {
  const t = new MerkleTrie();
  receipts.forEach((r, i) => t.put(rlpIndex(i), r.hash));
  return t;
}
