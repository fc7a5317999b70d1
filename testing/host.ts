// The `testing` module of Python test files (`from stdlib import testing`): host functions
// over a Chain (testing/chain.ts). It exists only for programs compiled with TESTING_HOST
// (spec/host_std.ts): contracts cannot import it. Calls made through it are charged to the
// test at the gas they used, so a test's gas includes its contracts' gas (as in forge).
import { resolve } from 'node:path';
import { STD_ARITY } from '../core/interpreter.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { PyDict, PyTuple, typeName, type Value } from '../core/values.js';
import { testEq } from './py_eq.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { DiagnosticsError, VmPyError, VmError } from '../spec/errors.js';
import { HOST_STD_BASE, hostStdlib, type HostStdlib } from '../spec/host_std.js';
import { MEASURES, type Prices, type StdInfo, type StdParam } from '../spec/table.js';
import { STD_IMPLS } from '../stdlib/index.js';
import { bytesOrStr, needBytes, needInt } from '../stdlib/args.js';
import { show } from './repr.js';
import { Chain, describeFailure, errorMismatch, eventMismatch, revertMismatch, TestFailure, toJsonish, type CallOptions, type CallResult } from './chain.js';

/** What a failing test reports beyond its own traceback: the contract call that failed. */
export interface Session {
  chain: Chain;
  /** test files' directory: deploy paths are relative to it */
  baseDir: string;
  /** the failed contract call behind the last testing error, if any */
  failedCall: CallResult | null;
}

type Impl = (s: Session, m: Machine, a: Value[], b: number) => Value;

const req = (name: string): StdParam => ({ name, required: true, default: null, kwOnly: false });
const opt = (name: string, d: StdParam['default'] = null): StdParam => ({ name, required: false, default: d, kwOnly: false });
const CALL_PARAMS = [req('to'), req('fn'), opt('args'), opt('sender'), opt('value', 0)];

const DEFS: [string, StdParam[], Impl][] = [
  ['deploy', [req('path'), opt('args'), opt('sender'), opt('value', 0)], deployImpl],
  ['call', [...CALL_PARAMS, opt('gas', 0)], callImpl],
  ['expect_revert', [...CALL_PARAMS.slice(0, 3), opt('reason'), ...CALL_PARAMS.slice(3)], expectRevertImpl],
  ['expect_error', [...CALL_PARAMS.slice(0, 3), opt('kind', 'ERROR'), ...CALL_PARAMS.slice(3)], expectErrorImpl],
  ['expect_event', [req('name'), opt('fields')], expectEventImpl],
  ['events', [], (s) => (s.chain.last?.events ?? []).map((e) => new PyTuple([e.name, dictOf(e.fields)]))],
  ['account', [req('label')], (s, _m, a, b) => s.chain.account(text('account', 'label', a[b]))],
  ['sender', [], (s) => s.chain.sender],
  ['set_sender', [req('addr')], (s, _m, a, b) => (s.chain.setSender(addr('set_sender', a[b])), null)],
  ['set_height', [req('height')], (s, _m, a, b) => (s.chain.setHeight(nonNegative('set_height', 'height', a[b])), null)],
  ['set_timestamp', [req('timestamp')], (s, _m, a, b) => (s.chain.setTimestamp(nonNegative('set_timestamp', 'timestamp', a[b])), null)],
  [
    'set_balance',
    [req('addr'), req('amount')],
    (s, _m, a, b) => (s.chain.setBalance(addr('set_balance', a[b]), nonNegative('set_balance', 'amount', a[b + 1])), null),
  ],
  ['balance', [req('addr')], (s, _m, a, b) => norm(s.chain.balance(addr('balance', a[b])))],
  ['snapshot', [], (s) => s.chain.snapshot()],
  ['revert_to', [req('snapshot')], (s, _m, a, b) => (s.chain.revert(Number(nonNegative('revert_to', 'snapshot', a[b]))), null)],
  ['storage', [req('addr'), req('key')], (s, _m, a, b) => s.chain.storage(addr('storage', a[b]), bytesOrStr('testing.storage', 'key', a[b + 1]))],
  ['last_gas', [], (s) => s.chain.lastGas],
  ['assert_eq', [req('actual'), req('expected'), opt('msg', '')], assertEqImpl],
  // appended: a host function's id is its place in this list
  ['expect_deploy_revert', [req('path'), opt('args'), opt('reason'), opt('sender'), opt('value', 0)], expectDeployRevertImpl],
];

/** The host module's table entries (ids from HOST_STD_BASE; no gas of their own). */
export const TESTING_ENTRIES: readonly StdInfo[] = DEFS.map(([fn, params], i) => ({
  name: `testing.${fn}`,
  id: HOST_STD_BASE + i,
  params,
  base: 0,
  dynamic: Object.fromEntries(MEASURES.map((k) => [k, 0])) as Prices,
  measures: [],
  aliases: [],
}));

export const TESTING_HOST: HostStdlib = hostStdlib(TESTING_ENTRIES);

/** Implementations and arities for executeCall's `host`, bound to one session. */
export function testingHost(s: Session): { std: (StdImpl | undefined)[]; arity: Int32Array } {
  const std: (StdImpl | undefined)[] = [...STD_IMPLS];
  const arity = STD_ARITY.slice();
  DEFS.forEach(([, params, impl], i) => {
    const id = HOST_STD_BASE + i;
    arity[id] = params.length;
    std[id] = (m, a, b) => {
      try {
        return impl(s, m, a, b);
      } catch (e) {
        // the chain's own errors (a bad address, no such function) are the test's TypeErrors
        if (e instanceof DiagnosticsError)
          throw new VmError(
            'ImportError',
            `testing.${DEFS[i][0]}(): the contract does not compile:\n${e.diagnostics.map((d) => '  ' + d.oneLine()).join('\n')}`,
          );
        if (e instanceof VmPyError && !(e instanceof VmError)) throw new VmError('TypeError', `testing.${DEFS[i][0]}(): ${e.message}`);
        throw e;
      }
    };
  });
  return { std, arity };
}

// ------------------------------------------------------------ implementations

function deployImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  const path = text('deploy', 'path', a[b]);
  const args = list('deploy', a[b + 1]);
  const opts = callOpts('deploy', a[b + 2], a[b + 3]);
  try {
    return s.chain.deploy(resolve(s.baseDir, path), args.map(toJsonish), opts).address;
  } catch (e) {
    if (s.chain.last && s.chain.last.fn === '__init__' && s.chain.last.status !== 'SUCCESS')
      return failCall(s, m, `deploy of ${path} ${describeFailure(s.chain.last)}`);
    throw e;
  } finally {
    charge(s, m);
  }
}

function expectDeployRevertImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  const path = text('expect_deploy_revert', 'path', a[b]);
  const args = list('expect_deploy_revert', a[b + 1]);
  const reasonV = a[b + 2];
  const reason = reasonV === null || typeof reasonV === 'string' ? (reasonV ?? undefined) : bytesOrStr('testing.expect_deploy_revert', 'reason', reasonV);
  const opts = callOpts('expect_deploy_revert', a[b + 3], a[b + 4]);
  try {
    s.chain.deploy(resolve(s.baseDir, path), args.map(toJsonish), opts);
  } catch (e) {
    // a constructor that failed; anything else (a source that does not compile) is not that
    if (!(e instanceof TestFailure) || s.chain.last?.fn !== CONSTRUCTOR) throw e;
  } finally {
    charge(s, m);
  }
  const r = s.chain.last!;
  const problem = revertMismatch(r, reason);
  if (problem) return failCall(s, m, problem, r.status === 'SUCCESS' ? undefined : r);
  return null;
}

function invoke(s: Session, m: Machine, name: string, a: Value[], b: number, extra: 0 | 1): CallResult {
  const to = addr(name, a[b]);
  const fn = text(name, 'fn', a[b + 1]);
  const args = list(name, a[b + 2]);
  const opts = callOpts(name, a[b + 3 + extra], a[b + 4 + extra]);
  const r = s.chain.tryCallValues(to, fn, args, opts);
  charge(s, m);
  return r;
}

function callImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  const gas = needInt('testing.call', 'gas', a[b + 5]);
  const r = gas ? withGas(s, Number(gas), () => invoke(s, m, 'call', a, b, 0)) : invoke(s, m, 'call', a, b, 0);
  if (r.status !== 'SUCCESS') return failCall(s, m, `${r.contract}.${r.fn}() ${describeFailure(r)}`, r);
  return r.returnValue === undefined ? null : r.returnValue;
}

function expectRevertImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  const reasonV = a[b + 3];
  const reason = reasonV === null || typeof reasonV === 'string' ? (reasonV ?? undefined) : bytesOrStr('testing.expect_revert', 'reason', reasonV);
  const r = invoke(s, m, 'expect_revert', a, b, 1);
  const problem = revertMismatch(r, reason);
  if (problem) return failCall(s, m, problem, r.status === 'SUCCESS' ? undefined : r);
  return null;
}

function expectErrorImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  const kind = text('expect_error', 'kind', a[b + 3]);
  const r = invoke(s, m, 'expect_error', a, b, 1);
  const problem = errorMismatch(r, kind);
  if (problem) return failCall(s, m, problem, r.status === 'SUCCESS' ? undefined : r);
  return null;
}

function expectEventImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  const name = text('expect_event', 'name', a[b]);
  const f = a[b + 1];
  if (f !== null && !(f instanceof PyDict)) throw new VmError('TypeError', `testing.expect_event() argument 'fields' must be dict or None, not ${typeName(f)}`);
  const fields: Record<string, Value> | undefined = f === null ? undefined : {};
  if (f instanceof PyDict)
    for (const [k, v] of f.map.values()) fields![typeof k === 'string' ? k : k instanceof Uint8Array ? new TextDecoder().decode(k) : String(k)] = v;
  const e = eventMismatch(s.chain.last, name, fields, (v, want) => testEq(v, want));
  if (typeof e === 'string') return failCall(s, m, e);
  return dictOf(e.fields);
}

function assertEqImpl(s: Session, m: Machine, a: Value[], b: number): Value {
  if (testEq(a[b], a[b + 1])) return null;
  const msg = a[b + 2];
  const why = `${show(a[b])} != ${show(a[b + 1])}`;
  return failCall(s, m, typeof msg === 'string' && msg ? `${msg}: ${why}` : why);
}

/** A testing failure: the test stops here with an AssertionError (and the failed call, if any). */
function failCall(s: Session, _m: Machine, message: string, r?: CallResult): never {
  s.failedCall = r ?? null;
  throw new VmError('AssertionError', message);
}

// ------------------------------------------------------------ helpers

function charge(s: Session, m: Machine): void {
  const last = s.chain.last;
  if (last && !charged.has(last)) {
    charged.add(last);
    m.charge(last.gasUsed);
  }
}
const charged = new WeakSet<CallResult>();

function withGas<T>(s: Session, gas: number, f: () => T): T {
  const before = s.chain.gasLimit;
  s.chain.gasLimit = gas;
  try {
    return f();
  } finally {
    s.chain.gasLimit = before;
  }
}

function callOpts(fn: string, sender: Value, value: Value): CallOptions {
  return { ...(sender === null ? {} : { sender: addr(fn, sender) }), value: BigInt(nonNegative(fn, 'value', value)) };
}

function addr(fn: string, v: Value): Uint8Array {
  return needBytes(`testing.${fn}`, 'address', v);
}

function text(fn: string, param: string, v: Value): string {
  if (typeof v === 'string') return v;
  throw new VmError('TypeError', `testing.${fn}() argument '${param}' must be str, not ${typeName(v)}`);
}

function list(fn: string, v: Value): Value[] {
  if (v === null) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  throw new VmError('TypeError', `testing.${fn}() argument 'args' must be a list or tuple, not ${typeName(v)}`);
}

function nonNegative(fn: string, param: string, v: Value): bigint {
  const n = BigInt(needInt(`testing.${fn}`, param, v));
  if (n < 0n) throw new VmError('ValueError', `testing.${fn}() argument '${param}' must be >= 0, got ${n}`);
  return n;
}

function norm(x: bigint): Value {
  return x >= -9007199254740991n && x <= 9007199254740991n ? Number(x) : x;
}

function dictOf(fields: Record<string, Value>): PyDict {
  const d = new PyDict();
  for (const [k, v] of Object.entries(fields)) d.set(k, v);
  return d;
}
