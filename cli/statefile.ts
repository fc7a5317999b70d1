// The CLI's persistent local state: a JSON file (default .vm-py/state.json in the working
// directory) holding storage per contract address and balances. A file that does not parse
// or does not have this shape is refused, never overwritten.
import { existsSync } from 'node:fs';
import { MemoryState, type StateSnapshot } from '../node/state.js';
import { UsageError } from './fail.js';
import { readText, writeAtomic } from './files.js';

export const DEFAULT_STATE_PATH = '.vm-py/state.json';
const FORMAT = 'vm-py-state/1';

const HEX = /^[0-9a-f]*$/;

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
  const state = MemoryState.fromSnapshot({ storage, balances, code } as StateSnapshot);
  loadedText.set(state, text);
  return state;
}

export function saveState(path: string, state: MemoryState): void {
  const snap = state.snapshot();
  const text = JSON.stringify({ format: FORMAT, ...snap }, null, 1) + '\n';
  if (loadedText.get(state) === text) return;
  writeAtomic(path, text);
}
