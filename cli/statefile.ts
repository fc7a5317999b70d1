// The CLI's persistent local state: a JSON file (default .vm-py/state.json in the working
// directory) holding storage per contract address, balances, deployed code, and the CLI's
// own book-keeping of deployments: each sender's next nonce (addresses come from sender and
// nonce, as in the adapter) and each manifest name's deployed addresses, latest last (what
// `vm-py run` without --to calls). A file that does not parse or does not have this shape is
// refused, never overwritten.
import { existsSync } from 'node:fs';
import { MemoryState, type StateSnapshot } from '../node/state.js';
import { UsageError } from './fail.js';
import { readText, writeAtomic } from './files.js';

export const DEFAULT_STATE_PATH = '.vm-py/state.json';
const FORMAT = 'vm-py-state/1';

const HEX = /^[0-9a-f]*$/;

/** The CLI's deployment records beside a state. */
export interface Deployments {
  /** sender hex -> the nonce its next deploy uses */
  nonces: Map<string, bigint>;
  /** manifest name -> deployed addresses (hex), oldest first */
  byName: Map<string, string[]>;
}

const deploymentsOfState = new WeakMap<MemoryState, Deployments>();

/** The deployment records of a loaded (or new) state; changes are saved with it. */
export function deploymentsOf(state: MemoryState): Deployments {
  let d = deploymentsOfState.get(state);
  if (!d) deploymentsOfState.set(state, (d = { nonces: new Map(), byName: new Map() }));
  return d;
}

/** The file text each loaded state came from: saving the same text again is skipped (no write, no fsync). */
const loadedText = new WeakMap<MemoryState, string>();

export function loadState(path: string): MemoryState {
  if (!existsSync(path)) return new MemoryState();
  const text = readText(path, 'state file');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new UsageError(`state file ${path} is not valid JSON; refusing to use or overwrite it (move it away to start fresh)`, 'E-STATE');
  }
  const bad = (why: string) => new UsageError(`state file ${path} is malformed (${why}); refusing to use or overwrite it`, 'E-STATE');
  if (typeof raw !== 'object' || raw === null || (raw as { format?: unknown }).format !== FORMAT) throw bad(`expected "format": "${FORMAT}"`);
  const { storage, balances, code } = raw as Partial<StateSnapshot>;
  if (typeof storage !== 'object' || storage === null || typeof balances !== 'object' || balances === null) throw bad('missing storage or balances');
  for (const [a, slots] of Object.entries(storage)) {
    if (!HEX.test(a) || typeof slots !== 'object' || slots === null) throw bad(`bad address ${a}`);
    for (const [k, v] of Object.entries(slots)) {
      if (!HEX.test(k) || k.length % 2 || typeof v !== 'string' || !HEX.test(v) || v.length % 2) throw bad(`bad slot ${k}`);
    }
  }
  for (const [a, v] of Object.entries(balances)) {
    if (!HEX.test(a) || typeof v !== 'string' || !/^[0-9]+$/.test(v)) throw bad(`bad balance for ${a}`);
  }
  if (code !== undefined) {
    if (typeof code !== 'object' || code === null) throw bad('code must be an object');
    for (const [a, c] of Object.entries(code)) if (!HEX.test(a) || typeof c !== 'string' || !HEX.test(c) || c.length % 2) throw bad(`bad code for ${a}`);
  }
  const { nonces, deployments } = raw as { nonces?: unknown; deployments?: unknown };
  const d: Deployments = { nonces: new Map(), byName: new Map() };
  if (nonces !== undefined) {
    if (typeof nonces !== 'object' || nonces === null) throw bad('nonces must be an object');
    for (const [a, n] of Object.entries(nonces)) {
      if (!HEX.test(a) || typeof n !== 'string' || !/^[0-9]+$/.test(n)) throw bad(`bad nonce for ${a}`);
      d.nonces.set(a, BigInt(n));
    }
  }
  if (deployments !== undefined) {
    if (typeof deployments !== 'object' || deployments === null) throw bad('deployments must be an object');
    for (const [name, list] of Object.entries(deployments)) {
      if (!Array.isArray(list) || list.some((a) => typeof a !== 'string' || !HEX.test(a) || a.length === 0)) throw bad(`bad deployments of ${name}`);
      d.byName.set(name, list as string[]);
    }
  }
  const state = MemoryState.fromSnapshot({ storage, balances, code } as StateSnapshot);
  if (d.nonces.size || d.byName.size) deploymentsOfState.set(state, d);
  loadedText.set(state, text);
  return state;
}

export function saveState(path: string, state: MemoryState): void {
  const snap: Record<string, unknown> = { ...state.snapshot() };
  const d = deploymentsOfState.get(state);
  if (d && d.nonces.size) snap.nonces = Object.fromEntries([...d.nonces.keys()].sort().map((a) => [a, d.nonces.get(a)!.toString()]));
  if (d && d.byName.size) snap.deployments = Object.fromEntries([...d.byName.keys()].sort().map((n) => [n, d.byName.get(n)!]));
  const text = JSON.stringify({ format: FORMAT, ...snap }, null, 1) + '\n';
  if (loadedText.get(state) === text) return;
  writeAtomic(path, text);
}
