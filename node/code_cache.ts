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
  // Equal bytes in a new array (a database store reads a fresh copy each time): found by
  // length and a sample of the bytes, then compared whole, which costs a fraction of
  // building and hashing the latin1 key (28% of a transfer's time on an LMDB store).
  const sample = sampleKey(code, limits);
  const same = byContent.get(sample)?.find((c) => c.limits === limits && bytesEqual(c.bytes, code));
  if (same !== undefined) {
    byArray.set(code, same);
    return same.module;
  }
  const module = remember(moduleCache, `${limits.max_stack}|${limits.max_code_bytes}|${bytesToLatin1(code)}`, () => loadBytes(code, limits));
  const entry = { limits, module, bytes: code.slice() };
  byArray.set(code, entry);
  remember(byContent, sample, () => []).push(entry);
  return module;
}
const byArray = new WeakMap<Uint8Array, { limits: Readonly<Limits>; module: LoadedModule }>();
/** sampleKey -> modules loaded from code with that key, with a copy of their bytes (bounded like moduleCache) */
const byContent = new Map<string, { limits: Readonly<Limits>; module: LoadedModule; bytes: Uint8Array }[]>();

/** length, limits and an FNV-1a hash of at most 256 bytes spread over the code */
function sampleKey(b: Uint8Array, limits: Readonly<Limits>): string {
  const step = Math.max(1, Math.floor(b.length / 256));
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < b.length; i += step) h = Math.imul(h ^ b[i], 0x01000193);
  return `${limits.max_stack}|${limits.max_code_bytes}|${b.length}|${h}`;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
