// stdlib.storage: the contract's persistent key/value store, through the call's journal.
// Prices (spec/opcodes_vm_py.yaml): reads pay base + per_word * (key words + value words);
// writes pay base + per_word * (key words + value words). State growth and shrinkage are
// judged against the slot's value before the call (its "original"), so a call cannot earn
// refunds for slots it created itself, nor pay twice for one slot:
//   premium: an empty slot that was also empty before the call becomes non-empty;
//   refund:  a slot non-empty before the call becomes empty (+), or is refilled after this
//            call emptied it (- the same amount, taking the refund back).
// Net: one refund per slot that was non-empty before the call and is empty after it.
import { VmError } from '../spec/errors.js';
import { REFUNDS, STDLIB_BY_NAME } from '../spec/table.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { normBig, type Value } from '../core/values.js';
import { needBytes, needInt, words } from './args.js';
import { noStaticWrite } from './static.js';

const P = (n: string) => STDLIB_BY_NAME.get(n)!;
const GET = P('storage.get');
const SET = P('storage.set');
const DEL = P('storage.delete');
const EXISTS = P('storage.exists');
const GET_INT = P('storage.get_int');
const SET_INT = P('storage.set_int');

function key(m: Machine, fn: string, v: Value): Uint8Array {
  const k = needBytes(fn, 'key', v);
  if (k.length < 1 || k.length > m.limits.max_storage_key_bytes) {
    throw new VmError('ValueError', `${fn}(): key must be 1..${m.limits.max_storage_key_bytes} bytes, got ${k.length}`);
  }
  return k;
}

/** Read with the value-size part of the price charged on what comes back. */
function read(m: Machine, fn: string, info: typeof GET, k: Uint8Array): Uint8Array | null {
  m.charge(info.base + info.dynamic.words * words(k.length));
  const v = m.host.journal.getStorage(m.host.address, k);
  if (v) m.charge(info.dynamic.words * words(v.length));
  return v;
}

function write(m: Machine, fn: string, info: typeof SET, k: Uint8Array, v: Uint8Array): void {
  noStaticWrite(m, fn);
  if (v.length > m.limits.max_storage_value_bytes) {
    throw new VmError('ValueError', `${fn}(): value is ${v.length} bytes, the cap is ${m.limits.max_storage_value_bytes}`);
  }
  const s = m.host.journal.slotsOf(m.host.address);
  // one lookup gives the value now and before the call (reading a slot costs no gas and changes nothing)
  const e = s.slot(k, v.length);
  const full = s.full(e);
  const fills = !full && v.length > 0;
  const hadOriginal = s.original(e);
  m.charge(info.base + info.dynamic.words * (words(k.length) + words(v.length)) + (fills && !hadOriginal ? info.dynamic.new_slots : 0));
  if (fills && hadOriginal) m.refund -= REFUNDS.storageClear;
  if (full && v.length === 0 && hadOriginal) m.refund += REFUNDS.storageClear;
  s.write(e, v.length ? v : null);
}

export const get: StdImpl = (m, a, b) => {
  const v = read(m, 'storage.get', GET, key(m, 'storage.get', a[b]));
  return v === null ? a[b + 1] : v;
};

export const set: StdImpl = (m, a, b) => {
  write(m, 'storage.set', SET, key(m, 'storage.set', a[b]), needBytes('storage.set', 'value', a[b + 1]));
  return null;
};

export const del: StdImpl = (m, a, b) => {
  const k = key(m, 'storage.delete', a[b]);
  noStaticWrite(m, 'storage.delete');
  m.charge(DEL.base + DEL.dynamic.words * words(k.length));
  const s = m.host.journal.slotsOf(m.host.address);
  const e = s.slot(k);
  if (s.full(e)) {
    if (s.original(e)) m.refund += REFUNDS.storageClear;
    s.write(e, null);
  }
  return null;
};

export const exists: StdImpl = (m, a, b) => {
  const k = key(m, 'storage.exists', a[b]);
  m.charge(EXISTS.base + EXISTS.dynamic.words * words(k.length));
  return m.host.journal.slotsOf(m.host.address).has(k);
};

export const getInt: StdImpl = (m, a, b) => {
  const v = read(m, 'storage.get_int', GET_INT, key(m, 'storage.get_int', a[b]));
  if (v === null) return a[b + 1];
  if (v.length > 32) throw new VmError('ValueError', `storage.get_int(): stored value is ${v.length} bytes, an int slot holds at most 32`);
  let x = 0n;
  for (const byte of v) x = (x << 8n) | BigInt(byte);
  return normBig(x);
};

const TWO_256 = 1n << 256n;
export const setInt: StdImpl = (m, a, b) => {
  const k = key(m, 'storage.set_int', a[b]);
  const x = BigInt(needInt('storage.set_int', 'value', a[b + 1]));
  if (x < 0n || x >= TWO_256) throw new VmError('OverflowError', 'storage.set_int(): value must be in 0 .. 2**256 - 1');
  const out = new Uint8Array(32);
  let y = x;
  for (let i = 31; i >= 0 && y > 0n; i--) {
    out[i] = Number(y & 0xffn);
    y >>= 8n;
  }
  write(m, 'storage.set_int', SET_INT, k, out);
  return null;
};
