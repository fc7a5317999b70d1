// Call one stdlib implementation directly on a fresh Machine and report the gas it charged:
// exact-gas tests then see the stdlib's own charge, not the surrounding instructions.
import { compileSource } from '../../compiler/index.js';
import { defaultBlock, defaultTx, type BlockEnv, type TxEnv } from '../../core/context.js';
import type { Host } from '../../core/host.js';
import { Journal } from '../../node/journal.js';
import { loadModule } from '../../core/load.js';
import { Machine } from '../../core/machine.js';
import { MemoryState } from '../../node/state.js';
import type { Value } from '../../core/values.js';
import { DEFAULT_LIMITS, STDLIB_BY_NAME, type Limits } from '../../spec/table.js';
import { STD_IMPLS } from '../../stdlib/index.js';

const MODULE = loadModule(compileSource('def f() -> int:\n    return 0\n', { file: 'empty.py' }).module);

export interface StdEnv {
  state?: MemoryState;
  tx?: Partial<TxEnv>;
  block?: Partial<BlockEnv>;
  results?: Map<string, Uint8Array>;
  callIndex?: number;
  limits?: Partial<Limits>;
  gas?: number;
}

export function makeHost(env: StdEnv = {}): Host {
  const tx = { ...defaultTx(), ...env.tx };
  return {
    address: tx.to,
    tx,
    block: { ...defaultBlock(), ...env.block },
    journal: new Journal(env.state ?? new MemoryState()),
    logs: [],
    syscalls: [],
    results: env.results ?? new Map(),
    callIndex: env.callIndex ?? 0,
    randomDrawn: 0,
  };
}

export function makeMachine(env: StdEnv = {}, host = makeHost(env)): Machine {
  return new Machine(MODULE, { ...DEFAULT_LIMITS, ...env.limits }, env.gas ?? 100_000_000, STD_IMPLS, host);
}

/** Call `name` (a table name or alias) with all its arguments; returns the value and gas charged. */
export function stdCall(name: string, args: Value[], m: Machine = makeMachine()): { value: Value; gas: number; m: Machine } {
  const info = STDLIB_BY_NAME.get(name);
  if (!info) throw new Error(`no stdlib function ${name}`);
  if (args.length !== info.params.length) throw new Error(`${name} takes ${info.params.length} arguments`);
  const before = m.gas;
  const value = STD_IMPLS[info.id]!(m, [...args], 0);
  return { value, gas: before - m.gas, m };
}
