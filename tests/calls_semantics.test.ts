// Cross-contract calls (spec/CALLS.md): results decoded by the callee's ABI, nested journal
// frames, revert propagation, gas forwarding, depth, re-entrancy, abi.caller(), value,
// event order, static calls, and bad input as defined errors.
import { describe, expect, test } from 'vitest';
import { bytesToHex } from '../core/hex.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { ALICE, World } from './helpers/calls.js';
import { writeCount, writeList } from '../node/writes.js';

const CALLEE = `from stdlib import storage, abi, events, treasury

def put(k: bytes, v: int) -> int:
    events.emit(b"Put", {"v": v})
    storage.set_int(k, v)
    return v * 2

def get(k: bytes) -> int:
    return storage.get_int(k)

def who() -> bytes:
    return abi.caller()

def fail(why: str) -> None:
    storage.set_int(b"x", 1)
    abi.revert(why)

def burn() -> None:
    i = 0
    while True:
        i += 1

def pair(a: int, b: bytes) -> tuple[int, bytes]:
    return (a, b)

def items(xs: list[int]) -> list[int]:
    return xs + [99]

def paid() -> int:
    return abi.call_value()

def fail2(k: bytes, v: int) -> int:
    storage.set_int(k, v)
    abi.revert("no 1")
    return 0

def clear(k: bytes) -> None:
    storage.delete(k)

def boom() -> int:
    return 1 // 0

def send(to: bytes, n: int) -> None:
    treasury.transfer(to, n)
`;

const CALLER = `from stdlib import storage, abi, events, contracts

def fwd(to: bytes, fn: str, k: bytes, v: int) -> int:
    events.emit(b"Before", {"n": 1})
    r = contracts.call(to, fn, [k, v])
    events.emit(b"After", {"n": 2})
    return r

def fwd_int(to: bytes, fn: str) -> int:
    return contracts.call(to, fn, [])

def fwd_bytes(to: bytes, fn: str) -> bytes:
    return contracts.call(to, fn, [])

def fwd_list(to: bytes, xs: list[int]) -> list[int]:
    return contracts.call(to, "items", (xs,))

def fwd_pair(to: bytes) -> tuple[int, bytes]:
    return contracts.call(to, "pair", [5, b"z"])

def fwd_get(to: bytes, fn: str, k: int) -> int:
    return contracts.call(to, fn, [k])

def attempt(to: bytes, fn: str, reason: str) -> bytes:
    storage.set_int(b"mine", 7)
    ok, r = contracts.try_call(to, fn, [reason] if reason else [])
    if ok:
        return b"ok"
    return r

def attempt_gas(to: bytes, fn: str, gas: int) -> bytes:
    ok, r = contracts.try_call(to, fn, [], gas=gas)
    return r

def peek(to: bytes, fn: str, k: bytes) -> int:
    return contracts.static_call(to, fn, [k])

def peek_put(to: bytes, k: bytes) -> int:
    return contracts.static_call(to, "put", [k, 4])

def odd(to: bytes, which: int) -> int:
    if which == 0:
        return contracts.call(to, "get", [b"k"], value=-1)
    if which == 1:
        return contracts.call(to, "get", [b"k"], gas=-5)
    if which == 2:
        return contracts.call(to, b"get", [b"k"])
    if which == 3:
        return contracts.call(to, "get", {"k": b"k"})
    if which == 4:
        return contracts.call(to, "get", [{"k": 1}])
    if which == 5:
        return contracts.call(to, "get", [b"k"], gas=10**40)
    if which == 6:
        return contracts.call(to, "get", [b"k"], gas=0)
    return contracts.call(to, "get", [b"k", b"extra"])

def clear_there(to: bytes, k: bytes) -> None:
    contracts.call(to, "clear", [k])

def pay(to: bytes, n: int) -> int:
    return contracts.call(to, "paid", [], value=n)
`;

function setup() {
  const w = new World();
  const callee = w.deploy(CALLEE);
  const caller = w.deploy(CALLER);
  const h = (b: Uint8Array) => '0x' + bytesToHex(b);
  return { w, callee, caller, h };
}

describe('contracts.call', () => {
  const td = new TextDecoder();
  test('result decoded by the callee ABI; writes of both frames land; events keep one order', () => {
    const { w, callee, caller, h } = setup();
    const r = w.call(caller, 'fwd', [h(callee), 'put', '0x6b', 21]);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toBe(42);
    expect(r.logs.map((l) => td.decode(l.name))).toEqual(['Before', 'Put', 'After']);
    expect(bytesToHex(r.logs[1].address)).toBe(bytesToHex(callee));
    expect(w.call(callee, 'get', ['0x6b']).returnValue).toBe(21);
    expect(r.calls).toHaveLength(1);
    const c = r.calls![0];
    expect([c.fn, c.status, bytesToHex(c.to)]).toEqual(['put', 'SUCCESS', bytesToHex(callee)]);
    expect(c.gas).toBeGreaterThan(c.gasUsed);
    expect(w.call(caller, 'fwd_list', [h(callee), [1, 2]]).returnValue).toEqual([1, 2, 99]);
    expect(w.call(caller, 'fwd_pair', [h(callee)]).returnValue).toEqual(expect.objectContaining({ items: [5, new Uint8Array([0x7a])] }));
  });

  test('abi.caller() in the callee is the calling contract', () => {
    const { w, callee, caller, h } = setup();
    expect(bytesToHex(w.call(caller, 'fwd_bytes', [h(callee), 'who']).returnValue as Uint8Array)).toBe(bytesToHex(caller));
    expect(bytesToHex(w.call(callee, 'who', []).returnValue as Uint8Array)).toBe(bytesToHex(ALICE));
  });

  test('a revert propagates its reason; nothing of either frame lands', () => {
    const { w, callee, caller, h } = setup();
    const r = w.call(caller, 'fwd', [h(callee), 'fail2', '0x6b', 1]);
    expect(r.status).toBe('REVERT');
    expect(td.decode(r.revertReason!)).toBe('no 1');
    expect(writeCount(r.writes)).toBe(0);
    expect(r.logs).toEqual([]);
    expect(r.calls![0].status).toBe('REVERT');
  });

  test('try_call: (True, result) or (False, reason); the callee frame is dropped, the caller keeps its writes', () => {
    const { w, callee, caller, h } = setup();
    expect(td.decode(w.call(caller, 'attempt', [h(callee), 'who', '']).returnValue as Uint8Array)).toBe('ok');
    const r = w.call(caller, 'attempt', [h(callee), 'fail', 'why']);
    expect(r.status).toBe('SUCCESS');
    expect(td.decode(r.returnValue as Uint8Array)).toBe('why');
    expect(writeList(r.writes).map((x) => bytesToHex(x.address))).toEqual([bytesToHex(caller)]);
    expect(td.decode(w.call(caller, 'attempt', [h(callee), 'boom', '']).returnValue as Uint8Array)).toBe('error: ZeroDivisionError');
  });

  test('out of gas in the callee: all but 1/64 forwarded, the caller survives under try_call, fails OOG under call', () => {
    const { w, callee, caller, h } = setup();
    const r = w.call(caller, 'attempt', [h(callee), 'burn', ''], { gas: 200_000 });
    expect(r.status).toBe('SUCCESS');
    expect(td.decode(r.returnValue as Uint8Array)).toBe('out of gas');
    const c = r.calls![0];
    expect(c.status).toBe('OOG');
    expect(c.gasUsed).toBe(c.gas);
    expect(c.gas).toBeGreaterThan(180_000); // 200,000 less the entry, the cold load of the callee's code and 1/64
    expect(r.gasUsed).toBeLessThan(200_000);
    const capped = w.call(caller, 'attempt_gas', [h(callee), 'burn', 5000]);
    expect(capped.calls![0].gas).toBe(5000);
    expect(w.call(caller, 'fwd_int', [h(callee), 'burn'], { gas: 100_000 }).status).toBe('OOG');
  });

  test('static_call reads; a write, an event or a value move in it is a StaticCallViolation', () => {
    const { w, callee, caller, h } = setup();
    w.call(callee, 'put', ['0x6b', 3]);
    expect(w.call(caller, 'peek', [h(callee), 'get', '0x6b']).returnValue).toBe(3);
    const r = w.call(caller, 'peek_put', [h(callee), '0x6b']);
    expect([r.status, r.error?.kind]).toEqual(['ERROR', 'StaticCallViolation']);
    expect(r.calls![0].kind).toBe('StaticCallViolation');
  });

  test('a storage refund earned in a callee reaches the receipt', () => {
    const { w, callee, caller, h } = setup();
    w.call(callee, 'put', ['0x6b', 3]);
    const r = w.call(caller, 'clear_there', [h(callee), '0x6b']);
    expect(r.status).toBe('SUCCESS');
    expect(r.refund).toBeGreaterThan(0);
    expect(w.call(callee, 'get', ['0x6b']).returnValue).toBe(0);
  });

  test('value moves from the calling contract to the callee inside the journal', () => {
    const { w, callee, caller, h } = setup();
    w.state.setBalance(caller, 100n);
    const r = w.call(caller, 'pay', [h(callee), 30]);
    expect(r.status).toBe('SUCCESS');
    expect(r.returnValue).toBe(30);
    expect([w.state.getBalance(caller), w.state.getBalance(callee)]).toEqual([70n, 30n]);
    const over = w.call(caller, 'pay', [h(callee), 1000]);
    expect(over.status).toBe('REVERT');
    expect(w.state.getBalance(callee)).toBe(30n);
  });

  test('bad arguments to contracts.call are typed errors of the caller, never host exceptions', () => {
    const { w, callee, caller, h } = setup();
    const kinds = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => {
      const r = w.call(caller, 'odd', [h(callee), i]);
      return [r.status, r.error?.kind ?? null, r.status === 'SUCCESS' ? r.returnValue : null];
    });
    expect(kinds).toEqual([
      ['ERROR', 'ValueError', null],
      ['ERROR', 'ValueError', null],
      ['ERROR', 'TypeError', null],
      ['ERROR', 'TypeError', null],
      ['ERROR', 'TypeError', null],
      // more gas than there is: all that may be forwarded
      ['SUCCESS', null, 0],
      // no gas: the callee cannot pay its entry price
      ['OOG', null, null],
      ['ERROR', 'TypeError', null],
    ]);
  });

  test('bad input: no code, a missing function, wrong argument types are defined errors', () => {
    const { w, callee, caller, h } = setup();
    const none = w.call(caller, 'fwd_int', ['0x' + '00'.repeat(32), 'get']);
    expect([none.status, none.error?.kind]).toEqual(['ERROR', 'CallError']);
    const missing = w.call(caller, 'fwd_int', [h(callee), 'nope']);
    expect([missing.status, missing.error?.kind]).toEqual(['ERROR', 'CallError']);
    expect(missing.error?.message).toMatch(/no public function 'nope'/);
    expect(w.call(caller, 'fwd_int', [h(callee), '__init__']).error?.kind).toBe('CallError');
    const types = w.call(caller, 'fwd_get', [h(callee), 'get', 5]);
    expect([types.status, types.error?.kind]).toEqual(['ERROR', 'TypeError']);
    expect(w.call(caller, 'fwd_int', [h(callee), 'get']).error?.kind).toBe('TypeError');
    expect(w.call(caller, 'fwd_int', ['0x00', 'get']).error?.kind).toBe('ValueError');
    expect(td.decode(w.call(caller, 'attempt', ['0x' + '00'.repeat(32), 'get', '']).returnValue as Uint8Array)).toBe('error: CallError');
  });
});

describe('depth and re-entrancy', () => {
  const RELAY = `from stdlib import contracts, storage

def hop(targets: list[bytes], i: int) -> int:
    if i == len(targets):
        return i
    return contracts.call(targets[i], "hop", [targets, i + 1])

def back(other: bytes) -> int:
    return contracts.call(other, "back_to", [])
`;
  const BOUNCE = `from stdlib import contracts, abi

def back_to() -> int:
    return contracts.call(abi.caller(), "hop", [[], 0])
`;

  test('calls nest to limits.max_contract_depth; one more is a RecursionError', () => {
    const w = new World();
    const max = DEFAULT_LIMITS.max_contract_depth;
    const relays = Array.from({ length: max + 2 }, () => w.deploy(RELAY));
    const targets = (n: number) => relays.slice(1, n + 1).map((a) => '0x' + bytesToHex(a));
    const ok = w.call(relays[0], 'hop', [targets(max), 0], { gas: 50_000_000 });
    expect([ok.status, ok.returnValue]).toEqual(['SUCCESS', max]);
    const over = w.call(relays[0], 'hop', [targets(max + 1), 0], { gas: 50_000_000 });
    expect([over.status, over.error?.kind]).toEqual(['ERROR', 'RecursionError']);
  });

  test('re-entry into a contract already running is a ReentrancyError', () => {
    const w = new World();
    const a = w.deploy(RELAY);
    const b = w.deploy(BOUNCE);
    const r = w.call(a, 'back', ['0x' + bytesToHex(b)]);
    expect([r.status, r.error?.kind]).toEqual(['ERROR', 'ReentrancyError']);
    expect(r.calls![0].calls[0].kind).toBe('ReentrancyError');
    const self = w.call(a, 'hop', [['0x' + bytesToHex(a)], 0]);
    expect(self.error?.kind).toBe('ReentrancyError');
  });
});
