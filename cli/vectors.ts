// Golden vectors (spec/test_vectors/*.json): making them from inputs, and replaying a file
// against this implementation. A vector file carries its inputs and the expected outputs,
// so `vm-py vectors <file>` can check files another implementation wrote, and our tests
// regenerate ours from the same code path that replays them.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { codeHash, decodeModule, encodeModule } from '../compiler/codec.js';
import { compileSource } from '../compiler/index.js';
import { selectorHex, selectorOf } from '../compiler/selector.js';
import { call as adapterCall, loadCode } from '../node/adapter.js';
import { executeCall } from '../node/execute.js';
import { encodeReceipt, receiptHash } from '../node/receipt.js';
import { CONSTRUCTOR } from '../spec/constructor.js';
import { decodeValueExact, encodeArgs, encodeValue } from '../core/abi/codec.js';
import { jsonToArgs, jsonToValue, parseJsonExact, valueToJson, type Json } from '../node/abi/json.js';
import { canonicalTypeName } from '../core/abi/types.js';
import type { BlockEnv, TxEnv } from '../core/context.js';
import { bytesToHex, hexToBytes } from '../core/hex.js';
import { MemoryState } from '../node/state.js';
import type { CallNode } from '../node/execute.js';
import { VmPyError } from '../spec/errors.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import { EXIT_FAILED_CALL, EXIT_OK, UsageError } from './fail.js';
import { readText } from './files.js';

export const ABI_KIND = 'vm-py/abi-vectors/1';
export const IR_KIND = 'vm-py/ir-vectors/1';
export const CALLS_KIND = 'vm-py/call-vectors/1';

const x = (b: Uint8Array) => bytesToHex(b);

// ---------------------------------------------------------------- ABI

export interface AbiCase {
  type: string;
  value: Json;
}
export interface AbiReject {
  type: string;
  /** bytes the decoder must refuse */
  hex?: string;
  /** a value the encoder must refuse */
  value?: Json;
  why: string;
}

export function makeAbiVectors(valid: AbiCase[], rejects: AbiReject[], signatures: [string, string[]][]): Json {
  return {
    kind: ABI_KIND,
    addressBytes: 32,
    valid: valid.map((c) => {
      const hex = x(encodeValue(c.type, jsonToValue(c.type, c.value)));
      return { type: c.type, value: valueToJson(decodeValueExact(c.type, hexToBytes(hex))), hex };
    }),
    rejected: rejects as unknown as Json,
    selectors: signatures.map(([name, types]) => ({
      signature: `${name}(${types.map(canonicalTypeName).join(',')})`,
      selector: selectorHex(selectorOf(name, types.map(canonicalTypeName))),
    })),
  };
}

interface Outcome {
  name: string;
  ok: boolean;
  detail?: string;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function attempt(name: string, f: () => string | undefined): Outcome {
  try {
    const d = f();
    return d === undefined ? { name, ok: true } : { name, ok: false, detail: d };
  } catch (e) {
    return { name, ok: false, detail: e instanceof VmPyError ? `${e.code} ${e.message}` : `unexpected ${String(e)}` };
  }
}

function refuses(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    if (e instanceof VmPyError) return undefined;
    return `failed with a non-VmPyError: ${String(e)}`;
  }
  return 'accepted';
}

function replayAbi(v: Record<string, unknown>): Outcome[] {
  const opts = { addressBytes: Number(v.addressBytes ?? 32) };
  const out: Outcome[] = [];
  for (const c of (v.valid ?? []) as { type: string; value: Json; hex: string }[]) {
    out.push(
      attempt(`valid ${c.type} ${JSON.stringify(c.value)}`, () => {
        const enc = x(encodeValue(c.type, jsonToValue(c.type, c.value, 'value', opts), opts));
        if (enc !== c.hex) return `encodes to ${enc}, expected ${c.hex}`;
        const back = valueToJson(decodeValueExact(c.type, hexToBytes(c.hex), opts));
        return same(back, c.value) ? undefined : `decodes to ${JSON.stringify(back)}`;
      }),
    );
  }
  for (const c of (v.rejected ?? []) as AbiReject[]) {
    out.push(
      attempt(`rejects ${c.type} ${c.hex !== undefined ? c.hex : JSON.stringify(c.value)} (${c.why})`, () =>
        c.hex !== undefined
          ? refuses(() => decodeValueExact(c.type, hexToBytes(c.hex!), opts))
          : refuses(() => encodeValue(c.type, jsonToValue(c.type, c.value, 'value', opts), opts)),
      ),
    );
  }
  for (const s of (v.selectors ?? []) as { signature: string; selector: string }[]) {
    out.push(
      attempt(`selector ${s.signature}`, () => {
        const m = /^([A-Za-z_][A-Za-z0-9_]*)\((.*)\)$/.exec(s.signature);
        if (!m) return 'not a signature';
        const types = m[2] === '' ? [] : splitTypes(m[2]);
        const got = selectorHex(selectorOf(m[1], types));
        return got === s.selector ? undefined : `got ${got}`;
      }),
    );
  }
  return out;
}

/** Split a canonical type list at top-level commas. */
function splitTypes(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '(' || s[i] === '<') depth++;
    else if (s[i] === ')' || s[i] === '>') depth--;
    else if (s[i] === ',' && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 1;
    }
  }
  out.push(s.slice(start));
  return out;
}

// ---------------------------------------------------------------- IR

export interface SourceRef {
  name: string;
  /** path relative to the repository root */
  source: string;
  /** the file name compiled into the debug section */
  file: string;
}

export type ReadSource = (path: string) => string;

export function makeIrVectors(examples: SourceRef[], read: ReadSource): Json {
  return {
    kind: IR_KIND,
    cases: examples.map((e) => {
      const c = compileSource(read(e.source), { file: e.file });
      const stripped = compileSource(read(e.source), { file: e.file, strip: true });
      return { ...e, irHex: x(c.bytes), strippedHex: x(stripped.bytes), codeHash: x(c.codeHash) };
    }),
  };
}

function replayIr(v: Record<string, unknown>, read: ReadSource): Outcome[] {
  const out: Outcome[] = [];
  for (const c of (v.cases ?? []) as (SourceRef & { irHex: string; strippedHex: string; codeHash: string })[]) {
    out.push(
      attempt(`ir ${c.name}: decode, re-encode, code hash`, () => {
        for (const h of [c.irHex, c.strippedHex]) {
          const m = decodeModule(hexToBytes(h));
          if (x(encodeModule(m)) !== h) return 'encode(decode(ir)) differs';
          if (x(codeHash(m)) !== c.codeHash) return `code hash ${x(codeHash(m))}, expected ${c.codeHash}`;
        }
        return undefined;
      }),
    );
    out.push(
      attempt(`ir ${c.name}: compile ${c.source}`, () => {
        const got = x(compileSource(read(c.source), { file: c.file }).bytes);
        return got === c.irHex ? undefined : `compiles to different IR (${got.length / 2} bytes vs ${c.irHex.length / 2})`;
      }),
    );
  }
  return out;
}

// ---------------------------------------------------------------- calls

export interface CallSpec {
  fn: string;
  args?: unknown[];
  /** 0x-hex address; default env.tx.sender */
  sender?: string;
  /** decimal call value; default 0 */
  value?: string | number;
  /** 0x-hex address of one of the sequence's other contracts to call; default the sequence's own */
  to?: string;
}

export interface SequenceSpec {
  source: string;
  /** balances (0x-hex address -> decimal) in the state before the first call */
  balances?: Record<string, string>;
  /**
   * Other contracts deployed before the first call (0x-hex address -> source path), for
   * cross-contract calls (spec/CALLS.md). With them, the sequence's own code is in the
   * state too, and each call records every contract's storage and the call tree.
   */
  contracts?: Record<string, string>;
  /** the constructor's (__init__) arguments: it runs first, as the call `__init__` */
  construct?: unknown[];
  calls: CallSpec[];
}

interface SeqContract {
  address: string;
  source: string;
  file: string;
  codeHash: string;
}

/** Compile and store the sequence's other contracts, and its own code at `address`. */
function placeContracts(state: MemoryState, address: Uint8Array, own: Uint8Array, list: readonly SeqContract[], read: ReadSource): void {
  if (!list.length) return;
  state.setCode(address, own);
  for (const c of list) {
    const compiled = compileSource(read(c.source), { file: c.file });
    if (x(compiled.codeHash) !== c.codeHash)
      throw new UsageError(`contract ${c.address} (${c.source}): code hash ${x(compiled.codeHash)}, expected ${c.codeHash}`);
    state.setCode(hexToBytes(c.address), compiled.bytes);
  }
}

/** The call tree, as a vector records it (spec/CALLS.md §8). */
function treeJson(calls: readonly CallNode[]): Json {
  return calls.map((c) => ({
    to: x(c.to),
    fn: c.fn,
    value: c.value.toString(),
    static: c.static,
    gas: c.gas,
    gasUsed: c.gasUsed,
    status: c.status,
    returnHex: x(c.returnData),
    revertReason: c.revertReason ? x(c.revertReason) : null,
    kind: c.kind,
    calls: treeJson(c.calls),
  })) as Json;
}

function seededState(balances: Record<string, string> | undefined): MemoryState {
  const state = new MemoryState();
  for (const [a, v] of Object.entries(balances ?? {})) state.setBalance(hexToBytes(a), BigInt(v));
  return state;
}

const ENV = {
  gasLimit: 1_000_000,
  address: 'cc'.repeat(32),
  tx: { hash: '00'.repeat(32), sender: '11'.repeat(32), value: '0', nonce: '0' },
  block: { height: '1', timestamp: '1700000000', chainId: '1', coinbase: '00'.repeat(32), beacon: '00'.repeat(32) },
};
type Env = typeof ENV;

function txOf(env: Env, to: Uint8Array, c: { sender?: string; value?: string | number }): TxEnv {
  return {
    hash: hexToBytes(env.tx.hash),
    sender: hexToBytes(c.sender ?? env.tx.sender),
    to,
    value: BigInt(c.value ?? env.tx.value),
    nonce: BigInt(env.tx.nonce),
  };
}

function blockOf(env: Env): BlockEnv {
  const b = env.block;
  return {
    height: BigInt(b.height),
    timestamp: BigInt(b.timestamp),
    chainId: BigInt(b.chainId),
    coinbase: hexToBytes(b.coinbase),
    beacon: hexToBytes(b.beacon),
  };
}

/** Run one call from a vector and report what a vector records about it. */
function runCall(
  code: Uint8Array,
  state: MemoryState,
  env: Env,
  address: Uint8Array,
  c: { fn?: Json; calldata: string; sender?: string; value?: string | number; to?: string },
  others: readonly SeqContract[] = [],
): Record<string, Json> {
  const to = c.to !== undefined ? hexToBytes(c.to) : address;
  const r =
    c.fn === CONSTRUCTOR && c.to === undefined
      ? construct(code, state, env, address, c)
      : adapterCall({
          ...(c.to !== undefined ? {} : { contract: { code } }),
          input: hexToBytes(c.calldata),
          gasLimit: env.gasLimit,
          tx: txOf(env, to, c),
          block: blockOf(env),
          state,
        });
  const snap = state.snapshot();
  const storage = snap.storage[x(address)] ?? {};
  const more: Record<string, Json> = {};
  if (others.length) {
    more.contractStorage = Object.fromEntries(others.map((o) => [o.address, snap.storage[o.address] ?? {}]));
    more.callTree = treeJson(r.calls ?? []);
  }
  return {
    status: r.status,
    gasUsed: r.gasUsed,
    refund: r.refund,
    return: r.status === 'SUCCESS' ? valueToJson(r.returnValue ?? null) : null,
    returnHex: x(r.returnData),
    revertReason: r.revertReason ? x(r.revertReason) : null,
    events: r.logs.map((l) => ({
      name: new TextDecoder().decode(l.name),
      topic: x(l.topics[0]),
      data: x(l.data),
      args: Object.fromEntries(decodeEventData(l.data).map(([k, v]) => [k, valueToJson(v)])),
    })),
    storage,
    balances: snap.balances,
    ...more,
    receiptHash: x(r.hash),
  };
}

/** The constructor run in place at the sequence's address (deploy would pick the address from sender and nonce). */
function construct(code: Uint8Array, state: MemoryState, env: Env, address: Uint8Array, c: { calldata: string; sender?: string; value?: string | number }) {
  const r = executeCall({
    module: loadCode(code),
    calldata: hexToBytes(c.calldata),
    gasLimit: env.gasLimit,
    tx: txOf(env, address, c),
    block: blockOf(env),
    state,
    constructing: true,
  });
  const encoded = encodeReceipt(r);
  return { ...r, hash: receiptHash(encoded) };
}

export function makeCallVectors(sequences: Record<string, SequenceSpec>, read: ReadSource): Json {
  const env = ENV;
  const address = hexToBytes(env.address);
  return {
    kind: CALLS_KIND,
    env,
    sequences: Object.entries(sequences).map(([name, seq]) => {
      const compiled = compileSource(read(seq.source), { file: seq.source.split('/').pop()! });
      const state = seededState(seq.balances);
      const others: SeqContract[] = Object.entries(seq.contracts ?? {}).map(([a, source]) => {
        const file = source.split('/').pop()!;
        return { address: a.replace(/^0x/, ''), source, file, codeHash: x(compileSource(read(source), { file }).codeHash) };
      });
      placeContracts(state, address, compiled.bytes, others, read);
      const specs: CallSpec[] = seq.construct ? [{ fn: CONSTRUCTOR, args: seq.construct }, ...seq.calls] : seq.calls;
      const calls = specs.map((spec) => {
        const target =
          spec.to === undefined ? compiled.module : compileSource(read(seq.contracts![spec.to]), { file: seq.contracts![spec.to].split('/').pop()! }).module;
        const ex = target.exports.find((e) => target.funcs[e.func].name === spec.fn);
        if (!ex) throw new UsageError(`sequence ${name}: no public function ${spec.fn}`);
        const enc = jsonToArgs(ex.params, spec.args ?? []);
        const calldata = x(ex.selector) + x(encodeArgs(ex.params, enc));
        const extra = {
          ...(spec.sender ? { sender: spec.sender.replace(/^0x/, '') } : {}),
          ...(spec.value !== undefined ? { value: String(spec.value) } : {}),
          ...(spec.to !== undefined ? { to: spec.to.replace(/^0x/, '') } : {}),
        };
        return {
          fn: spec.fn,
          args: (spec.args ?? []) as Json,
          ...extra,
          calldata,
          ...runCall(compiled.bytes, state, env, address, { fn: spec.fn, calldata, ...extra }, others),
        };
      });
      return {
        name,
        source: seq.source,
        file: seq.source.split('/').pop()!,
        codeHash: x(compiled.codeHash),
        ...(seq.balances ? { balances: seq.balances } : {}),
        ...(others.length ? { contracts: others } : {}),
        calls,
      };
    }),
  } as unknown as Json;
}

function replayCalls(v: Record<string, unknown>, read: ReadSource): Outcome[] {
  const env = v.env as Env;
  const out: Outcome[] = [];
  for (const seq of (v.sequences ?? []) as {
    name: string;
    source: string;
    file: string;
    codeHash: string;
    balances?: Record<string, string>;
    contracts?: SeqContract[];
    calls: Record<string, Json>[];
  }[]) {
    let compiled: ReturnType<typeof compileSource>;
    try {
      compiled = compileSource(read(seq.source), { file: seq.file });
    } catch (e) {
      out.push({ name: `${seq.name}: compile ${seq.source}`, ok: false, detail: e instanceof VmPyError ? e.message : String(e) });
      continue;
    }
    out.push({ name: `${seq.name}: code hash`, ok: x(compiled.codeHash) === seq.codeHash, detail: `got ${x(compiled.codeHash)}` });
    const state = seededState(seq.balances);
    const address = hexToBytes(env.address);
    const others = seq.contracts ?? [];
    const placed = attempt(`${seq.name}: contracts`, () => {
      placeContracts(state, address, compiled.bytes, others, read);
      return undefined;
    });
    if (!placed.ok) {
      out.push(placed);
      continue;
    }
    seq.calls.forEach((c, i) => {
      out.push(
        attempt(`${seq.name} #${i} ${String(c.fn)}(${JSON.stringify(c.args).slice(1, -1)})`, () => {
          const got = runCall(compiled.bytes, state, env, address, c as { fn: Json; calldata: string; sender?: string; value?: string; to?: string }, others);
          const diffs = Object.keys(got).filter((k) => !same(got[k], c[k]));
          return diffs.length ? diffs.map((k) => `${k}: got ${JSON.stringify(got[k])}, expected ${JSON.stringify(c[k])}`).join('; ') : undefined;
        }),
      );
    });
  }
  return out;
}

// ---------------------------------------------------------------- replay entry points

export function replayVectorJson(v: unknown, read: ReadSource): Outcome[] {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw new UsageError('a vector file is a JSON object with a "kind"');
  const o = v as Record<string, unknown>;
  if (o.kind === ABI_KIND) return replayAbi(o);
  if (o.kind === IR_KIND) return replayIr(o, read);
  if (o.kind === CALLS_KIND) return replayCalls(o, read);
  throw new UsageError(`unknown vector file kind ${JSON.stringify(o.kind)} (expected ${ABI_KIND}, ${IR_KIND} or ${CALLS_KIND})`);
}

/** Sources named in a vector file are relative to the repository root: the cwd, or two levels above the file. */
export function sourceReader(vectorPath: string, root?: string): ReadSource {
  const roots = root ? [resolve(root)] : [process.cwd(), resolve(dirname(vectorPath), '../..')];
  return (p) => {
    for (const r of roots) {
      const full = resolve(r, p);
      if (existsSync(full)) return readText(full, 'contract source');
    }
    throw new UsageError(`cannot find ${p} (looked under ${roots.join(', ')}; pass --root)`, 'E-FILE');
  };
}

export function vectorsCommand(a: { file: string; root?: string; json: boolean }, out: (s: string) => void): number {
  let v: unknown;
  try {
    v = parseJsonExact(readFileSync(a.file, 'utf8'));
  } catch (e) {
    throw new UsageError(`cannot read vector file ${a.file}: ${(e as Error).message}`, 'E-FILE');
  }
  const results = replayVectorJson(v, sourceReader(a.file, a.root));
  const failed = results.filter((r) => !r.ok).length;
  if (a.json) out(JSON.stringify({ ok: failed === 0, passed: results.length - failed, failed, cases: results }));
  else {
    for (const r of results) out(`${r.ok ? 'pass' : 'FAIL'} ${r.name}${r.ok ? '' : `: ${r.detail}`}`);
    out(`${results.length - failed} passed, ${failed} failed`);
  }
  return failed ? EXIT_FAILED_CALL : EXIT_OK;
}
