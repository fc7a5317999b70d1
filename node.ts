// `vm-py/node` (built to dist/node.mjs): what a node embeds to run IR. No compiler and no
// parser in here (tests/entries.test.ts bundles it to check): deploy/call take contracts as
// IR bytes; compiling source is `vm-py/compiler`, or the package root's deploy/call.
export { call, contractAddress, deploy, loadCode } from './node/adapter.js';
export type {
  AdapterReceipt,
  CallInput,
  CallRequest,
  CompiledSource,
  ContractCode,
  ContractSource,
  DeployRequest,
  ExecRequest,
  SourceCompiler,
} from './node/adapter.js';
export { executeCall } from './node/execute.js';
// the engine is a speed choice only: every mode gives the same receipts (spec/JIT.md)
export { engineMode, isEngineMode, setEngineMode } from './core/jit/engine.js';
export type { EngineMode } from './core/jit/engine.js';
export type { CallError, CallNode, Receipt, Status } from './node/execute.js';
export { encodeReceipt, logsRoot, receiptCbor, receiptHash, RECEIPT_FORMAT } from './node/receipt.js';
export type { Created } from './node/receipt.js';
export { encodeCanonical } from './node/cbor.js';
export type { Cbor } from './node/cbor.js';
export { MemoryState } from './node/state.js';
export type { CodeStore, StateAdapter, StateSnapshot } from './node/state.js';
export { defaultBlock, defaultTx } from './core/context.js';
export type { BlockEnv, TxEnv } from './core/context.js';
export type { Log, SyscallRequest } from './core/host.js';
export type { BalanceWrite } from './node/journal.js';
export { NO_WRITES, writeAddress, writeAt, writeCount, writeKey, writeList, writeValue } from './node/writes.js';
export type { StorageWrite, StorageWrites } from './node/writes.js';
export { storageSlot } from './node/journal.js';
export { decodeArgs, decodeValue, decodeValueExact, encodeArgs, encodeCall, encodeValue, splitCall } from './core/abi/codec.js';
export type { AbiOptions } from './core/abi/codec.js';
export { jsonToArgs, jsonToValue, valueToJson } from './node/abi/json.js';
export type { Json } from './node/abi/json.js';
export { canonicalTypeName, formatType, parseType } from './core/abi/types.js';
export type { AbiType } from './core/abi/types.js';
export { PyDict, PyTuple } from './core/values.js';
export type { Value } from './core/values.js';
export { abiHash, canonicalJson, normalizeManifest } from './node/manifest.js';
export type { AbiFunction, AbiOutput, AbiParam, NormalizedAbi, NormalizedManifest } from './node/manifest.js';
export { crossCheckAbi, signaturesFromModule } from './node/manifest_check.js';
export type { ContractSignature } from './node/manifest_check.js';
export { codeHash, decodeModule } from './compiler/codec.js';
export { selectorHex, selectorOf, signatureOf } from './compiler/selector.js';
export { decodeEventData } from './stdlib/event_codec.js';
export { DEFAULT_LIMITS } from './spec/table.js';
export type { Limits } from './spec/table.js';
export * from './spec/errors.js';
export { executeBlock, commitmentOf, proveStorage, stateRoot, checkTx, runTx, finishTx, writeSetOf } from './node/block/execute_block.js';
export type { BlockHeader, BlockResult, ExecuteBlockRequest, Rejection, TxOutcome } from './node/block/execute_block.js';
export type { BlockReceipt, BalanceChange, StateWrite } from './node/block/block_receipt.js';
export { blockReceiptCbor, receiptsTrie } from './node/block/block_receipt.js';
export { encodeTx, intrinsicGas, txHash, TX_GAS, MAX_TX_DATA } from './node/block/tx.js';
export type { Tx, TxKind } from './node/block/tx.js';
export type { ChainState, IterableState } from './node/block/chain_state.js';
export { Overlay } from './node/block/overlay.js';
export type { StateKey } from './node/block/overlay.js';
export { StateCommitment, verifyStorageProof, accountKey, encodeAccount, decodeAccount, EMPTY_CODE_HASH } from './node/trie/state_commitment.js';
export type { AccountFields, StorageProof } from './node/trie/state_commitment.js';
export { MerkleTrie, EMPTY_ROOT } from './node/trie/mpt.js';
export { verifyTrieProof, ProofError } from './node/trie/proof.js';
// for debuggers and the studio: per-instruction tracing with source positions
export { locate } from './core/load.js';
export type { LoadedModule } from './core/load.js';
export type { Tracer } from './core/machine.js';
export { OP_BY_CODE } from './spec/table.js';
