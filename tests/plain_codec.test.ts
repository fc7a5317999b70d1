// host/parallel/plain_codec.ts: what the parallel executor's threads send each other comes
// back with the same types and values (bigints stay bigints, -0 stays -0, absent keys stay
// absent, byte strings stay Uint8Arrays), real tx outcomes included; the rest is refused.
import { expect, test } from 'vitest';
import { decodePlain, encodePlain, NotPlain } from '../host/parallel/plain_codec.js';
import { toWire } from '../host/parallel/wire.js';
import { runTx } from '../node/block/execute_block.js';
import { shapedTxHash } from '../node/block/tx.js';
import { MemoryState } from '../node/state.js';
import { PyTuple } from '../core/values.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { addr, header, setupToken, transferTx } from './helpers/chain.js';

const round = (v: unknown) => decodePlain(encodePlain(v));

test('scalars, strings, bytes, arrays, maps and objects come back exactly', () => {
  const values: unknown[] = [
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    2 ** 31,
    -(2 ** 31),
    2 ** 53 + 2,
    0.5,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    0n,
    1n,
    -1n,
    2n ** 255n + 7n,
    -(2n ** 64n),
    '',
    'latin1 \u00ff\u0000',
    'keyId \u0100 and a lone surrogate \ud800 and 😀',
    'x'.repeat(5000),
    new Uint8Array(0),
    Uint8Array.of(1, 2, 3),
    new Uint8Array(300).fill(9),
    new Int32Array(0),
    Int32Array.of(-1, 0, 2 ** 31 - 1, -(2 ** 31), 7),
    [],
    [1, [2, [3n]], 'a'],
    new Map<unknown, unknown>([
      ['a', 1],
      [2n, { b: null }],
    ]),
    { a: 1, b: undefined, c: { d: [Uint8Array.of(5)] } },
    JSON.parse('{"__proto__": 5, "x": 1}'),
  ];
  for (const v of values) {
    const back = round(v);
    expect(back).toStrictEqual(v);
    if (typeof v === 'bigint') expect(typeof back).toBe('bigint');
  }
  expect(Object.is(round(-0), -0)).toBe(true);
  const o = round({ b: 1, a: 2 }) as object;
  expect(Object.keys(o)).toEqual(['b', 'a']);
  expect(Object.getPrototypeOf(round(JSON.parse('{"__proto__": 5}')))).toBe(Object.prototype);
  expect(round(new Uint8Array(40).fill(3))).toBeInstanceOf(Uint8Array);
  // a Buffer comes back a Uint8Array, as structured clone gives it
  expect(Object.getPrototypeOf(round(Buffer.from('ab')))).toBe(Uint8Array.prototype);
});

test('anything that is not plain data is refused', () => {
  for (const v of [new PyTuple([1n]), new Date(0), Symbol('s'), () => 1, new Uint16Array(2), new Set([1])]) expect(() => encodePlain(v)).toThrow(NotPlain);
  let deep: unknown = 1;
  for (let i = 0; i < 300; i++) deep = [deep];
  expect(() => encodePlain(deep)).toThrow(NotPlain);
});

test('real tx outcomes (success, revert) survive the trip as structured clone carries them', () => {
  const s = new MemoryState();
  const { token } = setupToken(s, 8);
  for (const tx of [transferTx(addr(1), 0n, token, addr(2), 5n), transferTx(addr(3), 0n, token, addr(2), 10n ** 40n)]) {
    const w = toWire(runTx(s, header(1), tx, shapedTxHash(tx), DEFAULT_LIMITS))!;
    expect(round(w)).toStrictEqual(structuredClone(w));
  }
});
