// Constructors (spec/CONSTRUCTORS.md): deploy runs `__init__` with its arguments together
// with storing the code; a failed constructor stores nothing; nobody can call it afterwards.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { call, contractAddress, deploy } from '../node/adapter.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { bytesToHex } from '../core/hex.js';
import { MemoryState } from '../node/state.js';
import { AbiError, DiagnosticsError } from '../spec/errors.js';
import { writeCount } from '../node/writes.js';

const SRC = `from stdlib import storage, abi, events

OWNER: bytes = b"owner"


def __init__(limit: int) -> None:
    abi.require(limit > 0, b"limit must be positive")
    storage.set(OWNER, abi.caller())
    storage.set_int(b"limit", limit)
    events.emit(b"Created", {"limit": limit})


def owner() -> bytes:
    return storage.get(OWNER)


def limit() -> int:
    return storage.get_int(b"limit")
`;
const alice = new Uint8Array(32).fill(0xa1);
const bob = new Uint8Array(32).fill(0xb0);
const code = compileSource(SRC).bytes;

function dep(args: unknown, gasLimit = 200_000, nonce = 1n, state = new MemoryState()) {
  const d = deploy({ contract: { code }, args: args as unknown[], gasLimit, tx: { ...defaultTx(), sender: alice, nonce }, block: defaultBlock(), state });
  return { d, state };
}

describe('constructor', () => {
  test('runs at deploy with ABI-typed args; its writes and events land with the code', () => {
    const { d, state } = dep([7]);
    expect(d.status).toBe('SUCCESS');
    const addr = contractAddress(alice, 1n);
    expect(bytesToHex(d.created!.address)).toBe(bytesToHex(addr));
    expect(bytesToHex(d.returnValue as Uint8Array)).toBe(bytesToHex(addr));
    expect(d.logs.map((l) => new TextDecoder().decode(l.name))).toEqual(['Created']);
    expect(bytesToHex(d.logs[0].address)).toBe(bytesToHex(addr));
    expect(writeCount(d.writes)).toBe(2);
    expect(d.gasUsed).toBeGreaterThan(400 + 8 * code.length + 400);
    const tx = { ...defaultTx(), sender: bob, to: addr };
    const o = call({ input: { fn: 'owner' }, gasLimit: 100_000, tx, block: defaultBlock(), state });
    expect(bytesToHex(o.returnValue as Uint8Array)).toBe(bytesToHex(alice));
    expect(call({ input: { fn: 'limit' }, gasLimit: 100_000, tx, block: defaultBlock(), state }).returnValue).toBe(7);
  });

  test('a reverting constructor stores nothing: no code, no storage, receipt with the reason', () => {
    const { d, state } = dep([0]);
    expect(d.status).toBe('REVERT');
    expect(new TextDecoder().decode(d.revertReason!)).toBe('limit must be positive');
    expect(d.created).toBeUndefined();
    expect(state.code.size).toBe(0);
    expect(writeCount(d.writes)).toBe(0);
    // the address stays free: a later deploy from the same sender and nonce succeeds there
    expect(dep([3], 200_000, 1n, state).d.status).toBe('SUCCESS');
  });

  test('out of gas in the constructor stores nothing and uses the whole limit', () => {
    const need = dep([7]).d.gasUsed;
    const { d, state } = dep([7], need - 1);
    expect(d).toMatchObject({ status: 'OOG', gasUsed: need - 1 });
    expect(state.code.size).toBe(0);
    expect(dep([7], need).d.status).toBe('SUCCESS');
  });

  test('cannot be called after deploy, by name or by its selector', () => {
    const { d, state } = dep([7]);
    const tx = { ...defaultTx(), sender: bob, to: d.created!.address };
    expect(() => call({ input: { fn: '__init__', args: [9] }, gasLimit: 100_000, tx, block: defaultBlock(), state })).toThrow(AbiError);
    // raw calldata with the constructor's selector reaches the executor: a defined ERROR
    const m = compileSource(SRC).module;
    const sel = m.exports.find((e) => m.funcs[e.func].name === '__init__')!.selector;
    const raw = new Uint8Array([...sel, 0x01, 0x09]);
    const r = call({ input: raw, gasLimit: 100_000, tx, block: defaultBlock(), state });
    expect(r).toMatchObject({ status: 'ERROR', error: { kind: 'UnknownFunction' } });
    expect(r.error!.message).toContain('constructor');
    expect(call({ input: { fn: 'limit' }, gasLimit: 100_000, tx, block: defaultBlock(), state }).returnValue).toBe(7);
  });

  test('bad constructor args throw before anything is stored', () => {
    const state = new MemoryState();
    expect(() => dep(['x'], 200_000, 1n, state)).toThrow(AbiError);
    expect(() => dep([], 200_000, 1n, state)).toThrow(AbiError);
    expect(state.code.size).toBe(0);
  });

  test('args for code without a constructor are an error; without args it deploys as before', () => {
    const plain = compileSource('def f() -> int:\n    return 1\n').bytes;
    const state = new MemoryState();
    const mk = (args?: unknown[]) => deploy({ contract: { code: plain }, args, gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state });
    expect(() => mk([1])).toThrow(AbiError);
    expect(mk()).toMatchObject({ status: 'SUCCESS', gasUsed: 400 + 8 * plain.length });
  });

  test('the validator: one dunder allowed, typed, returns nothing, never called from code', () => {
    const bad = (src: string) => {
      try {
        compileSource(src);
      } catch (e) {
        if (e instanceof DiagnosticsError) return e.diagnostics.map((x) => x.code);
        throw e;
      }
      return [];
    };
    expect(bad('def __init__(x: int) -> int:\n    return x\n')).toContain('E-CONSTRUCTOR');
    expect(bad('def __init__(x) -> None:\n    pass\n')).toContain('E-ANNOTATION');
    expect(bad('def __init__() -> None:\n    pass\n\ndef again() -> None:\n    __init__()\n')).toContain('E-CONSTRUCTOR');
    expect(bad('def __setup__() -> None:\n    pass\n')).toContain('E-DUNDER');
    expect(bad('def __init__() -> None:\n    pass\n')).toEqual([]);
  });
});
