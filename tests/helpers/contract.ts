// Test harness: compile a contract and call it by name with JSON-style arguments against an
// in-memory state, the way a node would through the adapter.
import { readFileSync } from 'node:fs';
import { compileSource, type CompiledContract } from '../../compiler/index.js';
import { encodeArgs } from '../../core/abi/codec.js';
import { jsonToArgs } from '../../node/abi/json.js';
import { defaultBlock, defaultTx, type TxEnv } from '../../core/context.js';
import { executeCall, type Receipt } from '../../node/execute.js';
import { loadModule, type LoadedModule } from '../../core/load.js';
import { MemoryState } from '../../node/state.js';

export class TestContract {
  readonly compiled: CompiledContract;
  readonly module: LoadedModule;
  state = new MemoryState();
  tx: TxEnv = defaultTx();

  constructor(source: string, file = 'contract.py') {
    this.compiled = compileSource(source, { file });
    this.module = loadModule(this.compiled.module);
  }

  static fromFile(path: string, file = path.split('/').pop()!): TestContract {
    return new TestContract(readFileSync(path, 'utf8'), file);
  }

  calldata(fn: string, args: unknown[] = []): Uint8Array {
    const ex = this.module.byName.get(fn);
    if (!ex) throw new Error(`no public function ${fn}`);
    return new Uint8Array([...ex.selector, ...encodeArgs(ex.params, jsonToArgs(ex.params, args))]);
  }

  call(fn: string, args: unknown[] = [], gasLimit = 1_000_000, tx: Partial<TxEnv> = {}): Receipt {
    return executeCall({
      module: this.module,
      calldata: this.calldata(fn, args),
      gasLimit,
      tx: { ...this.tx, ...tx },
      block: defaultBlock(),
      state: this.state,
    });
  }
}
