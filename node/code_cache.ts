// Loaded code by its bytes: decoding and verifying IR is paid for once per code, whether a
// transaction calls it or another contract does (node/calls.ts). Gas never depends on a hit:
// every load is priced as if it were cold.
import { bytesToLatin1 } from '../core/values.js';
import { loadBytes, type LoadedModule } from '../core/load.js';
import { DEFAULT_LIMITS, type Limits } from '../spec/table.js';
import { remember } from './lru.js';

const moduleCache = new Map<string, LoadedModule>();

/**
 * Decoded, verified module for IR bytes. Keyed by the whole bytes (not the code hash, which
 * ignores the debug section: two encodings with one code hash may carry different debug
 * info) and the limits that loading checks. The bytes themselves, as a string, are the key:
 * a Map lookup on them is far cheaper than hashing the code on every call in JS.
 */
export function loadCode(code: Uint8Array, limits: Readonly<Limits> = DEFAULT_LIMITS): LoadedModule {
  // The same array again (a code store hands out its stored copy on every call) skips even
  // the key: building the latin1 string of the whole code was ~7% of a token transfer's CPU.
  // Stored code is never changed in place (stores keep their own copy), so identity is enough.
  const hit = byArray.get(code);
  if (hit !== undefined && hit.limits === limits) return hit.module;
  const module = remember(moduleCache, `${limits.max_stack}|${limits.max_code_bytes}|${bytesToLatin1(code)}`, () => loadBytes(code, limits));
  byArray.set(code, { limits, module });
  return module;
}
const byArray = new WeakMap<Uint8Array, { limits: Readonly<Limits>; module: LoadedModule }>();
