// One call of a loaded module's function on a fresh state, with or without a tracer. A tracer
// turns the fused forms off, so the parity tests compare the two to hold fused code to the
// plain instructions at any gas limit.
import { encodeArgs } from '../../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../../core/context.js';
import type { LoadedModule } from '../../core/load.js';
import { executeCall, type Receipt } from '../../node/execute.js';
import { MemoryState } from '../../node/state.js';
import type { Limits } from '../../spec/table.js';

export function tracedCall(mod: LoadedModule, fn: string, args: bigint[], gasLimit: number, traced: boolean, limits?: Limits): Receipt {
  const ex = mod.byName.get(fn)!;
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args as never)]);
  return executeCall({
    module: mod,
    calldata,
    gasLimit,
    limits,
    tx: defaultTx(),
    block: defaultBlock(),
    state: new MemoryState(),
    tracer: traced ? () => {} : undefined,
  });
}
