// vm-py deploy: compile the manifest's contract, store it at contractAddress(sender, nonce)
// and run its constructor with --args, as the adapter's deploy does (spec/CONSTRUCTORS.md).
// The state file records the sender's next nonce and the manifest's deployments, so any
// number of instances of one code live side by side and `vm-py run` finds the latest.
// A failed constructor writes nothing (not even the nonce): the same command can be retried.
// With --state <dir> (the node's LMDB store, cli/store_state.ts) the nonce is the sender's
// account nonce in the store, and the deployment is recorded in the store.
import { encodeModule } from '../compiler/codec.js';
import { writeUvarint } from '../compiler/uvarint.js';
import { contractAddress, deploy, type AdapterReceipt } from '../node/adapter.js';
import { Overlay } from '../node/block/overlay.js';
import type { MemoryState } from '../node/state.js';
import { parseJsonExact, valueToJson } from '../node/abi/json.js';
import { bytesToHex } from '../core/hex.js';
import { AbiError } from '../spec/errors.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { callEnv, parseBalances, type CallEnvFlags } from './callenv.js';
import { cacheDirFor, loadContract } from './contract.js';
import { EXIT_FAILED_CALL, EXIT_OK, UsageError } from './fail.js';
import { loadProject } from './project.js';
import { CALLS, receiptHuman, receiptJson, receiptJsonText } from './render.js';
import { callTreeLines } from './calltree.js';
import { DEFAULT_STATE_PATH, deploymentsOf, loadState, saveState } from './statefile.js';
import { deploymentRecord, isStoreDir, openCliStore } from './store_state.js';

export interface DeployArgs extends CallEnvFlags {
  manifest: string;
  args?: string;
  state?: string;
  gasLimit: number;
  json: boolean;
  nonce?: string;
}

export async function deployCommand(a: DeployArgs, out: (s: string | Iterable<string | Uint8Array>) => void): Promise<number> {
  if (!Number.isSafeInteger(a.gasLimit) || a.gasLimit <= 0) throw new UsageError(`--gas-limit must be a positive integer, got ${a.gasLimit}`);
  if (a.nonce !== undefined && !/^[0-9]+$/.test(String(a.nonce)))
    throw new UsageError(`--nonce must be a non-negative decimal integer, got ${JSON.stringify(a.nonce)}`, 'E-ARGS');
  const statePath = a.state ?? DEFAULT_STATE_PATH;
  const project = loadProject(a.manifest);
  const { mod } = await loadContract(project, cacheDirFor(statePath));
  const code = encodeModule(mod.ir);
  let args: unknown = [];
  if (a.args !== undefined) {
    try {
      args = parseJsonExact(a.args);
    } catch {
      throw new UsageError(`--args is not valid JSON: ${a.args}`, 'E-ARGS');
    }
    if (args === null || typeof args !== 'object') throw new UsageError('--args must be a JSON array (or an object by parameter name)', 'E-ARGS');
  }
  // a directory is the node's LMDB store: the deploy runs on an overlay above it and reaches
  // the disk (with the sender's next nonce and the deployment record) in one transaction
  const store = isStoreDir(statePath) ? await openCliStore(statePath, true) : null;
  try {
    const state = store ? new Overlay(store) : loadState(statePath);
    const seeds = parseBalances(a.balance);
    for (const [addr, amount] of seeds) state.setBalance(addr, amount);
    const book = store ? null : deploymentsOf(state as MemoryState);
    // the tx hash (and with it random.bytes in a constructor) differs per nonce
    const probe = callEnv(a, new Uint8Array(DEFAULT_LIMITS.address_bytes), new Uint8Array(0));
    const senderHex = bytesToHex(probe.tx.sender);
    // a store keeps real account nonces; a state file, the CLI's own record of them
    const known = book ? (book.nonces.get(senderHex) ?? 0n) : state.getNonce(probe.tx.sender);
    const nonce = a.nonce !== undefined ? BigInt(a.nonce) : known;
    const n: number[] = [];
    writeUvarint(n, nonce);
    const address = contractAddress(probe.tx.sender, nonce);
    const { tx, block } = callEnv(a, address, new Uint8Array([...n, ...mod.codeHash]));
    let r;
    try {
      r = deploy({ contract: { code }, args: args as unknown[], gasLimit: a.gasLimit, tx: { ...tx, nonce }, block, state });
    } catch (e) {
      if (e instanceof AbiError) throw new UsageError(`--args: ${e.message}`, 'E-ARGS');
      throw e;
    }
    const ok = r.status === 'SUCCESS';
    const hex = bytesToHex(address);
    if (ok && book) {
      book.nonces.set(senderHex, nonce + 1n > known ? nonce + 1n : known);
      book.byName.set(project.manifest.name, [...(book.byName.get(project.manifest.name) ?? []), hex]);
    }
    if (ok && store && nonce + 1n > known) state.setNonce(probe.tx.sender, nonce + 1n);
    // seeded balances are the user's edit of the state, kept even when the deploy fails
    if (ok || seeds.length) {
      if (store) store.applyOverlay(state as Overlay, ok ? deploymentRecord(store, project.manifest.name, hex) : {});
      else saveState(statePath, state as MemoryState);
    }
    return report(a, out, r, ok, address, nonce, project.manifest.name);
  } finally {
    await store?.close();
  }
}

function report(
  a: DeployArgs,
  out: (s: string | Iterable<string | Uint8Array>) => void,
  r: AdapterReceipt,
  ok: boolean,
  address: Uint8Array,
  nonce: bigint,
  name: string,
): number {
  if (a.json) {
    const j = receiptJson(
      r,
      ok ? { address: '0x' + bytesToHex(address), codeHash: '0x' + bytesToHex(r.created!.codeHash), nonce: nonce.toString() } : { nonce: nonce.toString() },
    );
    if (ok) j.return = valueToJson(r.returnValue!);
    if (r.calls?.length) j.calls = CALLS;
    out(receiptJsonText(r, j));
  } else if (ok) {
    const lines = [`deployed ${name} at 0x${bytesToHex(address)}`, `gas used: ${r.gasUsed}`];
    for (const line of receiptHuman(r, '__init__').split('\n')) if (line.startsWith('event ')) lines.push(line);
    if (r.calls?.length) lines.push('calls:', ...callTreeLines(r.calls));
    out(lines.join('\n'));
  } else out([receiptHuman(r, `deploy ${name}: __init__`), ...(r.calls?.length ? ['calls:', ...callTreeLines(r.calls)] : [])].join('\n'));
  return ok ? EXIT_OK : EXIT_FAILED_CALL;
}
