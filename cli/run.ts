// vm-py run: load (compile, or take from the IR cache) the manifest's contract and make one
// call against the local state. The target is --to, else the manifest's latest deployment
// (vm-py deploy), else, for a manifest never deployed, an address derived from its name with
// the manifest's code run in place (the quick loop: edit, run, no deploy step).
import { sha3_256 } from '@noble/hashes/sha3.js';
import { selectorHex } from '../compiler/selector.js';
import { encodeArgs } from '../core/abi/codec.js';
import { jsonToArgs, parseJsonExact } from '../node/abi/json.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { bytesToHex, hexToBytes } from '../core/hex.js';
import type { LoadedModule } from '../core/load.js';
import type { AbiFunction } from '../node/manifest.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { callEnv, parseBalances, parseResults, type CallEnvFlags } from './callenv.js';
import { EXIT_FAILED_CALL, EXIT_OK, UsageError } from './fail.js';
import { cacheDirFor, loadContract, type Contract } from './contract.js';
import { loadBytes } from '../core/load.js';
import { crossCheckAbi, signaturesFromModule } from '../node/manifest_check.js';
import type { LmdbStore } from '../host/store/lmdb_store.js';
import { isStoreDir, openCliStore, storeDeployments } from './store_state.js';
import { Overlay } from '../node/block/overlay.js';
import { MemoryState } from '../node/state.js';
import { loadProject, type Project } from './project.js';
import { CALLS, receiptHuman, receiptJson, receiptJsonText } from './render.js';
import { DEFAULT_STATE_PATH, deploymentsOf, loadState, saveState } from './statefile.js';
import { GasProfile, traceSession } from './trace.js';
import type { Json } from '../node/abi/json.js';
import { callTreeLines, nestedTracer } from './calltree.js';

export interface RunArgs extends CallEnvFlags {
  manifest: string;
  /** function name (with --args), or */
  call?: string;
  /** raw calldata hex: selector || args */
  calldata?: string;
  args?: string;
  state?: string;
  gasLimit: number;
  json: boolean;
  /** print every executed instruction with its source line, gas cost and gas left */
  trace?: boolean;
  /** run against the state and report, but write nothing back (`vm-py call`, `run --dry-run`) */
  dryRun?: boolean;
  /** print gas per source line and per function, highest first */
  gasProfile?: boolean;
  /** the deployed contract to call, 0x-hex; default: the manifest's latest deployment */
  to?: string;
}

const enc = new TextEncoder();

/** The contract's address in the local state: derived from its manifest name. */
export function cliContractAddress(name: string): Uint8Array {
  return sha3_256(enc.encode(`animica:vm:cli-contract|${name}`)).slice(0, DEFAULT_LIMITS.address_bytes);
}

export async function runCommand(a: RunArgs, out: (s: string | Iterable<string | Uint8Array>) => void): Promise<number> {
  if (!Number.isSafeInteger(a.gasLimit) || a.gasLimit <= 0) throw new UsageError(`--gas-limit must be a positive integer, got ${a.gasLimit}`);
  const statePath = a.state ?? DEFAULT_STATE_PATH;
  const project = loadProject(a.manifest);
  // compiled IR comes from the cache beside the state file when it can (cli/contract.ts)
  const compiled = await loadContract(project, cacheDirFor(statePath));
  // a directory is the node's LMDB store (vm-py node): the call runs on an overlay over it and
  // reaches the disk in one transaction, or not at all
  const store = isStoreDir(statePath) ? await openCliStore(statePath, false) : null;
  try {
    const state = store ? new Overlay(store) : loadState(statePath);
    const target = targetOf(a, project, compiled, state, store);
    const { mod, abi, paramNames } = target;
    const { fn, selector, calldata } = a.calldata !== undefined ? rawCall(a, mod) : namedCall(a, mod, project, abi, paramNames);
    const seeds = parseBalances(a.balance);
    const results = parseResults(a.result);
    const { tx, block } = callEnv(a, target.address, calldata);
    for (const [addr, amount] of seeds) state.setBalance(addr, amount);
    const profile = a.gasProfile ? new GasProfile() : undefined;
    const trace =
      a.trace || profile ? traceSession(mod, mod === compiled.mod ? project.source : undefined, out, { trace: a.trace, values: true, profile }) : undefined;
    const r: Receipt = executeCall({
      module: mod,
      calldata,
      gasLimit: a.gasLimit,
      tx,
      block,
      state,
      abi,
      results,
      tracer: trace?.tracer,
      tracerFor: a.trace ? nestedTracer(out) : undefined,
    });
    trace?.finish(r.status === 'OOG' ? 0 : a.gasLimit - r.gasUsed - r.refund);
    // Seeded balances are the user's edit of the state, kept even when the call fails (the
    // call's own effects are only in `state` on success).
    if (!a.dryRun && (r.status === 'SUCCESS' || seeds.length)) {
      if (store) store.applyOverlay(state as Overlay);
      else saveState(statePath, state as MemoryState);
    }
    const balances = Object.fromEntries(r.balanceWrites.map((w) => ['0x' + bytesToHex(w.address), w.balance.toString()]));
    const syscalls = r.syscalls.map((q) => ({
      kind: q.kind,
      taskId: '0x' + bytesToHex(q.taskId),
      inputHashes: q.inputHashes.map((h) => '0x' + bytesToHex(h)),
    }));
    if (a.json) {
      const extra = {
        function: fn,
        selector,
        calldata: '0x' + bytesToHex(calldata),
        ...(profile ? { gasProfile: { functions: profile.functions(), lines: profile.lines() } as unknown as Json } : {}),
        ...(a.dryRun ? { committed: false } : {}),
        ...(r.balanceWrites.length ? { balances } : {}),
        ...(syscalls.length ? { syscalls } : {}),
        ...(r.calls?.length ? { calls: CALLS } : {}),
      };
      out(receiptJsonText(r, receiptJson(r, extra)));
    } else {
      const lines = [receiptHuman(r, fn, new Map([[project.file, project.source]]))];
      if (r.calls?.length) lines.push('calls:', ...callTreeLines(r.calls));
      for (const [k, v] of Object.entries(balances)) lines.push(`balance ${k} = ${v}`);
      for (const q of syscalls) lines.push(`syscall ${q.kind} task ${q.taskId}`);
      if (a.dryRun && r.status === 'SUCCESS') lines.push('dry run: nothing written to the state');
      if (target.inPlace && mod.byName.has(CONSTRUCTOR))
        lines.push(
          `note: ${project.manifest.name} is not deployed in this state, so its constructor never ran; \`vm-py deploy -m ${a.manifest} --args '[...]'\` runs it, and later calls reach that deployment`,
        );
      if (profile) lines.push(profile.render(mod === compiled.mod ? project.source : undefined, r.gasUsed));
      out(lines.join('\n'));
    }
    return r.status === 'SUCCESS' ? EXIT_OK : EXIT_FAILED_CALL;
  } finally {
    await store?.close();
  }
}

/** `inPlace`: the manifest was never deployed here, its code runs at its name's address */
type Target = Pick<Contract, 'mod' | 'abi' | 'paramNames'> & { address: Uint8Array; inPlace?: boolean };

/**
 * What `run` calls: the code at --to (or at the manifest's latest deployment), read with the
 * manifest's ABI, which must describe it; a manifest never deployed runs its own code at its
 * name's address.
 */
function targetOf(a: RunArgs, project: Project, compiled: Contract, state: MemoryState | Overlay, store: LmdbStore | null): Target {
  let hex: string | undefined;
  if (a.to !== undefined) {
    const n = DEFAULT_LIMITS.address_bytes;
    if (!new RegExp(`^0x[0-9a-fA-F]{${2 * n}}$`).test(a.to))
      throw new UsageError(`--to must be a 0x-hex address of ${n} bytes, got ${JSON.stringify(a.to)}`, 'E-ARGS');
    hex = a.to.slice(2).toLowerCase();
  } else {
    const list = store ? storeDeployments(store, project.manifest.name) : deploymentsOf(state as MemoryState).byName.get(project.manifest.name);
    if (!list?.length) return { ...compiled, address: cliContractAddress(project.manifest.name), inPlace: true };
    hex = list[list.length - 1];
  }
  const address = hexToBytes(hex);
  const code = state.getCode(address);
  if (!code) throw new UsageError(`no contract is deployed at 0x${hex} in this state (deploy one with vm-py deploy)`, 'E-NO-CODE');
  const mod = loadBytes(code);
  if (bytesToHex(mod.codeHash) === bytesToHex(compiled.mod.codeHash)) return { ...compiled, address };
  // other code than the manifest's source compiles to: its manifest must still describe it
  const sigs = signaturesFromModule(mod);
  const abi = crossCheckAbi(project.manifest.abi, sigs, `code at 0x${hex}`);
  const paramNames = new Map<string, string[]>();
  for (const s of sigs) if (s.paramNames) paramNames.set(s.name, s.paramNames);
  return { mod, abi, paramNames, address };
}

type Call = { fn: string; selector: string; calldata: Uint8Array };

function namedCall(a: RunArgs, mod: LoadedModule, project: Project, abi: Map<string, AbiFunction>, names: Map<string, string[]>): Call {
  if (a.call === undefined) throw new UsageError('name the function with --call (or give raw --calldata)');
  const ex = mod.byName.get(a.call);
  if (!ex) {
    // the constructor is in the exports (deploy encodes its arguments) but is not callable
    const names = [...mod.byName.keys()]
      .filter((n) => n !== CONSTRUCTOR)
      .sort()
      .join(', ');
    throw new UsageError(`contract ${project.manifest.name} has no public function '${a.call}' (it has: ${names || 'none'})`, 'E-UNKNOWN-FUNCTION');
  }
  // the manifest's types: sized names (u64, bytes32, address) add their range/length checks
  const types = abi.get(a.call)?.inputs.map((p) => p.type) ?? ex.params;
  const args = parseArgs(a.args, types, names.get(a.call) ?? Array.from({ length: ex.params.length }, (_, i) => `arg${i}`));
  return { fn: a.call, selector: selectorHex(ex.selector), calldata: new Uint8Array([...ex.selector, ...encodeArgs(types, args)]) };
}

/** --calldata: run the bytes as given; the contract's decoder judges them (a bad payload is a failed call, exit 1). */
function rawCall(a: RunArgs, mod: LoadedModule): Call {
  if (a.call !== undefined || a.args !== undefined)
    throw new UsageError('--calldata carries the selector and arguments: do not combine it with --call or --args');
  const text = a.calldata!;
  if (!/^0x(?:[0-9a-fA-F]{2})*$/.test(text))
    throw new UsageError(`--calldata must be 0x-hex with an even number of digits, got ${text.length > 40 ? text.slice(0, 37) + '...' : text}`, 'E-ARGS');
  const calldata = hexToBytes(text);
  const selector = selectorHex(calldata.subarray(0, 8));
  const ex = calldata.length >= 8 ? mod.exports.get(selector) : undefined;
  return { fn: ex ? mod.funcs[ex.func].name : `0x${selector}`, selector, calldata };
}

/** --args: a JSON array (positional) or an object keyed by parameter name. */
function parseArgs(text: string | undefined, types: string[], names: string[]) {
  let json: unknown = [];
  if (text !== undefined) {
    try {
      json = parseJsonExact(text);
    } catch {
      throw new UsageError(`--args is not valid JSON: ${text}`, 'E-ARGS');
    }
  }
  if (json !== null && typeof json === 'object' && !Array.isArray(json)) {
    const obj = json as Record<string, unknown>;
    for (const k of Object.keys(obj))
      if (!names.includes(k)) throw new UsageError(`--args names unknown parameter '${k}' (parameters: ${names.join(', ') || 'none'})`, 'E-ARGS');
    json = names.map((n) => {
      if (!(n in obj)) throw new UsageError(`--args is missing parameter '${n}'`, 'E-ARGS');
      return obj[n];
    });
  }
  return jsonToArgs(types, json);
}
