// executeBlock: a block's transactions in order under the rules of spec/BLOCKS.md (nonce,
// gas price, intrinsic gas, block gas limit, fee debit before execution and refund after,
// fee credit to the coinbase), then the state root and the receipts root. The block runs on
// an overlay and reaches the state in one step at the end, so a block that fails (a bad
// header, a rejected tx in a strict block, an internal error) leaves the state untouched.
import { call, deploy, type AdapterReceipt } from '../adapter.js';
import type { BlockEnv } from '../../core/context.js';
import { bytesToHex } from '../../core/hex.js';
import { BlockError, StoreError, TxRejected, VmPyError, type RejectReason } from '../../spec/errors.js';
import { DEFAULT_LIMITS, type Limits } from '../../spec/table.js';
import { StateCommitment, type StorageProof } from '../trie/state_commitment.js';
import { sealReceipt, receiptsTrie, type BalanceChange, type BlockReceipt, type StateWrite } from './block_receipt.js';
import { isChainState, type ChainState, type IterableState } from './chain_state.js';
import { Overlay, type StateKey } from './overlay.js';
import { checkTxShape, intrinsicGas, shapedTxHash, txHash, type Tx } from './tx.js';

export interface BlockHeader extends BlockEnv {
  /** the most gas the block's transactions may buy together */
  gasLimit: number;
  /** the lowest gas price a tx may offer (default 0) */
  minGasPrice?: bigint;
}

export interface ExecuteBlockRequest {
  state: ChainState;
  block: BlockHeader;
  txs: readonly Tx[];
  /**
   * true: any rejected tx fails the whole block (BlockError, nothing applied), as a node
   * validating a block someone else built wants. false (default): a rejected tx is left out
   * and reported, as a node building a block from its pool wants.
   */
  strict?: boolean;
  limits?: Readonly<Limits>;
}

export interface Rejection {
  /** position in the txs given */
  index: number;
  /** null when the tx is too malformed to hash */
  txHash: Uint8Array | null;
  reason: RejectReason;
  message: string;
}

export interface BlockResult {
  receipts: BlockReceipt[];
  rejected: Rejection[];
  gasUsed: number;
  /** sum of the fees credited to the coinbase */
  fees: bigint;
  stateRoot: Uint8Array;
  receiptsRoot: Uint8Array;
}

/** A state that applies a block's overlay itself (node/store: one database transaction). */
export interface BlockSink {
  /** Write the block's overlay and record in one step; on failure the state must be as before and commitment() rebuilt. */
  applyBlock(overlay: Overlay, block: BlockHeader, result: BlockResult): void;
  commitment(): StateCommitment;
}

const commitments = new WeakMap<object, StateCommitment>();

function isSink(s: unknown): s is BlockSink {
  return typeof (s as Partial<BlockSink>).applyBlock === 'function' && typeof (s as Partial<BlockSink>).commitment === 'function';
}

/**
 * The state commitment kept for this state, built from its whole content the first time
 * (cost ∝ state size, once) and updated by every executeBlock after (cost ∝ keys changed).
 * Changes made to the state by other means after that are not seen: make them through a block.
 */
export function commitmentOf(state: ChainState): StateCommitment {
  if (isSink(state)) return state.commitment();
  let c = commitments.get(state);
  if (c === undefined) {
    const it = state as Partial<IterableState>;
    if (typeof it.addresses !== 'function' || typeof it.storageEntries !== 'function')
      throw new BlockError('the state cannot list its content (addresses, storageEntries), so no state root can be built for it');
    commitments.set(state, (c = StateCommitment.build(state as IterableState)));
  }
  return c;
}

/** The state root of state now. */
export function stateRoot(state: ChainState): Uint8Array {
  return commitmentOf(state).root();
}

/** A proof of one storage slot's value (or emptiness) under the current state root; check it with verifyStorageProof. */
export function proveStorage(state: ChainState, address: Uint8Array, key: Uint8Array): StorageProof {
  return commitmentOf(state).proveStorage(address, key);
}

function checkHeader(b: BlockHeader, limits: Readonly<Limits>): void {
  if (!b || typeof b !== 'object') throw new BlockError('block header must be an object');
  if (!Number.isSafeInteger(b.gasLimit) || b.gasLimit <= 0) throw new BlockError(`block gasLimit must be a positive safe integer, got ${String(b.gasLimit)}`);
  for (const k of ['height', 'timestamp', 'chainId'] as const)
    if (typeof b[k] !== 'bigint' || b[k] < 0n) throw new BlockError(`block ${k} must be a non-negative bigint`);
  if (!(b.coinbase instanceof Uint8Array) || b.coinbase.length !== limits.address_bytes)
    throw new BlockError(`block coinbase must be ${limits.address_bytes} bytes`);
  if (!(b.beacon instanceof Uint8Array) || b.beacon.length !== 32) throw new BlockError('block beacon must be 32 bytes');
  if (b.minGasPrice !== undefined && (typeof b.minGasPrice !== 'bigint' || b.minGasPrice < 0n))
    throw new BlockError('block minGasPrice must be a non-negative bigint');
}

/** The rejection checks of spec/BLOCKS.md, in their order; throws TxRejected. */
export function checkTx(st: ChainState, block: BlockHeader, tx: Tx, blockGasUsed: number, limits: Readonly<Limits>): void {
  checkTxShape(tx, limits);
  if (tx.gasPrice < (block.minGasPrice ?? 0n))
    throw new TxRejected('GAS_PRICE_TOO_LOW', `gas price ${tx.gasPrice} is below the block's minimum ${block.minGasPrice}`);
  const expected = st.getNonce(tx.sender);
  if (tx.nonce < expected) throw new TxRejected('NONCE_TOO_LOW', `nonce ${tx.nonce}, the sender's next nonce is ${expected}`);
  if (tx.nonce > expected) throw new TxRejected('NONCE_TOO_HIGH', `nonce ${tx.nonce}, the sender's next nonce is ${expected}`);
  const intrinsic = intrinsicGas(tx);
  if (tx.gasLimit < intrinsic) throw new TxRejected('INTRINSIC_GAS', `gas limit ${tx.gasLimit} is below the intrinsic gas ${intrinsic}`);
  if (blockGasUsed + tx.gasLimit > block.gasLimit)
    throw new TxRejected('BLOCK_GAS_LIMIT', `gas limit ${tx.gasLimit} exceeds the ${block.gasLimit - blockGasUsed} gas left in the block`);
  const need = BigInt(tx.gasLimit) * tx.gasPrice + (tx.value ?? 0n);
  const have = st.getBalance(tx.sender);
  if (have < need) throw new TxRejected('INSUFFICIENT_FUNDS', `balance ${have} is below gasLimit * gasPrice + value = ${need}`);
}

/**
 * What one checked tx did before its fee reaches the coinbase, on its own overlay over the
 * state it ran against: its writes, the reads that reached that state (its read set), and
 * the receipt's fields. Serial and parallel execution both build receipts from it
 * (finishTx), so both give the same bytes.
 */
export interface TxOutcome {
  hash: Uint8Array;
  overlay: Overlay;
  kind: Tx['kind'];
  status: BlockReceipt['status'];
  gasUsed: number;
  fee: bigint;
  sender: Uint8Array;
  nonce: bigint;
  exec: AdapterReceipt | null;
  error: { code: string; message: string } | null;
  /** addresses whose balance the tx changed (the coinbase's credit comes in finishTx) */
  touched: Uint8Array[];
  /** the read set when the overlay does not record it (an outcome that came from another thread) */
  readSet?: StateKey[];
}

/**
 * Run one tx on an overlay over base: nonce, fee debit, execution, refund. The coinbase is
 * credited later (finishTx): were it credited here, every tx would write the coinbase's
 * balance and no two could run side by side.
 */
export function runTx(base: ChainState, block: BlockHeader, tx: Tx, hash: Uint8Array, limits: Readonly<Limits>, recordReads = true): TxOutcome {
  const st = new Overlay(base);
  if (recordReads) st.reads = new Map();
  const intrinsic = intrinsicGas(tx);
  const value = tx.value ?? 0n;
  const sender = tx.sender;
  const nonce = tx.nonce + 1n;
  st.setNonce(sender, nonce);
  st.setBalance(sender, st.getBalance(sender) - BigInt(tx.gasLimit) * tx.gasPrice);
  // the addresses whose balance changed, once each (a few: an array, compared by bytes)
  const touched: Uint8Array[] = [sender];
  let exec: AdapterReceipt | null = null;
  let error: { code: string; message: string } | null = null;
  let status: BlockReceipt['status'] = 'SUCCESS';
  let execGas = 0;
  const env = { hash, sender, to: tx.to ?? new Uint8Array(limits.address_bytes), value, nonce: tx.nonce };
  const gasLimit = tx.gasLimit - intrinsic;
  try {
    if (tx.kind === 'transfer') {
      if (value > 0n && !bytesEqual(sender, tx.to!)) {
        st.setBalance(sender, st.getBalance(sender) - value);
        st.setBalance(tx.to!, st.getBalance(tx.to!) + value);
        addOnce(touched, tx.to!);
      }
    } else if (tx.kind === 'call') {
      if (!st.getCode(tx.to!)) {
        status = 'ERROR';
        error = { code: 'E-STATE', message: `no code at ${bytesToHex(tx.to!)}` };
      } else exec = call({ input: tx.data!, gasLimit, tx: env, block, state: st, codes: st, limits });
    } else exec = deploy({ contract: { code: tx.data! }, args: tx.args, gasLimit, tx: env, block, state: st, codes: st, limits });
  } catch (e) {
    // the adapter throws only before anything runs (bad constructor args, and the like);
    // a damaged store (E-STORE) is the host's fault, not the tx's: it fails the block
    if (!(e instanceof VmPyError) || e instanceof StoreError) throw e;
    status = 'ERROR';
    error = { code: e.code, message: e.message };
  }
  if (exec) {
    status = exec.status;
    execGas = exec.gasUsed;
    for (const w of exec.balanceWrites) addOnce(touched, w.address);
  }
  const gasUsed = intrinsic + execGas;
  st.setBalance(sender, st.getBalance(sender) + BigInt(tx.gasLimit - gasUsed) * tx.gasPrice);
  return {
    hash,
    overlay: st,
    kind: tx.kind,
    status,
    gasUsed,
    fee: BigInt(gasUsed) * tx.gasPrice,
    sender: st.own(sender),
    nonce,
    exec,
    error,
    touched,
  };
}

function addOnce(list: Uint8Array[], a: Uint8Array): void {
  for (const x of list) if (bytesEqual(x, a)) return;
  list.push(a);
}

/** Byte order (as the addresses' hex, or latin1 keys, sort). */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Take a tx's outcome into the block: its writes onto the block's overlay, the fee onto the
 * coinbase, and its receipt (balances read after both, so they are final values).
 */
export function finishTx(blockOv: Overlay, block: BlockHeader, o: TxOutcome, index: number, cumulativeGasUsed: number): BlockReceipt {
  const readSet = o.readSet ?? (o.overlay.reads ? [...o.overlay.reads.values()] : []);
  const writeSet = writeSetOf(o.overlay);
  // the tx's overlay is done with: its entries move to the block's (no sort, no copies)
  o.overlay.mergeInto(blockOv);
  const touched = o.touched.slice();
  if (o.fee > 0n) {
    blockOv.setBalance(block.coinbase, blockOv.getBalance(block.coinbase) + o.fee);
    addOnce(touched, block.coinbase);
    writeSet.push({ kind: 'balance', address: blockOv.own(block.coinbase), balance: blockOv.getBalance(block.coinbase) });
  }
  if (touched.length > 1) touched.sort(compareBytes);
  // addresses as the block's overlay holds them (one copy per address for the whole block)
  const balances: BalanceChange[] = touched.map((a) => ({ address: blockOv.own(a), balance: blockOv.getBalance(a) }));
  return sealReceipt(
    {
      index,
      txHash: o.hash,
      kind: o.kind,
      status: o.status,
      gasUsed: o.gasUsed,
      cumulativeGasUsed,
      fee: o.fee,
      sender: o.sender,
      nonce: o.nonce,
      balances,
      exec: o.exec,
      error: o.error,
    },
    readSet,
    writeSet,
  );
}

/** An overlay's writes as plain data. */
export function writeSetOf(ov: Overlay): StateWrite[] {
  const out: StateWrite[] = [];
  for (const e of ov.accounts.values()) {
    for (const w of e.storage.values()) out.push({ kind: 'storage', address: e.address, key: w.key, value: w.value });
    if (e.balance !== undefined) out.push({ kind: 'balance', address: e.address, balance: e.balance });
    if (e.nonce !== undefined) out.push({ kind: 'nonce', address: e.address, nonce: e.nonce });
    if (e.code !== undefined) out.push({ kind: 'code', address: e.address, code: e.code });
  }
  return out;
}

function reject(index: number, tx: Tx, e: TxRejected, limits: Readonly<Limits>): Rejection {
  let hash: Uint8Array | null = null;
  try {
    hash = txHash(tx, limits);
  } catch (err) {
    if (!(err instanceof TxRejected)) throw err;
  }
  return { index, txHash: hash, reason: e.reason, message: e.message };
}

/**
 * Execute a block's transactions in order; return the receipts of those included, the
 * rejected ones with their reasons, the gas used, and the state and receipts roots.
 * The state changes only when this returns.
 */
export function executeBlock(req: ExecuteBlockRequest): BlockResult {
  return executeBlockOverlay(req).result;
}

/** A block's transactions run on an overlay over the state: not yet committed to, nor applied. */
export interface BlockRun {
  receipts: BlockReceipt[];
  rejected: Rejection[];
  gasUsed: number;
  fees: bigint;
  /** what the block changed (reads through to the state: the state after the block) */
  overlay: Overlay;
}

/**
 * The txs of a block in order, on an overlay: checks, execution, receipts. onTx sees each
 * included tx's outcome once it is in the block's overlay (a parallel executor streams the
 * writes to the worker that keeps the state root). Nothing reaches the state.
 */
export function runBlockTxs(req: ExecuteBlockRequest, onTx?: (o: TxOutcome) => void): BlockRun {
  const limits = req.limits ?? DEFAULT_LIMITS;
  const { state, block } = req;
  if (!isChainState(state)) throw new BlockError('state must be a ChainState (StateAdapter + CodeStore + getNonce/setNonce)');
  checkHeader(block, limits);
  if (!Array.isArray(req.txs)) throw new BlockError('txs must be an array');
  const ov = new Overlay(state);
  const receipts: BlockReceipt[] = [];
  const rejected: Rejection[] = [];
  let gasUsed = 0;
  let fees = 0n;
  req.txs.forEach((tx, i) => {
    try {
      checkTx(ov, block, tx, gasUsed, limits);
    } catch (e) {
      if (!(e instanceof TxRejected)) throw e;
      if (req.strict) throw new BlockError(`tx ${i} rejected: ${e.message}`);
      rejected.push(reject(i, tx, e, limits));
      return;
    }
    const o = runTx(ov, block, tx, shapedTxHash(tx), limits);
    gasUsed += o.gasUsed;
    fees += o.fee;
    receipts.push(finishTx(ov, block, o, receipts.length, gasUsed));
    onTx?.(o);
  });
  return { receipts, rejected, gasUsed, fees, overlay: ov };
}

/** executeBlock, also returning the block's overlay (what it changed; a parallel executor sends it to its workers' replicas); onTx as for runBlockTxs. */
export function executeBlockOverlay(req: ExecuteBlockRequest, onTx?: (o: TxOutcome) => void): { result: BlockResult; overlay: Overlay } {
  if (!isChainState(req.state)) throw new BlockError('state must be a ChainState (StateAdapter + CodeStore + getNonce/setNonce)');
  const state = req.state;
  checkHeader(req.block, req.limits ?? DEFAULT_LIMITS);
  if (!Array.isArray(req.txs)) throw new BlockError('txs must be an array');
  const commitment = commitmentOf(state);
  const { receipts, rejected, gasUsed, fees, overlay: ov } = runBlockTxs(req, onTx);
  const receiptsRoot = receiptsTrie(receipts).root();
  // the overlay reads through to the state: it is the state after the block
  const root = commitment.update(ov, ov.accounts.values());
  const result = { receipts, rejected, gasUsed, fees, stateRoot: root, receiptsRoot };
  if (isSink(state)) state.applyBlock(ov, req.block, result);
  else ov.applyTo(state);
  return { result, overlay: ov };
}

/**
 * Drop the state commitment kept for state (a parallel executor keeps the state root on a
 * worker instead): the next stateRoot, proveStorage or executeBlock on this state builds it
 * again from the state's whole content.
 */
export function forgetCommitment(state: ChainState): void {
  commitments.delete(state);
}
