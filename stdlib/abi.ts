// stdlib.abi: require/revert and the call context accessors.
import { Revert } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { normBig, truthy, type Value } from '../core/values.js';
import { bytesOrStr } from './args.js';

const REQUIRE = STDLIB_BY_NAME.get('abi.require')!;
const REVERT = STDLIB_BY_NAME.get('abi.revert')!;

export const require: StdImpl = (m, a, b) => {
  m.charge(REQUIRE.base);
  if (truthy(a[b])) return null;
  throw new Revert(bytesOrStr('abi.require', 'reason', a[b + 1]).slice());
};

export const revert: StdImpl = (m, a, b) => {
  m.charge(REVERT.base);
  throw new Revert(bytesOrStr('abi.revert', 'reason', a[b]).slice());
};

function ctx(name: string, get: (m: Machine) => Value): StdImpl {
  const info = STDLIB_BY_NAME.get(name)!;
  return (m) => {
    m.charge(info.base);
    return get(m);
  };
}

export const caller = ctx('abi.caller', (m) => m.host.tx.sender.slice());
export const blockHeight = ctx('abi.block_height', (m) => normBig(m.host.block.height));
export const blockTimestamp = ctx('abi.block_timestamp', (m) => normBig(m.host.block.timestamp));
export const chainId = ctx('abi.chain_id', (m) => normBig(m.host.block.chainId));
export const contractAddress = ctx('abi.contract_address', (m) => m.host.address.slice());
export const txHash = ctx('abi.tx_hash', (m) => m.host.tx.hash.slice());
export const callValue = ctx('abi.call_value', (m) => normBig(m.host.tx.value));
