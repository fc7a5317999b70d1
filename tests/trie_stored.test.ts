// node/trie/mpt.ts opened from a stored root: a trie reopened after every batch (from the
// nodes its sink received, one per path, overwritten) gives the same root, values and proofs
// as one kept in memory, through splits and merges;
// each batch writes only nodes on changed paths; a missing or altered node is E-STORE.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { expect, test } from 'vitest';
import { EMPTY_ROOT, MerkleTrie } from '../node/trie/mpt.js';
import { verifyTrieProof } from '../node/trie/proof.js';
import { StoreError } from '../spec/errors.js';
import { hex, KEY_KINDS, randomOps, rng } from './helpers/trie_ops.js';

/** a node store in a Map keyed by path (as host/store keys them: one node a path, overwritten), counting writes and reads */
function mapStore() {
  const nodes = new Map<string, Uint8Array>();
  const st = { writes: 0, reads: 0, nodes };
  const load = (_h: Uint8Array, at: Uint8Array) => {
    st.reads++;
    return nodes.get(hex(at)) ?? null;
  };
  const sink = (_h: Uint8Array, e: Uint8Array, at: Uint8Array) => {
    st.writes++;
    nodes.set(hex(at), e.slice());
  };
  return { ...st, st, load, sink };
}

for (const [name, keyLen] of KEY_KINDS) {
  test(`a trie reopened after every batch matches one kept in memory: ${name}`, () => {
    const r = rng(name.length * 31);
    const mem = new MerkleTrie();
    const s = mapStore();
    let root = EMPTY_ROOT;
    const keys: Uint8Array[] = [];
    let disk = new MerkleTrie({ root, load: s.load, sink: s.sink });
    for (let round = 0; round < 40; round++) {
      // mostly a fresh trie object each round (everything it knows comes from the stored
      // nodes); sometimes the same one, whose root() hands over several versions of a path
      if (round % 3 !== 2) disk = new MerkleTrie({ root, load: s.load, sink: s.sink });
      for (const [key, value] of randomOps(r, keyLen, keys, 30)) {
        mem.put(key, value);
        disk.put(key, value);
      }
      root = disk.root();
      expect(hex(root), `round ${round}`).toBe(hex(mem.root()));
    }
    const reopened = new MerkleTrie({ root, load: s.load });
    let present = 0;
    for (const key of keys.slice(0, 80)) {
      const want = mem.get(key);
      expect(reopened.get(key)).toEqual(want);
      const got = verifyTrieProof(root, key, reopened.prove(key));
      expect(got === null ? null : hex(got)).toBe(want === null ? null : hex(want));
      if (want) present++;
    }
    expect(present).toBeGreaterThan(5);
  });
}

test('a batch on a large stored trie reads and writes only the changed paths', () => {
  const s = mapStore();
  const t = new MerkleTrie({ sink: s.sink });
  const key = (i: number) => sha3_256(Uint8Array.of(i & 255, (i >> 8) & 255, i >> 16));
  for (let i = 0; i < 20_000; i++)
    t.put(key(i), Uint8Array.of(1, 2, 3, i & 255, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32));
  const root = t.root();
  expect(s.st.writes).toBeGreaterThan(20_000);
  const before = { w: s.st.writes, r: s.st.reads };
  const again = new MerkleTrie({ root, load: s.load, sink: s.sink });
  for (let j = 0; j < 10; j++)
    again.put(key(j * 1999), Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, j));
  const next = again.root();
  // 20,000 keys: paths are 4-5 nodes deep, so 10 changed keys touch at most ~50 nodes
  expect(s.st.reads - before.r).toBeLessThanOrEqual(60);
  expect(s.st.writes - before.w).toBeLessThanOrEqual(60);
  expect(s.st.writes - before.w).toBeGreaterThanOrEqual(10);
  t.put(key(0), null);
  for (let j = 0; j < 10; j++)
    t.put(key(j * 1999), Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, j));
  t.put(key(0), Uint8Array.of(9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 9, 0));
  expect(hex(t.root())).toBe(hex(next));
  // unload forgets the decoded nodes; the trie reloads them as needed
  again.unload();
  expect(hex(again.get(key(1999))!)).toBe(hex(t.get(key(1999))!));
  expect(() => again.size).toThrow(RangeError);
});

test('a missing or altered stored node is refused with E-STORE, at open and on the path', () => {
  const s = mapStore();
  const t = new MerkleTrie({ sink: s.sink });
  for (let i = 0; i < 500; i++)
    t.put(
      sha3_256(Uint8Array.of(i & 255, i >> 8)),
      Uint8Array.of(7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, i & 255),
    );
  const root = t.root();
  // the root node (at the empty path) altered: refused when the root is loaded
  const rootHex = '';
  const good = s.nodes.get(rootHex)!;
  const bad = good.slice();
  bad[bad.length - 1] ^= 1;
  s.nodes.set(rootHex, bad);
  const opened = new MerkleTrie({ root, load: s.load });
  expect(() => opened.touch()).toThrow(StoreError);
  expect(() => opened.touch()).toThrow(/does not match its hash/);
  s.nodes.set(rootHex, good);
  // a node below the root gone: the keys under it are refused, the others still read
  const victim = [...s.nodes.keys()].find((k) => k !== rootHex)!;
  s.nodes.delete(victim);
  const reopened = new MerkleTrie({ root, load: s.load });
  let refused = 0;
  for (let i = 0; i < 500; i++) {
    try {
      reopened.get(sha3_256(Uint8Array.of(i & 255, i >> 8)));
    } catch (e) {
      expect(e).toBeInstanceOf(StoreError);
      expect(String(e)).toMatch(/missing/);
      refused++;
    }
  }
  expect(refused).toBeGreaterThan(0);
  expect(refused).toBeLessThan(500);
});
