// Exact gas of every stdlib call, computed from the table (never a hard-coded total): each
// case runs a function at two sizes so both the base and the per-word part show. The last
// test fails when a stdlib function is added to the YAML without a case here.
import { PQ_UNITS } from '../spec/pq_units.js';
import { PQ_ALGS } from '../stdlib/pq_algs.js';
import { describe, expect, test } from 'vitest';
import { CONSTANTS, ENTRY, REFUNDS, STDLIB, STDLIB_BY_NAME } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';
import { PyDict, PyTuple, type Value } from '../core/values.js';
import { MemoryState } from '../node/state.js';
import { Revert } from '../spec/errors.js';
import { encodeEventData } from '../stdlib/event_codec.js';
import { makeMachine, stdCall } from './helpers/stdcall.js';

const T = (n: string) => STDLIB_BY_NAME.get(n)!;
const w = (n: number) => Math.ceil(n / 32);
const B = (n: number, fill = 0xab) => new Uint8Array(n).fill(fill);
const covered = new Set<string>();

function gasOf(name: string, args: Value[], env: Parameters<typeof makeMachine>[0] = {}): number {
  covered.add(name);
  return stdCall(name, args, makeMachine(env)).gas;
}

/** Gas charged by a call that reverts (the charge still happened). */
function gasOfRevert(name: string, args: Value[]): number {
  covered.add(name);
  const m = makeMachine();
  const before = m.gas;
  expect(() => stdCall(name, args, m)).toThrow(Revert);
  return before - m.gas;
}

describe('stdlib exact gas: base + per_word * words', () => {
  test('the per-word parts are non-zero where the table says size matters', () => {
    for (const n of ['storage.get', 'storage.set', 'hash.sha3_256', 'random.bytes', 'pq.verify', 'abi.encode', 'treasury.transfer'])
      expect(T(n).dynamic.words, n).toBeGreaterThan(0);
  });

  test('storage.get / get_bytes / get_int: key words, plus value words when present', () => {
    const g = T('storage.get');
    for (const k of [1, 33, 64]) expect(gasOf('storage.get', [B(k), null])).toBe(g.base + g.dynamic.words * w(k));
    for (const v of [1, 32, 33, 1000]) {
      const state = new MemoryState();
      state.setStorage(new Uint8Array(32).fill(0xcc), B(5), B(v));
      expect(gasOf('storage.get', [B(5), null], { state })).toBe(g.base + g.dynamic.words * (w(5) + w(v)));
      expect(gasOf('storage.get_bytes', [B(5), null], { state })).toBe(g.base + g.dynamic.words * (w(5) + w(v)));
    }
    const gi = T('storage.get_int');
    const state = new MemoryState();
    state.setStorage(new Uint8Array(32).fill(0xcc), B(40), B(32, 1));
    expect(gasOf('storage.get_int', [B(40), 0], { state })).toBe(gi.base + gi.dynamic.words * (w(40) + 1));
    expect(gasOf('storage.get_int', [B(40), 0])).toBe(gi.base + gi.dynamic.words * w(40));
  });

  test('storage.set / set_bytes / set_int: words of key and value, the new-slot premium once, the clear refund', () => {
    const s = T('storage.set');
    expect(s.dynamic.new_slots).toBe(CONSTANTS.SSTORE_NEW_SLOT);
    for (const v of [1, 32, 33, 2000]) {
      expect(gasOf('storage.set', [B(3), B(v)])).toBe(s.base + s.dynamic.words * (w(3) + w(v)) + s.dynamic.new_slots);
      expect(gasOf('storage.set_bytes', [B(3), B(v)])).toBe(s.base + s.dynamic.words * (w(3) + w(v)) + s.dynamic.new_slots);
    }
    const state = new MemoryState();
    const self = new Uint8Array(32).fill(0xcc);
    state.setStorage(self, B(3), B(10));
    // overwriting a non-empty slot: no premium
    expect(gasOf('storage.set', [B(3), B(100)], { state })).toBe(s.base + s.dynamic.words * (w(3) + w(100)));
    // clearing it: no premium, and the refund is recorded for the end of the call
    const m = makeMachine({ state });
    const r = stdCall('storage.set', [B(3), new Uint8Array(0)], m);
    expect(r.gas).toBe(s.base + s.dynamic.words * w(3));
    expect(m.refund).toBe(REFUNDS.storageClear);
    const si = T('storage.set_int');
    expect(gasOf('storage.set_int', [B(50), 7])).toBe(si.base + si.dynamic.words * (w(50) + 1) + si.dynamic.new_slots);
  });

  test('premium and refund are judged against the slot before the call: one refund per slot emptied', () => {
    const s = T('storage.set');
    const d = T('storage.delete');
    const self = new Uint8Array(32).fill(0xcc);
    // created and emptied in the same call: premium paid, no refund
    const m = makeMachine();
    expect(stdCall('storage.set', [B(3), B(1)], m).gas).toBe(s.base + s.dynamic.words * 2 + s.dynamic.new_slots);
    expect(stdCall('storage.delete', [B(3)], m).gas).toBe(d.base + d.dynamic.words);
    expect(m.refund).toBe(0);
    // non-empty before the call: clear (+refund), refill (no premium, refund taken back), clear again
    const state = new MemoryState();
    state.setStorage(self, B(4), B(8));
    const m2 = makeMachine({ state });
    stdCall('storage.set', [B(4), new Uint8Array(0)], m2);
    expect(m2.refund).toBe(REFUNDS.storageClear);
    expect(stdCall('storage.set', [B(4), B(8)], m2).gas).toBe(s.base + s.dynamic.words * 2);
    expect(m2.refund).toBe(0);
    stdCall('storage.delete', [B(4)], m2);
    stdCall('storage.delete', [B(4)], m2);
    expect(m2.refund).toBe(REFUNDS.storageClear);
  });

  test('storage.delete and storage.exists: key words; delete refunds only a non-empty slot', () => {
    const d = T('storage.delete');
    const e = T('storage.exists');
    expect(gasOf('storage.delete', [B(64)])).toBe(d.base + d.dynamic.words * 2);
    expect(gasOf('storage.exists', [B(1)])).toBe(e.base + e.dynamic.words * 1);
    expect(gasOf('storage.exists', [B(33)])).toBe(e.base + e.dynamic.words * 2);
    const state = new MemoryState();
    state.setStorage(new Uint8Array(32).fill(0xcc), B(2), B(2));
    const m = makeMachine({ state });
    expect(stdCall('storage.delete', [B(2)], m).gas).toBe(d.base + d.dynamic.words);
    expect(m.refund).toBe(REFUNDS.storageClear);
    const m2 = makeMachine();
    stdCall('storage.delete', [B(2)], m2);
    expect(m2.refund).toBe(0);
  });

  test('events.emit: base + topic + per_arg * args + convert_steps of big ints + per_word * words(data)', () => {
    const e = T('events.emit');
    expect(e.dynamic.items).toBeGreaterThan(0);
    for (const n of [0, 10, 100]) {
      const args = new PyDict();
      args.set('x', B(n));
      const data = encodeEventData(args);
      expect(gasOf('events.emit', [b('E'), args])).toBe(e.base + e.dynamic.topics + e.dynamic.items + e.dynamic.words * w(data.length));
    }
    // more args: per arg on top of the words
    for (const k of [1, 5, 16]) {
      const args = new PyDict();
      for (let i = 0; i < k; i++) args.set(`a${i}`, i);
      const data = encodeEventData(args);
      expect(gasOf('events.emit', [b('E'), args])).toBe(e.base + e.dynamic.topics + e.dynamic.items * k + e.dynamic.words * w(data.length));
    }
    // a big int arg: w * max(1, w - 3) steps for w words of its hex digits, as str() counts
    for (const bits of [60, 300, 1000, 4000]) {
      const args = new PyDict();
      const x = -(2n ** BigInt(bits)) + 12345n;
      args.set('v', x);
      const data = encodeEventData(args);
      const hw = Math.ceil(Math.floor(bits / 4) / 32);
      const steps = hw * Math.max(1, hw - 3);
      expect(gasOf('events.emit', [b('E'), args]), `${bits} bits`).toBe(
        e.base + e.dynamic.topics + e.dynamic.items + e.dynamic.convert_steps * steps + e.dynamic.words * w(data.length),
      );
    }
  });

  test('hashes: base + per_word * words(input)', () => {
    for (const n of ['hash.sha3_256', 'hash.sha3_512', 'hash.keccak256', 'hash.blake3']) {
      const h = T(n);
      for (const len of [0, 1, 32, 33, 4096]) expect(gasOf(n, [B(len)]), `${n} ${len}`).toBe(h.base + h.dynamic.words * w(len));
    }
  });

  test('abi.require / abi.revert / context accessors: base only', () => {
    expect(gasOf('abi.require', [true, ''])).toBe(T('abi.require').base);
    expect(gasOfRevert('abi.require', [false, B(500)])).toBe(T('abi.require').base);
    expect(gasOfRevert('abi.revert', [B(5)])).toBe(T('abi.revert').base);
    for (const n of [
      'abi.caller',
      'abi.sender',
      'abi.msg_sender',
      'abi.block_height',
      'abi.block_number',
      'abi.block_timestamp',
      'abi.chain_id',
      'abi.contract_address',
      'abi.tx_hash',
      'abi.call_value',
    ]) {
      expect(gasOf(n, []), n).toBe(CONSTANTS.CONTEXT_BASE);
    }
  });

  test('abi.encode / abi.decode: base + per_word * (words(type names) + words(bytes)) + per_item * values', () => {
    const en = T('abi.encode');
    const de = T('abi.decode');
    expect(en.dynamic.items).toBeGreaterThan(0);
    expect(de.dynamic.items).toBeGreaterThan(0);
    for (const n of [0, 31, 100]) {
      const types = ['int', 'bytes'];
      const out = 1 + (n < 128 ? 1 : 2) + n; // int 5 -> 1 byte, then uvarint(len) || bytes
      expect(gasOf('abi.encode', [types, [5, B(n)]])).toBe(en.base + en.dynamic.words * (w(8) + w(out)) + en.dynamic.items * 2);
      const data = stdCall('abi.encode', [types, [5, B(n)]]).value as Uint8Array;
      expect(data.length).toBe(out);
      expect(gasOf('abi.decode', [new PyTuple(types), data])).toBe(de.base + de.dynamic.words * (w(8) + w(out)) + de.dynamic.items * 2);
    }
    // nested values count one each: a list of k tuples of (int, bytes) is 1 + k * 3 values
    for (const k of [0, 1, 7, 300]) {
      const types = ['list<tuple(int,bytes)>'];
      const vals = [Array.from({ length: k }, (_, i) => new PyTuple([i, B(1)]))];
      const data = stdCall('abi.encode', [types, vals]).value as Uint8Array;
      const nameWords = w(types[0].length);
      expect(gasOf('abi.encode', [types, vals])).toBe(en.base + en.dynamic.words * (nameWords + w(data.length)) + en.dynamic.items * (1 + 3 * k));
      expect(gasOf('abi.decode', [types, data])).toBe(de.base + de.dynamic.words * (nameWords + w(data.length)) + de.dynamic.items * (1 + 3 * k));
    }
    // a list of empty tuples takes one length prefix and no bytes per item: still one value each
    const data = stdCall('abi.encode', [['list<tuple()>'], [Array.from({ length: 1000 }, () => new PyTuple([]))]]).value as Uint8Array;
    expect(data.length).toBe(2);
    expect(gasOf('abi.decode', [['list<tuple()>'], data])).toBe(de.base + de.dynamic.words * (w(13) + w(2)) + de.dynamic.items * 1001);
  });

  test('treasury.balance / transfer: base + per_word * words(address)', () => {
    const bal = T('treasury.balance');
    const tr = T('treasury.transfer');
    expect(gasOf('treasury.balance', [null])).toBe(bal.base + bal.dynamic.words * 1);
    expect(gasOf('treasury.balance', [B(32)])).toBe(bal.base + bal.dynamic.words * 1);
    expect(gasOf('treasury.balance', [B(40)], { limits: { address_bytes: 40 } })).toBe(bal.base + bal.dynamic.words * 2);
    const state = new MemoryState();
    state.setBalance(new Uint8Array(32).fill(0xcc), 10n);
    expect(gasOf('treasury.transfer', [B(32), 3], { state })).toBe(tr.base + tr.dynamic.words * 1);
    expect(gasOf('treasury.transfer', [B(33), 3], { state, limits: { address_bytes: 33 } })).toBe(tr.base + tr.dynamic.words * 2);
  });

  test('random.bytes and its aliases: base + per_word * words(n)', () => {
    const r = T('random.bytes');
    for (const name of ['random.bytes', 'syscalls.random', 'syscalls.random_bytes']) {
      for (const n of [0, 1, 32, 33, 4096]) expect(gasOf(name, [n]), `${name} ${n}`).toBe(r.base + r.dynamic.words * w(n));
    }
  });

  test('syscalls: base + per_word * words of the inputs (read_result: of the id and the result)', () => {
    const bp = T('syscalls.blob_pin');
    for (const n of [0, 33, 1000]) expect(gasOf('syscalls.blob_pin', [7, B(n)])).toBe(bp.base + bp.dynamic.words * w(n));
    const ai = T('syscalls.ai_enqueue');
    expect(gasOf('syscalls.ai_enqueue', [B(10), 'x'.repeat(100)])).toBe(ai.base + ai.dynamic.words * (w(10) + w(100)));
    expect(gasOf('syscalls.ai_enqueue', [B(33), B(0)])).toBe(ai.base + ai.dynamic.words * 2);
    const q = T('syscalls.quantum_enqueue');
    expect(gasOf('syscalls.quantum_enqueue', [B(65), 256])).toBe(q.base + q.dynamic.words * 3);
    const rr = T('syscalls.read_result');
    expect(gasOf('syscalls.read_result', [B(32, 1)])).toBe(rr.base + rr.dynamic.words * 1);
    const results = new Map([[Buffer.from(B(32, 1)).toString('hex'), B(100)]]);
    expect(gasOf('syscalls.read_result', [B(32, 1)], { results })).toBe(rr.base + rr.dynamic.words * (1 + w(100)));
    const zk = T('syscalls.zk_verify');
    expect(gasOf('syscalls.zk_verify', [B(1), B(64), B(65)])).toBe(zk.base + zk.dynamic.words * (1 + 2 + 3));
    expect(gasOf('syscalls.read_beacon', [])).toBe(T('syscalls.read_beacon').base);
  });

  test('pq.verify: base + pq_units of the parameter set + per_word * words(pubkey, msg, sig); pq.address: hash price', () => {
    const v = T('pq.verify');
    const parts = (pk: number, msg: number, sig: number) => v.dynamic.words * (w(pk) + w(msg) + w(sig));
    const units = (name: string) => v.dynamic.pq_units * PQ_UNITS[name];
    expect(gasOf('pq.verify', [1, B(1312), B(10), B(2420)])).toBe(v.base + units('ML-DSA-44') + parts(1312, 10, 2420));
    expect(gasOf('pq.verify', ['ML-DSA-87', B(5), B(0), B(5)])).toBe(v.base + units('ML-DSA-87') + parts(5, 0, 5));
    expect(gasOf('pq.verify', ['SLH-DSA-SHA2-128f', B(32), B(64), B(17088)])).toBe(v.base + units('SLH-DSA-SHA2-128f') + parts(32, 64, 17088));
    expect(gasOf('pq.verify', ['SLH-DSA-SHAKE-256s', B(64), B(1), B(100)])).toBe(v.base + units('SLH-DSA-SHAKE-256s') + parts(64, 1, 100));
    // every parameter set has its units
    for (const a of PQ_ALGS) expect(PQ_UNITS[a.name]).toBeGreaterThan(0);
    const a = T('pq.address');
    expect(gasOf('pq.address', [1, B(1312)])).toBe(a.base + a.dynamic.words * w(1314));
    expect(gasOf('pq.address', ['SLH-DSA-SHA2-128f', B(32)])).toBe(a.base + a.dynamic.words * w(34));
  });

  test('through a compiled contract, the receipt shows the same per-word part', () => {
    const c = new TestContract('from stdlib import hash\ndef h(d: bytes) -> bytes:\n    return hash.sha3_256(d)\n');
    const gas = (n: number) => c.call('h', ['0x' + '00'.repeat(n)]).gasUsed;
    // 32 more input bytes: 32 more calldata bytes at entry, one more hashed word, same-size result
    expect(gas(64) - gas(32)).toBe(32 * ENTRY.perCalldataByte + T('hash.sha3_256').dynamic.words);
    expect(gas(33) - gas(32)).toBe(1 * ENTRY.perCalldataByte + T('hash.sha3_256').dynamic.words);
    expect(gas(31) - gas(1)).toBe(30 * ENTRY.perCalldataByte);
  });

  test('contracts.call / static_call / try_call: base (+ value transfer), then per_word * words of code, calldata and return', async () => {
    const { compileSource } = await import('../compiler/index.js');
    const { World } = await import('./helpers/calls.js');
    const { encodeArgs } = await import('../core/abi/codec.js');
    const world = new World();
    const calleeSrc = 'from stdlib import storage\n\ndef get(k: bytes) -> bytes:\n    return storage.get(k, k + k)\n';
    const callee = world.deploy(calleeSrc);
    const caller = world.deploy(
      'from stdlib import contracts\n\n' +
        'def t(to: bytes, k: bytes, v: int) -> None:\n    contracts.try_call(to, "get", [k], value=v)\n\n' +
        `def u(to: bytes, k: bytes, v: int) -> None:\n    contracts.try_call(to, "${'g'.repeat(200)}", [k], value=v)\n\n` +
        'def c(to: bytes, k: bytes) -> None:\n    contracts.call(to, "get", [k])\n\n' +
        'def t2(to: bytes, k: bytes, v: int) -> None:\n    contracts.try_call(to, "get", [k], value=v)\n    contracts.try_call(to, "get", [k], value=v)\n\n' +
        'def s(to: bytes, k: bytes) -> None:\n    contracts.static_call(to, "get", [k])\n',
    );
    world.state.setBalance(caller, 10n);
    const code = compileSource(calleeSrc).bytes;
    const hex = (x: Uint8Array) => '0x' + Buffer.from(x).toString('hex');
    const none = '0x' + '99'.repeat(32);
    const P = T('contracts.call');
    for (const name of ['contracts.call', 'contracts.static_call', 'contracts.try_call']) {
      expect(T(name).base).toBe(P.base);
      expect(T(name).dynamic.words).toBe(P.dynamic.words);
      expect(T(name).dynamic.items).toBe(P.dynamic.items);
      covered.add(name);
    }
    // the call's node in the receipt (a call to `get`): paid by every call, failed ones too
    const node = (fnLen: number) => CONSTANTS.RESULT_PER_WORD * w(CONSTANTS.CALL_NODE_BYTES + 32 + fnLen);
    expect(world.call(caller, 'u', [none, hex(B(1)), 0]).gasUsed - world.call(caller, 't', [none, hex(B(1)), 0]).gasUsed).toBe(node(200) - node(3));
    for (const n of [1, 40]) {
      const k = hex(B(n));
      // no code at the address: the call stops after the base price
      const base = world.call(caller, 't', [none, k, 0]);
      const full = world.call(caller, 't', [hex(callee), k, 0]);
      const node = full.calls![0];
      expect(node.status).toBe('SUCCESS');
      const calldata = 8 + encodeArgs(['bytes'], [B(n)]).length;
      const words = w(calldata) + w(node.returnData.length);
      // the callee's code, loaded for the first time in this call; one value encoded as the
      // argument, one decoded from the result
      const load = CONSTANTS.CODE_LOAD_PER_WORD * w(code.length);
      expect(full.gasUsed - base.gasUsed).toBe(load + P.dynamic.words * words + P.dynamic.items * 2 + node.gasUsed);
      // a second call to it in the same call finds the code loaded: CALL_PER_WORD per word
      const second = world.call(caller, 't2', [hex(callee), k, 0]).gasUsed - full.gasUsed - (world.call(caller, 't2', [none, k, 0]).gasUsed - base.gasUsed);
      expect(second).toBe(P.dynamic.words * (w(code.length) + words) + P.dynamic.items * 2 + node.gasUsed);
      // the callee pays its own entry price on its calldata
      expect(node.gasUsed).toBeGreaterThan(ENTRY.base + ENTRY.perCalldataByte * calldata);
      // a value costs the transfer surcharge on top of the base (no code: nothing else)
      expect(world.call(caller, 't', [none, k, 1]).gasUsed - base.gasUsed).toBe(P.dynamic.value_transfers);
      // call and static_call charge what try_call does
      expect(world.call(caller, 'c', [hex(callee), k]).calls![0].gasUsed).toBe(node.gasUsed);
      expect(world.call(caller, 's', [hex(callee), k]).calls![0].gasUsed).toBe(node.gasUsed);
    }
  });

  // runs last (tests in a file run in order)
  test('every stdlib name and alias has an exact-gas case above', () => {
    const all = STDLIB.flatMap((s) => [s.name, ...s.aliases]);
    expect(all.filter((n) => !covered.has(n))).toEqual([]);
  });
});

function b(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}
