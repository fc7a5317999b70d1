// vm-py metered, in process: compile and load once, then time executeCall alone.
import { readFileSync } from 'node:fs';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { loadModule } from '../core/load.js';
import { MemoryState } from '../node/state.js';
import { useNativeStdSha3 } from '../host/native_hash.js';
import { canonical } from './workloads.js';

// vm-py as a node on Node runs it: stdlib SHA3 on the host's native hash (same bytes, same gas;
// the node layer's own hashing, storage slot ids included, stays as the library defaults it)
useNativeStdSha3();

// large enough for every workload; a safe integer as executeCall requires
const GAS_LIMIT = 1e15;

export interface Prepared {
  call(): Receipt;
}

/** Compile and load; throws (a diagnostic) when today's vm-py cannot compile the source. */
export function prepare(path: string, n: number): Prepared {
  const compiled = compileSource(readFileSync(path, 'utf8'), { file: path.split('/').pop() });
  const module = loadModule(compiled.module);
  const ex = module.byName.get('main');
  if (!ex) throw new Error(`${path} has no public main()`);
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, [n])]);
  const tx = defaultTx();
  const block = defaultBlock();
  // a fresh state per call, so every run writes new slots and pays the same gas
  return { call: () => executeCall({ module, calldata, gasLimit: GAS_LIMIT, tx, block, state: new MemoryState() }) };
}

/** Why a receipt is not a result: null when the call succeeded. */
export function failure(r: Receipt): string | null {
  if (r.status === 'SUCCESS') return null;
  const e = r.error;
  return `${r.status}${e ? ` ${e.message}` : ''}${r.revertReason ? ` (${Buffer.from(r.revertReason).toString()})` : ''}`;
}

export const resultOf = (r: Receipt): string => canonical(r.returnValue);
