// A block's transactions (spec/BLOCKS.md §Transactions): their shape, the checks that make
// one malformed, their canonical bytes and hash, and their intrinsic gas.
import { sha3 as sha3_256 } from '../sha3.js';
import { SELECTOR_LENGTH } from '../../compiler/selector.js';
import { encodeCanonical, withCanonical, type Cbor } from '../cbor.js';
import { TxRejected } from '../../spec/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../spec/table.js';

export type TxKind = 'call' | 'deploy' | 'transfer';

export interface Tx {
  kind: TxKind;
  sender: Uint8Array;
  /** must equal the sender's nonce in the state */
  nonce: bigint;
  /** gas the sender buys, intrinsic gas included */
  gasLimit: number;
  /** price of one gas unit, in balance units */
  gasPrice: bigint;
  /** moved from sender to `to` (call: into the contract, inside the call; transfer: directly). Deploy: 0. */
  value?: bigint;
  /** call: the contract; transfer: the payee; deploy: absent */
  to?: Uint8Array;
  /** call: calldata (selector || args); deploy: IR bytes; transfer: absent */
  data?: Uint8Array;
  /** deploy only: the constructor's arguments as JSON values (spec/ABI.md §6) */
  args?: unknown[];
}

export const TX_GAS = {
  /** every transaction: signature, nonce and fee bookkeeping, receipt */
  base: 2_000,
  /** per byte of data (calldata or code), for carrying it in the block */
  perDataByte: 4,
} as const;

const U64 = 1n << 64n;
const U256 = 1n << 256n;
/** no tx's data may exceed this, whatever its kind */
export const MAX_TX_DATA = 1 << 20;

const DOMAIN = new TextEncoder().encode('animica:vm:tx|');

export function intrinsicGas(tx: Tx): number {
  return TX_GAS.base + TX_GAS.perDataByte * (tx.data?.length ?? 0);
}

function malformed(msg: string): TxRejected {
  return new TxRejected('MALFORMED', msg);
}

function isBytes(b: unknown, len?: number): b is Uint8Array {
  return b instanceof Uint8Array && (len === undefined || b.length === len);
}

/** JSON argument values -> CBOR (integers, text, bools, null, bytes, lists, maps); anything else is malformed. */
function argCbor(v: unknown, depth: number): Cbor {
  if (depth > 32) throw malformed('args nest deeper than 32');
  if (v === null || typeof v === 'boolean' || typeof v === 'string' || typeof v === 'bigint' || v instanceof Uint8Array) return v;
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw malformed(`args hold integers only, got ${v}`);
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => argCbor(x, depth + 1));
  if (typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    const o: { [k: string]: Cbor } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = argCbor(x, depth + 1);
    return o;
  }
  throw malformed(`args: ${typeof v} is not a JSON value`);
}

/** Throws TxRejected('MALFORMED') when a field is missing, mistyped or out of range. */
export function checkTxShape(tx: Tx, limits: Readonly<Limits> = DEFAULT_LIMITS): void {
  if (tx === null || typeof tx !== 'object') throw malformed('a transaction is an object');
  const ab = limits.address_bytes;
  if (tx.kind !== 'call' && tx.kind !== 'deploy' && tx.kind !== 'transfer') throw malformed(`kind must be call, deploy or transfer, got ${String(tx.kind)}`);
  if (!isBytes(tx.sender, ab)) throw malformed(`sender must be ${ab} bytes`);
  if (typeof tx.nonce !== 'bigint' || tx.nonce < 0n || tx.nonce >= U64) throw malformed('nonce must be a bigint in 0 .. 2**64 - 1');
  if (!Number.isSafeInteger(tx.gasLimit) || tx.gasLimit < 0) throw malformed('gasLimit must be a non-negative safe integer');
  if (typeof tx.gasPrice !== 'bigint' || tx.gasPrice < 0n || tx.gasPrice >= U256) throw malformed('gasPrice must be a bigint in 0 .. 2**256 - 1');
  const value = tx.value ?? 0n;
  if (typeof value !== 'bigint' || value < 0n || value >= U256) throw malformed('value must be a bigint in 0 .. 2**256 - 1');
  if (tx.data !== undefined && !isBytes(tx.data)) throw malformed('data must be bytes');
  if ((tx.data?.length ?? 0) > MAX_TX_DATA) throw malformed(`data is ${tx.data!.length} bytes (at most ${MAX_TX_DATA})`);
  if (tx.kind === 'deploy') {
    if (tx.to !== undefined) throw malformed('a deploy has no `to`: the address comes from sender and nonce');
    if (!tx.data || tx.data.length === 0) throw malformed('a deploy carries the IR bytes as data');
    if (tx.data.length > limits.max_code_bytes) throw malformed(`code is ${tx.data.length} bytes (at most ${limits.max_code_bytes})`);
    if (value !== 0n) throw malformed('a deploy moves no value');
    if (tx.args !== undefined && !Array.isArray(tx.args)) throw malformed('args must be a list');
    if (tx.args) argCbor(tx.args, 0);
  } else {
    if (!isBytes(tx.to, ab)) throw malformed(`to must be ${ab} bytes`);
    if (tx.args !== undefined) throw malformed('only a deploy has args');
    if (tx.kind === 'call' && (!tx.data || tx.data.length < SELECTOR_LENGTH))
      throw malformed(`a call carries calldata (a ${SELECTOR_LENGTH}-byte selector, then the arguments)`);
    if (tx.kind === 'transfer' && tx.data !== undefined && tx.data.length > 0) throw malformed('a transfer carries no data');
  }
}

/** The canonical bytes of a transaction (checked first). */
export function encodeTx(tx: Tx, limits?: Readonly<Limits>): Uint8Array {
  checkTxShape(tx, limits);
  return encodeShaped(tx);
}

function encodeShaped(tx: Tx): Uint8Array {
  return encodeCanonical(shapedCbor(tx));
}

function shapedCbor(tx: Tx): Cbor {
  const m: { [k: string]: Cbor } = {
    kind: tx.kind,
    sender: tx.sender,
    nonce: tx.nonce,
    gasLimit: tx.gasLimit,
    gasPrice: tx.gasPrice,
    value: tx.value ?? 0n,
    data: tx.data ?? EMPTY,
  };
  if (tx.to) m.to = tx.to;
  if (tx.args) m.args = argCbor(tx.args, 0);
  return m;
}
const EMPTY = new Uint8Array(0);

/** sha3_256(b"animica:vm:tx|" || encodeTx(tx)) */
export function txHash(tx: Tx, limits?: Readonly<Limits>): Uint8Array {
  checkTxShape(tx, limits);
  return shapedTxHash(tx);
}

/** txHash of a tx that checkTxShape has already passed (block execution checks each tx once). */
export function shapedTxHash(tx: Tx): Uint8Array {
  // DOMAIN || encoding hashed where it is written: neither is copied
  return withCanonical(DOMAIN, shapedCbor(tx), sha3_256);
}
