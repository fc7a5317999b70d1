// Differential testing against CPython: canonical JSON renderings of values on both sides,
// the oracle process (one python3 per batch of files), and a direct vm-py runner that calls
// a compiled function by name with plain values (no ABI in between, so any value type can
// go in and come out).
import { spawnSync } from 'node:child_process';
import { compileSource } from '../../compiler/index.js';
import { OutOfGas, Revert, VmError } from '../../spec/errors.js';
import { DEFAULT_LIMITS } from '../../spec/table.js';
import { STD_IMPLS } from '../../stdlib/index.js';
import type { Host } from '../../core/host.js';
import { run } from '../../core/interpreter.js';
import { loadModule, type LoadedModule } from '../../core/load.js';
import { Machine } from '../../core/machine.js';
import { normBig, PyDict, PyDictView, PyTuple, typeName, type Value } from '../../core/values.js';
import { viewItems } from '../../core/dict_view.js';

export type Canon =
  | null
  | { b: boolean }
  | { i: string }
  | { y: string }
  | { s: string }
  | { l: Canon[] }
  | { t: Canon[] }
  | { d: [Canon, Canon][] }
  | { v: [string, Canon[]] };

export interface OracleCase {
  file: string;
  fn: string;
  case: number;
  line: number;
  args: Canon[];
  ok?: Canon;
  raise?: string;
}

export const ORACLE = 'tests/diff/oracle.py';

/** Run the oracle script over files (or a generated source on stdin via a temp file). */
export function runOracle(files: string[], script = ORACLE): OracleCase[] {
  const r = spawnSync('python3', [script, ...files], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`python3 failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as OracleCase);
}

export function fromCanon(c: Canon): Value {
  if (c === null) return null;
  if ('b' in c) return c.b;
  if ('i' in c) return normBig(BigInt(c.i));
  if ('y' in c) return Uint8Array.from(Buffer.from(c.y, 'hex'));
  if ('s' in c) return c.s;
  if ('l' in c) return c.l.map(fromCanon);
  if ('t' in c) return new PyTuple(c.t.map(fromCanon));
  if ('v' in c) throw new Error('a dict view is never an argument');
  const d = new PyDict();
  for (const [k, v] of c.d) d.set(fromCanon(k), fromCanon(v));
  return d;
}

export function toCanon(v: Value): Canon {
  if (v === null) return null;
  if (typeof v === 'boolean') return { b: v };
  if (typeof v === 'number' || typeof v === 'bigint') return { i: v.toString() };
  if (typeof v === 'string') return { s: v };
  if (v instanceof Uint8Array) return { y: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return { l: v.map(toCanon) };
  if (v instanceof PyTuple) return { t: v.items.map(toCanon) };
  if (v instanceof PyDictView) return { v: [typeName(v), viewItems(v).map(toCanon)] };
  return { d: Array.from(v.map.values(), ([k, x]) => [toCanon(k), toCanon(x)] as [Canon, Canon]) };
}

export interface VmOutcome {
  ok?: Canon;
  raise?: string;
  message?: string;
  gasUsed: number;
}

export function compileForDiff(source: string, file: string): LoadedModule {
  // generated batches are bigger than one contract may be; the caps under test are the runtime ones
  const limits = { ...DEFAULT_LIMITS, max_source_bytes: 1 << 24, max_code_bytes: 1 << 24 };
  return loadModule(compileSource(source, { file, limits }).module, limits);
}

/** Call function `fn` of a loaded module directly; every failure becomes a kind. */
export function callVm(mod: LoadedModule, fn: string, args: Value[], gasLimit = 50_000_000): VmOutcome {
  const fi = mod.funcs.findIndex((f) => f.name === fn);
  if (fi < 0) throw new Error(`no function ${fn}`);
  const m = new Machine(mod, DEFAULT_LIMITS, gasLimit, STD_IMPLS, {} as Host);
  try {
    const r = run(m, fi, args);
    return { ok: toCanon(r), gasUsed: gasLimit - m.gas };
  } catch (e) {
    const gasUsed = gasLimit - m.gas;
    if (e instanceof Revert) return { raise: 'AssertionError', message: e.message, gasUsed };
    if (e instanceof VmError) return { raise: e.kind, message: e.message, gasUsed };
    if (e instanceof OutOfGas) return { raise: 'OutOfGas', message: e.message, gasUsed };
    throw e;
  }
}

/** Exception kinds that are the same failure under another name (subclass in CPython). */
const SAME_KIND: Record<string, string> = {
  UnicodeDecodeError: 'ValueError',
  UnicodeEncodeError: 'ValueError',
};
export function sameKind(py: string, vm: string): boolean {
  return py === vm || SAME_KIND[vm] === py || SAME_KIND[py] === vm;
}

/** The oracle verdict shared by the suite and the fuzzer: a message when vm-py disagrees with CPython. */
export function disagreement(where: string, c: OracleCase, got: VmOutcome): string | undefined {
  if (c.raise === 'float') return got.raise === undefined ? `${where}: CPython made a float, vm-py returned ${JSON.stringify(got.ok)}` : undefined;
  if (c.raise !== undefined) {
    if (got.raise === undefined) return `${where}: CPython raised ${c.raise}, vm-py returned ${JSON.stringify(got.ok)}`;
    return sameKind(c.raise, got.raise) ? undefined : `${where}: CPython raised ${c.raise}, vm-py ${got.raise} (${got.message})`;
  }
  if (got.raise !== undefined) return `${where}: vm-py raised ${got.raise} (${got.message}), CPython returned ${JSON.stringify(c.ok)}`;
  return JSON.stringify(got.ok) !== JSON.stringify(c.ok) ? `${where}: vm-py ${JSON.stringify(got.ok)} != CPython ${JSON.stringify(c.ok)}` : undefined;
}
