// `vm-py run` call environment flags -> TxEnv/BlockEnv and balance seeds. Every default is a
// constant or derived from the call itself, so the same command line gives the same receipt.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { defaultBlock, defaultTx, type BlockEnv, type TxEnv } from '../core/context.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { UsageError } from './fail.js';

export interface CallEnvFlags {
  sender?: string;
  value?: string;
  height?: string;
  timestamp?: string;
  txHash?: string;
  chainId?: string;
  beacon?: string;
  balance?: string[];
  result?: string[];
}

const enc = new TextEncoder();
const HEX = /^0x([0-9a-fA-F]{2})*$/;
const DEC = /^[0-9]+$/;

function hexArg(flag: string, v: string, len: number, what: string): Uint8Array {
  if (!HEX.test(v) || (v.length - 2) / 2 !== len) throw new UsageError(`${flag} must be 0x-hex of ${len} bytes (${what}), got ${JSON.stringify(v)}`, 'E-ARGS');
  return new Uint8Array(Buffer.from(v.slice(2), 'hex'));
}

function natArg(flag: string, v: string | undefined, dflt: bigint): bigint {
  if (v === undefined) return dflt;
  if (!DEC.test(String(v))) throw new UsageError(`${flag} must be a non-negative decimal integer, got ${JSON.stringify(v)}`, 'E-ARGS');
  return BigInt(v);
}

/** `<0xtask_id>=<0xbytes>` pairs for --result: the host's answers for syscalls.read_result / zk_verify. */
export function parseResults(items: readonly string[] | undefined): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  for (const item of items ?? []) {
    const s = String(item);
    const eq = s.indexOf('=');
    if (eq < 0) throw new UsageError(`--result takes <0xtask_id>=<0xbytes>, got ${JSON.stringify(s)}`, 'E-ARGS');
    const id = hexArg('--result task id', s.slice(0, eq), 32, 'a task id');
    const v = s.slice(eq + 1);
    if (!HEX.test(v)) throw new UsageError(`--result value must be 0x-hex, got ${JSON.stringify(v)}`, 'E-ARGS');
    out.set(Buffer.from(id).toString('hex'), new Uint8Array(Buffer.from(v.slice(2), 'hex')));
  }
  return out;
}

/** `<0xaddr>=<n>` pairs for --balance. */
export function parseBalances(items: readonly string[] | undefined): Array<[Uint8Array, bigint]> {
  const n = DEFAULT_LIMITS.address_bytes;
  return (items ?? []).map((item) => {
    const eq = String(item).indexOf('=');
    if (eq < 0) throw new UsageError(`--balance takes <0xaddress>=<amount>, got ${JSON.stringify(item)}`, 'E-ARGS');
    const s = String(item);
    return [hexArg('--balance address', s.slice(0, eq), n, 'an address'), natArg('--balance amount', s.slice(eq + 1), 0n)];
  });
}

/**
 * The tx hash defaults to sha3_256(b"animica:vm:cli-tx|" || to || sender || value (decimal)
 * || "|" || calldata): stable for the same call, different for different calls, so
 * random.bytes and task ids behave as they would on a chain.
 */
export function callEnv(f: CallEnvFlags, to: Uint8Array, calldata: Uint8Array): { tx: TxEnv; block: BlockEnv } {
  const n = DEFAULT_LIMITS.address_bytes;
  const base = defaultTx(n);
  const sender = f.sender === undefined ? base.sender : hexArg('--sender', f.sender, n, 'an address');
  const value = natArg('--value', f.value, 0n);
  const hash =
    f.txHash === undefined
      ? sha3_256(new Uint8Array([...enc.encode('animica:vm:cli-tx|'), ...to, ...sender, ...enc.encode(value.toString() + '|'), ...calldata]))
      : hexArg('--tx-hash', f.txHash, 32, 'a transaction hash');
  const b = defaultBlock(n);
  const block: BlockEnv = {
    ...b,
    height: natArg('--height', f.height, b.height),
    timestamp: natArg('--timestamp', f.timestamp, b.timestamp),
    chainId: natArg('--chain-id', f.chainId, b.chainId),
    beacon: f.beacon === undefined ? b.beacon : hexArg('--beacon', f.beacon, 32, 'the block beacon'),
  };
  return { tx: { ...base, to, sender, value, hash }, block };
}
