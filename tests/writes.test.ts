// node/writes.ts: a receipt's packed storage writes read back as the journal held them at
// storageWrites(), in (address, key) order, whatever the journal and the state that adopts
// its slabs write afterwards; and they stay plain data (structured clone, the plain codec).
import { expect, test } from 'vitest';
import { Journal } from '../node/journal.js';
import { MemoryState } from '../node/state.js';
import { NO_WRITES, writeAt, writeCount, writeList, type StorageWrites } from '../node/writes.js';
import { decodePlain, encodePlain } from '../host/parallel/plain_codec.js';

const hex = (b: Uint8Array | null) => (b === null ? null : Buffer.from(b).toString('hex'));
const A = new Uint8Array(20).fill(0xaa);
const B = new Uint8Array(20).fill(0x0b);
const shown = (w: StorageWrites) => writeList(w).map((x) => [hex(x.address), hex(x.key), hex(x.value)]);

test('sorted by address then key; emptied slots are null; later writes change nothing already listed', () => {
  const state = new MemoryState();
  state.setStorage(B, Uint8Array.of(9), Uint8Array.of(90));
  const j = new Journal(state);
  j.setStorage(A, Uint8Array.of(2), Uint8Array.of(20, 21));
  j.setStorage(B, Uint8Array.of(9), null);
  j.setStorage(A, Uint8Array.of(1), Uint8Array.of(10));
  j.setStorage(A, Uint8Array.of(1, 0), new Uint8Array(40).fill(7));
  expect(j.getStorage(A, Uint8Array.of(3))).toBe(null); // read only: not a write
  const w = j.storageWrites();
  const want = [
    [hex(B), '09', null],
    [hex(A), '01', '0a'],
    [hex(A), '0100', '07'.repeat(40)],
    [hex(A), '02', '1415'],
  ];
  expect(shown(w)).toEqual(want);
  expect(writeCount(w)).toBe(4);
  expect(hex(writeAt(w, 3).value)).toBe('1415');
  // the same slots written again, growing past their regions and the slabs, then committed
  // (the state adopts or copies the slabs the list points into) and written again there
  j.setStorage(A, Uint8Array.of(2), Uint8Array.of(99, 99)); // same size: in place, were the slab not frozen
  j.setStorage(A, Uint8Array.of(1), Uint8Array.of(0xff));
  expect(shown(w)).toEqual(want);
  for (let i = 0; i < 300; i++) j.setStorage(A, Uint8Array.of(i & 3), new Uint8Array(1 + i).fill(i & 0xff));
  j.commit();
  for (let i = 0; i < 300; i++) state.setStorage(A, Uint8Array.of(1), new Uint8Array(1 + i).fill(0xee));
  expect(shown(w)).toEqual(want);
});

test('structured clone and the plain codec carry them whole', () => {
  const j = new Journal(new MemoryState());
  for (let i = 0; i < 50; i++) j.setStorage(i % 2 ? A : B, Uint8Array.of(i), i % 7 ? Uint8Array.of(i, i) : null);
  const w = j.storageWrites();
  const want = shown(w);
  expect(want.length).toBe(50);
  expect(shown(structuredClone(w))).toEqual(want);
  expect(shown(decodePlain(encodePlain(w)) as StorageWrites)).toEqual(want);
  expect(writeCount(new Journal(new MemoryState()).storageWrites())).toBe(0);
  expect(shown(decodePlain(encodePlain(NO_WRITES)) as StorageWrites)).toEqual([]);
});
