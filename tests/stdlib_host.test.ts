// Behaviour of the host surface through compiled contracts: treasury and call value, the
// DRBG, syscall requests and task ids, abi.encode/decode, and that a revert discards
// storage, balances, events and requests alike.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { describe, expect, test } from 'vitest';
import { defaultBlock } from '../core/context.js';
import { executeCall } from '../node/execute.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';
import { writeCount } from '../node/writes.js';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (h: string) => new Uint8Array(Buffer.from(h.replace(/^0x/, ''), 'hex'));
const u8 = (s: string) => new TextEncoder().encode(s);
const cat = (...xs: Uint8Array[]) => new Uint8Array(Buffer.concat(xs));
const u64 = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(n));
  return new Uint8Array(b);
};
const A = (byte: number) => '0x' + byte.toString(16).padStart(2, '0').repeat(32);

const TREASURY = `from stdlib import treasury, storage, events, abi
def bal(who: bytes) -> int:
    return treasury.balance(who)
def mine() -> int:
    return treasury.balance()
def pay(to: bytes, amount: int) -> int:
    treasury.transfer(to, amount)
    return treasury.balance()
def pay_then_fail(to: bytes, amount: int) -> None:
    storage.set(b"k", b"v")
    treasury.transfer(to, amount)
    events.emit(b"Paid", {"amount": amount})
    abi.revert(b"changed my mind")
def value() -> int:
    return abi.call_value()
`;

describe('treasury', () => {
  test('balance, transfer, and the journal', () => {
    const c = new TestContract(TREASURY);
    c.state.setBalance(c.tx.to, 1000n);
    expect(c.call('mine').returnValue).toBe(1000);
    expect(c.call('bal', [A(0x22)]).returnValue).toBe(0);
    const r = c.call('pay', [A(0x22), 250]);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toBe(750);
    expect(r.balanceWrites.map((w) => [hex(w.address), w.balance])).toEqual([
      ['22'.repeat(32), 250n],
      ['cc'.repeat(32), 750n],
    ]);
    expect(c.state.getBalance(bytes(A(0x22)))).toBe(250n);
    expect(c.call('bal', [A(0x22)]).returnValue).toBe(250);
  });

  test('negative or insufficient amounts revert; a bad address is a ValueError', () => {
    const c = new TestContract(TREASURY);
    c.state.setBalance(c.tx.to, 10n);
    const neg = c.call('pay', [A(0x22), -1]);
    expect(neg.status).toBe('REVERT');
    expect(new TextDecoder().decode(neg.revertReason!)).toBe('treasury: negative amount');
    const much = c.call('pay', [A(0x22), 11]);
    expect(much.status).toBe('REVERT');
    expect(new TextDecoder().decode(much.revertReason!)).toBe('treasury: insufficient balance');
    const bad = c.call('pay', ['0x' + '22'.repeat(20), 1]);
    expect(bad.status).toBe('ERROR');
    expect(bad.error?.kind).toBe('ValueError');
    expect(c.state.getBalance(c.tx.to)).toBe(10n);
  });

  test('revert discards storage, balances and events', () => {
    const c = new TestContract(TREASURY);
    c.state.setBalance(c.tx.to, 100n);
    const r = c.call('pay_then_fail', [A(0x22), 40]);
    expect(r.status).toBe('REVERT');
    expect(r.logs).toEqual([]);
    expect(writeCount(r.writes)).toBe(0);
    expect(r.balanceWrites).toEqual([]);
    expect(c.state.getBalance(c.tx.to)).toBe(100n);
    expect(c.state.getBalance(bytes(A(0x22)))).toBe(0n);
    expect(c.state.getStorage(c.tx.to, u8('k'))).toBe(null);
  });

  test('running out of gas after a transfer discards it and consumes the whole limit', () => {
    const c = new TestContract(TREASURY);
    c.state.setBalance(c.tx.to, 100n);
    const full = c.call('pay_then_fail', [A(0x22), 40]).gasUsed;
    // enough to get past the transfer, not enough to reach the revert
    const r = c.call('pay_then_fail', [A(0x22), 40], full - 40);
    expect(r.status).toBe('OOG');
    expect(r.gasUsed).toBe(full - 40);
    expect(r.balanceWrites).toEqual([]);
    expect(r.logs).toEqual([]);
    expect(c.state.getBalance(c.tx.to)).toBe(100n);
  });

  test('the call value moves from the sender to the contract, and back when the call fails', () => {
    const c = new TestContract(TREASURY);
    c.state.setBalance(c.tx.sender, 500n);
    const r = c.call('mine', [], 1_000_000, { value: 200n });
    expect(r.returnValue).toBe(200);
    expect(c.state.getBalance(c.tx.sender)).toBe(300n);
    expect(c.call('value', [], 1_000_000, { value: 7n }).returnValue).toBe(7);
    expect(c.state.getBalance(c.tx.to)).toBe(207n);
    const failed = c.call('pay_then_fail', [A(0x22), 1], 1_000_000, { value: 50n });
    expect(failed.status).toBe('REVERT');
    expect(c.state.getBalance(c.tx.sender)).toBe(293n);
    expect(c.state.getBalance(c.tx.to)).toBe(207n);
    const broke = c.call('mine', [], 1_000_000, { value: 10_000n });
    expect(broke.status).toBe('ERROR');
    expect(broke.error?.code).toBe('E-STATE');
  });
});

describe('random', () => {
  const SRC = `from stdlib import random, random_api, syscalls
def two() -> bytes:
    return random.bytes(40) + random_api.bytes(24)
def one() -> bytes:
    return syscalls.random_bytes(64)
def n(k: int) -> bytes:
    return syscalls.random(k)
`;

  test('matches the documented DRBG byte for byte', () => {
    const c = new TestContract(SRC);
    const txHash = bytes('ab'.repeat(32));
    const seed = sha3_256(cat(u8('animica:vm:random:v1|'), txHash, c.tx.to, u64(0)));
    const stream = cat(sha3_256(cat(seed, u64(0))), sha3_256(cat(seed, u64(1))));
    const r = c.call('two', [], 1_000_000, { hash: txHash });
    expect(hex(r.returnValue as Uint8Array)).toBe(hex(stream));
    // successive draws continue the stream: two draws of 40 + 24 == one draw of 64
    expect(c.call('one', [], 1_000_000, { hash: txHash }).returnValue).toEqual(r.returnValue);
  });

  test('same call -> same bytes; another tx hash, contract or call index -> different bytes', () => {
    const c = new TestContract(SRC);
    const a = c.call('two').returnValue as Uint8Array;
    expect(c.call('two').returnValue).toEqual(a);
    expect(a.subarray(0, 32)).not.toEqual(a.subarray(32, 64));
    expect(c.call('two', [], 1_000_000, { hash: bytes('01'.repeat(32)) }).returnValue).not.toEqual(a);
    expect(c.call('two', [], 1_000_000, { to: bytes('dd'.repeat(32)) }).returnValue).not.toEqual(a);
    const r = executeCall({
      module: c.module,
      calldata: c.calldata('two'),
      gasLimit: 1_000_000,
      tx: c.tx,
      block: defaultBlock(),
      state: c.state,
      callIndex: 1,
    });
    expect(r.returnValue).not.toEqual(a);
  });

  test('0 <= n <= max_random_bytes', () => {
    const c = new TestContract(SRC);
    expect(c.call('n', [0]).returnValue).toEqual(new Uint8Array(0));
    expect((c.call('n', [4096]).returnValue as Uint8Array).length).toBe(4096);
    for (const k of [-1, 4097]) {
      const r = c.call('n', [k]);
      expect(r.status).toBe('ERROR');
      expect(r.error?.kind).toBe('ValueError');
    }
  });
});

describe('syscalls', () => {
  const SRC = `from stdlib import syscalls, abi
def ask(model: bytes, prompt: str) -> bytes:
    return syscalls.ai_enqueue(model, prompt)
def quantum(circuit: bytes) -> bytes:
    return syscalls.quantum_enqueue(circuit)
def pin(ns: int, data: bytes) -> bytes:
    return syscalls.blob_pin(ns, data)
def read(task: bytes) -> bytes:
    return syscalls.read_result(task)
def zk(c: bytes, p: bytes, i: bytes) -> bool:
    return syscalls.zk_verify(c, p, i)
def beacon() -> bytes:
    return syscalls.read_beacon()
def ask_then_fail() -> None:
    syscalls.ai_enqueue(b"m", b"p")
    abi.revert(b"no")
`;
  const lp = (b: Uint8Array) => cat(new Uint8Array([b.length]), b);
  const taskId = (kind: string, addr: Uint8Array, txHash: Uint8Array, inputs: Uint8Array[]) =>
    sha3_256(
      cat(
        u8('animica:vm:task:v1|'),
        lp(u8(kind)),
        new Uint8Array([1]),
        lp(addr),
        lp(txHash),
        new Uint8Array([inputs.length]),
        ...inputs.map((x) => sha3_256(x)),
      ),
    );

  test('task ids follow the documented layout and requests are recorded', () => {
    const c = new TestContract(SRC);
    const r = c.call('ask', ['0x6d6f64656c', 'hi']);
    const want = taskId('ai_enqueue', c.tx.to, c.tx.hash, [u8('model'), u8('hi')]);
    expect(hex(r.returnValue as Uint8Array)).toBe(hex(want));
    expect(r.syscalls).toEqual([{ kind: 'ai_enqueue', taskId: want, inputHashes: [sha3_256(u8('model')), sha3_256(u8('hi'))] }]);
    const q = c.call('quantum', ['0x0102']);
    // shots default 256 enters as uvarint(256) = 80 02
    expect(hex(q.returnValue as Uint8Array)).toBe(hex(taskId('quantum_enqueue', c.tx.to, c.tx.hash, [bytes('0102'), bytes('8002')])));
    // another tx -> another id
    expect(c.call('ask', ['0x6d6f64656c', 'hi'], 1_000_000, { hash: bytes('01'.repeat(32)) }).returnValue).not.toEqual(r.returnValue);
  });

  test('blob_pin returns the content commitment and records the request', () => {
    const c = new TestContract(SRC);
    const r = c.call('pin', [5, '0xdeadbeef']);
    expect(hex(r.returnValue as Uint8Array)).toBe(hex(sha3_256(cat(u8('animica:vm:blob:v1|'), new Uint8Array([5]), bytes('deadbeef')))));
    expect(r.syscalls[0].kind).toBe('blob_pin');
    expect(r.syscalls[0].taskId).toEqual(taskId('blob_pin', c.tx.to, c.tx.hash, [new Uint8Array([5]), bytes('deadbeef')]));
    expect(c.call('pin', [-1, '0x']).error?.kind).toBe('ValueError');
  });

  test('read_result: what the host supplied for the id, else b""', () => {
    const c = new TestContract(SRC);
    const id = bytes('77'.repeat(32));
    expect(c.call('read', ['0x' + '77'.repeat(32)]).returnValue).toEqual(new Uint8Array(0));
    const results = new Map([[hex(id), u8('answer')]]);
    const r = executeCall({
      module: c.module,
      calldata: c.calldata('read', ['0x' + '77'.repeat(32)]),
      gasLimit: 1_000_000,
      tx: c.tx,
      block: defaultBlock(),
      state: c.state,
      results,
    });
    expect(r.returnValue).toEqual(u8('answer'));
    expect(c.call('read', ['0x77']).error?.kind).toBe('ValueError');
  });

  test('zk_verify is the host verdict under the documented key, fail-closed without one', () => {
    const c = new TestContract(SRC);
    const args = ['0x01', '0x0202', '0x030303'];
    const r0 = c.call('zk', args);
    expect(r0.returnValue).toBe(false);
    const hs = [bytes('01'), bytes('0202'), bytes('030303')].map((x) => sha3_256(x));
    const key = sha3_256(cat(u8('animica:vm:zk:v1|'), ...hs));
    expect(r0.syscalls).toEqual([{ kind: 'zk_verify', taskId: key, inputHashes: hs }]);
    const call = (verdict: Uint8Array) =>
      executeCall({
        module: c.module,
        calldata: c.calldata('zk', args),
        gasLimit: 1_000_000,
        tx: c.tx,
        block: defaultBlock(),
        state: c.state,
        results: new Map([[hex(key), verdict]]),
      }).returnValue;
    expect(call(new Uint8Array([1]))).toBe(true);
    expect(call(new Uint8Array([0]))).toBe(false);
    expect(call(new Uint8Array([1, 1]))).toBe(false);
  });

  test('read_beacon returns the block beacon; requests die with a revert', () => {
    const c = new TestContract(SRC);
    const beacon = bytes('5a'.repeat(32));
    const r = executeCall({
      module: c.module,
      calldata: c.calldata('beacon'),
      gasLimit: 1_000_000,
      tx: c.tx,
      block: { ...defaultBlock(), beacon },
      state: c.state,
    });
    expect(r.returnValue).toEqual(beacon);
    const f = c.call('ask_then_fail');
    expect(f.status).toBe('REVERT');
    expect(f.syscalls).toEqual([]);
  });

  test('a negative chain id from the host is a StateError, not a crash', () => {
    const c = new TestContract(SRC);
    const r = executeCall({
      module: c.module,
      calldata: c.calldata('ask', ['0x6d', 'x']),
      gasLimit: 1_000_000,
      tx: c.tx,
      block: { ...defaultBlock(), chainId: -1n },
      state: c.state,
    });
    expect(r.status).toBe('ERROR');
    expect(r.error?.code).toBe('E-STATE');
  });

  test('inputs above max_syscall_in_bytes are refused', () => {
    const c = new TestContract('from stdlib import syscalls\ndef f(d: bytes) -> bytes:\n    return syscalls.blob_pin(1, d)\n');
    const cap = DEFAULT_LIMITS.max_syscall_in_bytes - 1; // uvarint(ns) is one of the input bytes
    const ok = c.call('f', ['0x' + '00'.repeat(cap)], 10_000_000);
    expect(ok.status, JSON.stringify(ok.error)).toBe('SUCCESS');
    const r = c.call('f', ['0x' + '00'.repeat(cap + 1)], 10_000_000);
    expect(r.status).toBe('ERROR');
    expect(r.error?.kind).toBe('ValueError');
  });
});

describe('abi.encode / abi.decode', () => {
  const SRC = `from stdlib import abi
def roundtrip(x: int, b: bytes, s: str) -> bytes:
    data = abi.encode(["int", "bytes", "str", "list<int>"], [x, b, s, [1, 2]])
    y, c, t, xs = abi.decode(("int", "bytes", "str", "list<int>"), data)
    abi.require(y == x and c == b and t == s and xs == [1, 2], b"mismatch")
    return data
def bad_type() -> bytes:
    return abi.encode(["float"], [1])
def bad_data() -> int:
    return abi.decode(["int"], b"\\x80")[0]
def wrong_value() -> bytes:
    return abi.encode(["bool"], [3])
`;
  test('round trip matches the call-data codec', () => {
    const c = new TestContract(SRC);
    const r = c.call('roundtrip', [-300, '0xaabb', 'hé']);
    expect(r.status).toBe('SUCCESS');
    expect(hex(r.returnValue as Uint8Array)).toBe('d704' + '02aabb' + '0368c3a9' + '020204');
  });
  test('bad types, bad bytes and wrong values are ValueErrors', () => {
    const c = new TestContract(SRC);
    for (const fn of ['bad_type', 'bad_data', 'wrong_value']) {
      const r = c.call(fn);
      expect(r.status, fn).toBe('ERROR');
      expect(r.error?.kind, fn).toBe('ValueError');
    }
  });
});
