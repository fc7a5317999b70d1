// Loaded code by its bytes: decoding and verifying IR is paid for once per code, whether a
// transaction calls it or another contract does (node/calls.ts). Gas never depends on a hit:
// every load is priced as if it were cold.
import { bytesToLatin1 } from '../core/values.js';
import { loadBytes, type LoadedModule } from '../core/load.js';
import { DEFAULT_LIMITS, type Limits } from '../spec/table.js';

const CACHE_SIZE = 64;
const moduleCache = new Map<string, LoadedModule>();

export function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) {
    // refresh: Map iteration order is insertion order, so the first key is the least recent
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const v = make();
  cache.set(key, v);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return v;
}

/**
 * Decoded, verified module for IR bytes. Keyed by the whole bytes (not the code hash, which
 * ignores the debug section: two encodings with one code hash may carry different debug
 * info) and the limits that loading checks. The bytes themselves, as a string, are the key:
 * a Map lookup on them is far cheaper than hashing the code on every call in JS.
 */
export function loadCode(code: Uint8Array, limits: Readonly<Limits> = DEFAULT_LIMITS): LoadedModule {
  return remember(moduleCache, `${limits.max_stack}|${limits.max_code_bytes}|${bytesToLatin1(code)}`, () => loadBytes(code, limits));
}
