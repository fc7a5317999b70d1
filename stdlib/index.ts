// The stdlib registry: table name -> implementation, and the id-indexed array the
// interpreter dispatches CALL_STD through. A table entry without an implementation (or the
// reverse) fails at load, and tests/gas_table.test.ts checks both directions.
import { STDLIB } from '../spec/table.js';
import type { StdImpl } from '../core/machine.js';
import * as abi from './abi.js';
import * as abiCodec from './abi_codec.js';
import * as contracts from './contracts.js';
import * as events from './events.js';
import * as hash from './hash.js';
import * as pq from './pq.js';
import * as random from './random.js';
import * as storage from './storage.js';
import * as syscalls from './syscalls.js';
import * as treasury from './treasury.js';

export const STD_IMPLS_BY_NAME: Readonly<Record<string, StdImpl>> = {
  'storage.get': storage.get,
  'storage.set': storage.set,
  'storage.delete': storage.del,
  'storage.exists': storage.exists,
  'storage.get_int': storage.getInt,
  'storage.set_int': storage.setInt,
  'events.emit': events.emit,
  'hash.sha3_256': hash.sha3,
  'hash.sha3_512': hash.sha3_512h,
  'hash.keccak256': hash.keccak,
  'hash.blake3': hash.blake,
  'abi.require': abi.require,
  'abi.revert': abi.revert,
  'abi.caller': abi.caller,
  'abi.block_height': abi.blockHeight,
  'abi.block_timestamp': abi.blockTimestamp,
  'abi.chain_id': abi.chainId,
  'abi.contract_address': abi.contractAddress,
  'abi.tx_hash': abi.txHash,
  'abi.call_value': abi.callValue,
  'abi.encode': abiCodec.encode,
  'abi.decode': abiCodec.decode,
  'treasury.balance': treasury.balance,
  'treasury.transfer': treasury.transfer,
  'random.bytes': random.bytes,
  'syscalls.blob_pin': syscalls.blobPin,
  'syscalls.ai_enqueue': syscalls.aiEnqueue,
  'syscalls.quantum_enqueue': syscalls.quantumEnqueue,
  'syscalls.read_result': syscalls.readResult,
  'syscalls.zk_verify': syscalls.zkVerify,
  'syscalls.read_beacon': syscalls.readBeacon,
  'pq.verify': pq.verify,
  'pq.address': pq.address,
  'contracts.call': contracts.call,
  'contracts.static_call': contracts.staticCall,
  'contracts.try_call': contracts.tryCall,
};

export const STD_IMPLS: readonly (StdImpl | undefined)[] = (() => {
  const out: (StdImpl | undefined)[] = [];
  for (const s of STDLIB) {
    const impl = STD_IMPLS_BY_NAME[s.name];
    if (!impl) throw new Error(`stdlib ${s.name} is priced in the gas table but has no implementation`);
    out[s.id] = impl;
  }
  return out;
})();
