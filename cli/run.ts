// vm-py run: compile the manifest's contract and make one call against the local state.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { selectorHex } from '../compiler/selector.js';
import { encodeArgs } from '../runtime/abi/codec.js';
import { jsonToArgs } from '../runtime/abi/json.js';
import { defaultBlock, defaultTx } from '../runtime/context.js';
import { executeCall, type Receipt } from '../runtime/execute.js';
import { loadModule } from '../runtime/load.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { EXIT_FAILED_CALL, EXIT_OK, UsageError } from './fail.js';
import { loadProject } from './project.js';
import { receiptHuman, receiptJson } from './render.js';
import { DEFAULT_STATE_PATH, loadState, saveState } from './statefile.js';
import { traceSession } from './trace.js';

export interface RunArgs {
  manifest: string;
  call: string;
  args?: string;
  state?: string;
  gasLimit: number;
  json: boolean;
  /** print every executed instruction with its source line, gas cost and gas left */
  trace?: boolean;
}

const enc = new TextEncoder();

/** The contract's address in the local state: derived from its manifest name. */
export function cliContractAddress(name: string): Uint8Array {
  return sha3_256(enc.encode(`animica:vm:cli-contract|${name}`)).slice(0, DEFAULT_LIMITS.address_bytes);
}

export function runCommand(a: RunArgs, out: (s: string) => void): number {
  if (!Number.isSafeInteger(a.gasLimit) || a.gasLimit <= 0) throw new UsageError(`--gas-limit must be a positive integer, got ${a.gasLimit}`);
  const project = loadProject(a.manifest);
  const mod = loadModule(project.compiled.module);
  const ex = mod.byName.get(a.call);
  if (!ex) {
    const names = [...mod.byName.keys()].sort().join(', ');
    throw new UsageError(`contract ${project.manifest.name} has no public function '${a.call}' (it has: ${names || 'none'})`, 'E-UNKNOWN-FUNCTION');
  }
  const args = parseArgs(a.args, ex.params, paramNames(project, a.call, ex.params.length));
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args)]);
  const statePath = a.state ?? DEFAULT_STATE_PATH;
  const state = loadState(statePath);
  const tx = { ...defaultTx(), to: cliContractAddress(project.manifest.name) };
  const trace = a.trace ? traceSession(mod, project.source, out) : undefined;
  const r: Receipt = executeCall({ module: mod, calldata, gasLimit: a.gasLimit, tx, block: defaultBlock(), state, tracer: trace?.tracer });
  trace?.finish(r.status === 'OOG' ? 0 : a.gasLimit - r.gasUsed - r.refund);
  if (r.status === 'SUCCESS') saveState(statePath, state);
  if (a.json) out(JSON.stringify(receiptJson(r, { function: a.call, selector: selectorHex(ex.selector) })));
  else out(receiptHuman(r, a.call));
  return r.status === 'SUCCESS' ? EXIT_OK : EXIT_FAILED_CALL;
}

function paramNames(p: ReturnType<typeof loadProject>, fn: string, n: number): string[] {
  const f = p.compiled.checked.funcs.get(fn);
  return f ? f.params.map((x) => x.name) : Array.from({ length: n }, (_, i) => `arg${i}`);
}

/** --args: a JSON array (positional) or an object keyed by parameter name. */
function parseArgs(text: string | undefined, types: string[], names: string[]) {
  let json: unknown = [];
  if (text !== undefined) {
    try {
      json = JSON.parse(text);
    } catch {
      throw new UsageError(`--args is not valid JSON: ${text}`, 'E-ARGS');
    }
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const obj = json as Record<string, unknown>;
    for (const k of Object.keys(obj)) if (!names.includes(k)) throw new UsageError(`--args names unknown parameter '${k}' (parameters: ${names.join(', ') || 'none'})`, 'E-ARGS');
    json = names.map((n) => {
      if (!(n in obj)) throw new UsageError(`--args is missing parameter '${n}'`, 'E-ARGS');
      return obj[n];
    });
  }
  return jsonToArgs(types, json);
}
