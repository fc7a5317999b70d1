// `vm-py test`: find test_*.py files, compile each with the `testing` host module, run every
// test_* function on a fresh chain (after `setup()` when the file has one), and report per
// test its outcome, gas and, on failure, the traceback through the test into the contract.
// A test with parameters is a property test: fast-check generates its arguments from their
// annotations and shrinks a failing case to a minimal one.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import fc from 'fast-check';
import { compileSource } from '../compiler/index.js';
import { encodeArgs } from '../core/abi/codec.js';
import { parseType, type AbiType } from '../core/abi/types.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { loadModule, type LoadedModule } from '../core/load.js';
import { normBig, PyTuple, type Value } from '../core/values.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { DiagnosticsError, VmPyError } from '../spec/errors.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { account, Chain, framesOf, type CallResult, type Frame } from './chain.js';
import { TESTING_HOST, testingHost, type Session } from './host.js';
import { show } from './repr.js';

export interface TestOptions {
  /** generated cases per property test (default 100) */
  fuzzRuns?: number;
  /** fast-check seed (default 0: runs are reproducible) */
  seed?: number;
  /** run only tests whose name contains this */
  match?: string;
  /** gas limit of one test function, its contract calls included (default 10^11) */
  gasLimit?: number;
  /** gas limit of each contract call and deploy (default 10^7) */
  callGasLimit?: number;
}

export interface TestResult {
  name: string;
  status: 'pass' | 'fail';
  /** gas of the test (its contract calls included); for a property test, the median over its runs */
  gas: number;
  /** property tests: runs made, and mean gas */
  runs?: number;
  meanGas?: number;
  /** property tests: the minimal failing arguments, as Python would show them */
  counterexample?: string[];
  shrinks?: number;
  /** failure: what went wrong, and where (through the test into the contract) */
  message?: string;
  traceback?: Frame[];
}

export interface FileResult {
  file: string;
  tests: TestResult[];
  /** the file did not compile (diagnostics, rendered by the caller) */
  error?: VmPyError;
  /** every contract call and deploy the file's tests made (for --gas-report) */
  calls: CallResult[];
}

/** The test program's own address (its storage carries state from setup() to the test). */
export const TEST_ADDRESS = account('vm-py:test-contract');

/** test_*.py files under the given paths (files are taken as given), sorted. */
export function discover(paths: readonly string[]): string[] {
  const out = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const p = join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (/^test_.*\.py$/.test(name)) out.add(p);
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new VmPyError('E-USAGE', `no such file or directory: ${p}`);
    }
    if (st.isDirectory()) walk(p);
    else out.add(p);
  }
  return [...out].sort();
}

export function runTestFile(path: string, opts: TestOptions = {}): FileResult {
  const file = displayPath(path);
  const calls: CallResult[] = [];
  let source: string;
  try {
    source = readFileSync(path, 'utf8');
  } catch (e) {
    return { file, tests: [], calls, error: new VmPyError('E-USAGE', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code}`) };
  }
  let module: LoadedModule;
  let order: string[];
  try {
    const compiled = compileSource(source, { file, host: TESTING_HOST });
    module = loadModule(compiled.module, DEFAULT_LIMITS, TESTING_HOST);
    order = compiled.checked.mod.funcs.map((f) => f.name);
  } catch (e) {
    if (e instanceof VmPyError) return { file, tests: [], calls, error: e };
    throw e;
  }
  const tests = order.filter((n) => n.startsWith('test_') && module.byName.has(n) && (!opts.match || n.includes(opts.match)));
  const ctx: FileCtx = { module, source, file, baseDir: dirname(resolve(path)), opts, calls };
  return { file, tests: tests.map((t) => runTest(ctx, t)), calls };
}

interface FileCtx {
  module: LoadedModule;
  source: string;
  file: string;
  baseDir: string;
  opts: TestOptions;
  calls: CallResult[];
}

interface Outcome {
  ok: boolean;
  gas: number;
  message?: string;
  traceback?: Frame[];
}

function runTest(ctx: FileCtx, name: string): TestResult {
  const ex = ctx.module.byName.get(name)!;
  if (ex.params.length === 0) {
    const o = runOnce(ctx, name, []);
    return { name, status: o.ok ? 'pass' : 'fail', gas: o.gas, ...(o.ok ? {} : { message: o.message, traceback: o.traceback }) };
  }
  // a property test: generated arguments, shrunk to a minimal failing case
  const gases: number[] = [];
  let arbs: fc.Arbitrary<Value>[];
  try {
    arbs = ex.params.map((t) => arbitrary(parseType(t)));
  } catch (e) {
    return { name, status: 'fail', gas: 0, message: `cannot generate arguments: ${(e as Error).message}` };
  }
  const runs = ctx.opts.fuzzRuns ?? 100;
  let shrinking = false;
  const details = fc.check(
    fc.property(fc.tuple(...arbs), (args: Value[]) => {
      // the generated runs count in the gas report and the gas stats; shrinking's do not
      const o = runOnce(ctx, name, args, !shrinking);
      if (!shrinking) gases.push(o.gas);
      if (!o.ok) shrinking = true;
      return o.ok;
    }),
    { numRuns: runs, seed: ctx.opts.seed ?? 0 },
  );
  const sorted = [...gases].sort((a, b) => a - b);
  const median = sorted.length ? sorted[(sorted.length - 1) >> 1] : 0;
  const mean = gases.length ? Math.round(gases.reduce((a, b) => a + b, 0) / gases.length) : 0;
  if (!details.failed) return { name, status: 'pass', gas: median, runs: details.numRuns, meanGas: mean };
  if (!details.counterexample)
    return { name, status: 'fail', gas: median, runs: details.numRuns, message: `property failed: ${String(details.errorInstance ?? 'error')}` };
  const args = details.counterexample[0] as Value[];
  // run the minimal case once more for its message and traceback
  const o = runOnce(ctx, name, args, false);
  return {
    name,
    status: 'fail',
    gas: o.gas,
    runs: details.numRuns,
    meanGas: mean,
    counterexample: args.map((v) => show(v)),
    shrinks: details.numShrinks,
    message: o.message ?? 'property failed',
    traceback: o.traceback,
  };
}

function runOnce(ctx: FileCtx, name: string, args: Value[], record = true): Outcome {
  const chain = new Chain({ gasLimit: ctx.opts.callGasLimit });
  chain.sources.set(ctx.file, ctx.source);
  const session: Session = { chain, baseDir: ctx.baseDir, failedCall: null };
  const host = testingHost(session);
  const finish = (o: Outcome) => {
    if (record) ctx.calls.push(...chain.history);
    return o;
  };
  if (ctx.module.byName.has('setup')) {
    const r = exec(ctx, chain, host, 'setup', []);
    if (r.status !== 'SUCCESS') return finish({ ok: false, gas: r.gasUsed, ...failure(ctx, chain, session, r, 'setup() failed: ') });
  }
  let r: Receipt;
  try {
    r = exec(ctx, chain, host, name, args);
  } catch (e) {
    // arguments the ABI cannot carry (none are generated), or a VM bug: a failed test, not a crash
    if (!(e instanceof VmPyError)) throw e;
    return finish({ ok: false, gas: 0, message: e.message });
  }
  if (r.status === 'SUCCESS') return finish({ ok: true, gas: r.gasUsed });
  return finish({ ok: false, gas: r.gasUsed, ...failure(ctx, chain, session, r, '') });
}

function exec(ctx: FileCtx, chain: Chain, host: ReturnType<typeof testingHost>, fn: string, args: Value[]): Receipt {
  const ex = ctx.module.byName.get(fn)!;
  const enc = encodeArgs(ex.params, args);
  const calldata = new Uint8Array(ex.selector.length + enc.length);
  calldata.set(ex.selector);
  calldata.set(enc, ex.selector.length);
  return executeCall({
    module: ctx.module,
    calldata,
    gasLimit: ctx.opts.gasLimit ?? 100_000_000_000,
    tx: { ...defaultTx(), sender: chain.sender, to: TEST_ADDRESS },
    block: { ...defaultBlock(), height: chain.height, timestamp: chain.timestamp },
    state: chain.state,
    host,
  });
}

/** The message and the whole traceback: the test's frames, then the failed contract call's. */
function failure(ctx: FileCtx, chain: Chain, s: Session, r: Receipt, prefix: string): { message: string; traceback: Frame[] } {
  const own = framesOf(r.error, chain.sources);
  const inner = s.failedCall?.traceback ?? [];
  let message: string;
  if (r.status === 'REVERT') {
    // `assert x, msg` in a test is a revert with msg (or b"assert")
    const reason = r.revertReason ? new TextDecoder().decode(r.revertReason) : '';
    message = reason === 'assert' || reason === '' ? 'AssertionError' : `AssertionError: ${reason}`;
  } else if (r.status === 'OOG') message = `out of gas (the test's gas limit is ${ctx.opts.gasLimit ?? 100_000_000_000})`;
  else message = r.error?.message ?? 'error';
  return { message: prefix + message, traceback: [...own, ...inner] };
}

/** fast-check values for an ABI type; ints shrink toward 0, containers toward empty. */
export function arbitrary(t: AbiType, addressBytes: number = DEFAULT_LIMITS.address_bytes): fc.Arbitrary<Value> {
  switch (t.kind) {
    case 'int':
      if (t.min !== undefined && t.max !== undefined) return fc.bigInt(t.min, t.max).map(normBig);
      // small values most of the time, any 256-bit value some of the time
      return fc.oneof({ arbitrary: fc.bigInt(-1000n, 1000n), weight: 3 }, { arbitrary: fc.bigInt(-(1n << 255n), (1n << 255n) - 1n), weight: 1 }).map(normBig);
    case 'bool':
      return fc.boolean();
    case 'bytes':
      return t.size !== undefined ? fc.uint8Array({ minLength: t.size, maxLength: t.size }) : fc.uint8Array({ maxLength: 64 });
    case 'str':
      return fc.string({ maxLength: 32 });
    case 'address':
      return fc.uint8Array({ minLength: addressBytes, maxLength: addressBytes });
    case 'list':
      return fc.array(arbitrary(t.item, addressBytes), { maxLength: 8 });
    case 'tuple':
      return fc.tuple(...t.items.map((x) => arbitrary(x, addressBytes))).map((items) => new PyTuple(items));
  }
}

/** Per contract and function: gas of every call the tests made (forge's --gas-report). */
export interface GasRow {
  contract: string;
  fn: string;
  calls: number;
  min: number;
  mean: number;
  median: number;
  max: number;
}

export function gasReport(calls: readonly CallResult[]): GasRow[] {
  const by = new Map<string, { contract: string; fn: string; gas: number[] }>();
  for (const c of calls) {
    const k = `${c.contract}\0${c.fn}`;
    let e = by.get(k);
    if (!e) by.set(k, (e = { contract: c.contract, fn: c.fn === '__init__' ? '(deploy)' : c.fn, gas: [] }));
    e.gas.push(c.gasUsed);
  }
  const rows: GasRow[] = [];
  for (const e of by.values()) {
    const g = [...e.gas].sort((a, b) => a - b);
    const n = g.length;
    const median = n % 2 ? g[(n - 1) / 2] : Math.round((g[n / 2 - 1] + g[n / 2]) / 2);
    rows.push({ contract: e.contract, fn: e.fn, calls: n, min: g[0], mean: Math.round(g.reduce((a, b) => a + b, 0) / n), median, max: g[n - 1] });
  }
  return rows.sort((a, b) => (a.contract === b.contract ? (a.fn < b.fn ? -1 : a.fn > b.fn ? 1 : 0) : a.contract < b.contract ? -1 : 1));
}

export function isDiagnostics(e: unknown): e is DiagnosticsError {
  return e instanceof DiagnosticsError;
}

function displayPath(p: string): string {
  const abs = resolve(p);
  const cwd = process.cwd();
  return abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
}
