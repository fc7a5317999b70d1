// The manifest's contract as `vm-py run` needs it: the loaded module, the manifest ABI
// cross-checked against the code, and parameter names. Compiled IR is cached per source in
// <state file's directory>/cache/<key>.ir, so a warm run loads neither the parser nor the
// compiler (imported dynamically, so left uninitialized in the bundle unless there is a miss).
//
// key = sha3_256 of the cache format, vm-py version and build id, gas table version, the
// source's display path (it is in the debug info) and the source text. The file holds a
// magic, sha3_256(key || ir) and the IR bytes. An entry is used only if the checksum
// matches, the IR decodes (strict, canonical) and verifies, names the same source file and
// the manifest cross-check passes; anything else (a torn, tampered or stale entry) counts
// as a miss: the source is compiled as if there were no cache, with the same diagnostics
// and errors, and the entry is rewritten. Cache writes are best effort and never fail a run.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeModule } from '../compiler/codec.js';
import { loadModule, type LoadedModule } from '../runtime/load.js';
import type { AbiFunction } from '../runtime/manifest.js';
import { crossCheckAbi, signaturesFromModule, signaturesFromSource } from '../runtime/manifest_check.js';
import { TABLE_VERSION } from '../spec/table.js';
import type { Project } from './project.js';

// set by scripts/build.mjs (esbuild define); unbundled (tests importing the sources) they are absent
declare const __VMPY_VERSION__: string;
declare const __VMPY_BUILD_ID__: string;
const VERSION = typeof __VMPY_VERSION__ === 'string' ? __VMPY_VERSION__ : 'unbundled';
const BUILD_ID = typeof __VMPY_BUILD_ID__ === 'string' ? __VMPY_BUILD_ID__ : 'unbundled';

const FORMAT = 'vm-py-ir-cache/1';
const MAGIC = new TextEncoder().encode('VMPYIRC1');
const HEAD = MAGIC.length + 32;

export interface Contract {
  mod: LoadedModule;
  /** the manifest's functions by name, checked against the code */
  abi: Map<string, AbiFunction>;
  /** public function -> its parameter names */
  paramNames: Map<string, string[]>;
  /** where the IR came from (for tests and the bench) */
  from: 'cache' | 'compiler';
}

// SHA3-256 from node:crypto (OpenSSL), the same function as @noble/hashes' sha3_256: a few
// hashes of a few KB in the pure-JS keccak get it optimized by TurboFan, which alone costs
// more CPU than the rest of a warm run (bench/NOTES.md, cold start).
function sha3(...parts: (string | Uint8Array)[]): Uint8Array {
  const h = createHash('sha3-256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
}

export function cacheKey(source: string, file: string): Uint8Array {
  return sha3([FORMAT, VERSION, BUILD_ID, String(TABLE_VERSION), file].join('\0') + '\0', source);
}

export function cachePath(cacheDir: string, key: Uint8Array): string {
  return join(cacheDir, Buffer.from(key).toString('hex') + '.ir');
}

/** The cache directory for a state file: `cache/` beside it (.vm-py/cache for the default state). */
export function cacheDirFor(statePath: string): string {
  return join(dirname(statePath), 'cache');
}

function checksum(key: Uint8Array, ir: Uint8Array): Uint8Array {
  return sha3(key, ir);
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export async function loadContract(project: Project, cacheDir: string): Promise<Contract> {
  const key = cacheKey(project.source, project.file);
  const path = cachePath(cacheDir, key);
  const hit = fromCache(project, path, key);
  if (hit) return hit;
  // the parser, checker and compiler: initialized only here
  const { compileSource } = await import('../compiler/index.js');
  const compiled = compileSource(project.source, { file: project.file });
  const abi = crossCheckAbi(project.manifest.abi, signaturesFromSource(compiled.checked), compiled.checked.src.file);
  const mod = loadModule(compiled.module);
  const paramNames = new Map<string, string[]>();
  for (const name of mod.byName.keys()) {
    const f = compiled.checked.funcs.get(name);
    if (f) paramNames.set(name, f.params.map((p) => p.name));
  }
  writeCache(path, key, compiled.bytes);
  return { mod, abi, paramNames, from: 'compiler' };
}

function fromCache(project: Project, path: string, key: Uint8Array): Contract | undefined {
  let buf: Buffer;
  try {
    buf = readFileSync(path);
  } catch {
    return undefined;
  }
  try {
    if (buf.length <= HEAD || !sameBytes(buf.subarray(0, MAGIC.length), MAGIC)) return undefined;
    // a fresh plain Uint8Array (not a Buffer view): decoded byte constants are what a compile would give
    const ir = new Uint8Array(buf.subarray(HEAD));
    if (!sameBytes(buf.subarray(MAGIC.length, HEAD), checksum(key, ir))) return undefined;
    const m = decodeModule(ir);
    if (m.debug?.file !== project.file) return undefined;
    const mod = loadModule(m);
    const sigs = signaturesFromModule(mod);
    if (sigs.some((s) => !s.paramNames)) return undefined;
    // On a disagreement, fall back to the compiler so the error reads exactly as without a cache.
    const abi = crossCheckAbi(project.manifest.abi, sigs, project.file);
    return { mod, abi, paramNames: new Map(sigs.map((s) => [s.name, s.paramNames!])), from: 'cache' };
  } catch {
    return undefined;
  }
}

function writeCache(path: string, key: Uint8Array, ir: Uint8Array): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(path), { recursive: true });
    const out = new Uint8Array(HEAD + ir.length);
    out.set(MAGIC);
    out.set(checksum(key, ir), MAGIC.length);
    out.set(ir, HEAD);
    writeFileSync(tmp, out);
    renameSync(tmp, path);
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      // nothing to clean
    }
  }
}
