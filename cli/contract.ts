// The manifest's contract as `vm-py run` needs it: the loaded module, the manifest ABI
// cross-checked against the code, and parameter names. Compiled IR is cached per source in
// <state file's directory>/cache/<key>.ir, so a warm run loads neither the parser nor the
// compiler (imported dynamically, so left uninitialized in the bundle unless there is a miss).
//
// An entry is the magic, the key text (cache format, vm-py version and build id, gas table
// version, the source's display path, which is in the debug info, and the source text),
// a checksum of key text and IR, and the IR bytes; the file is named by a hash of the key
// text. An entry is used only if its key text equals ours byte for byte, the checksum
// matches, the IR decodes (strict, canonical) and verifies, names the same source file and
// the manifest cross-check passes; anything else (a torn, damaged or stale entry, another
// source under a colliding name) counts as a miss: the source is compiled as if there were
// no cache, with the same diagnostics and errors, and the entry is rewritten. Cache writes
// are best effort and never fail a run.
//
// The hashes need not be cryptographic: whoever can write the cache directory can write the
// state file beside it, and an unkeyed SHA3 checksum would not stop them either. A plain
// JS hash keeps node:crypto (~5-10 ms of start-up) and the JS keccak's TurboFan compile out
// of a warm run (bench/NOTES.md, cold start).
import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { decodeModule } from '../compiler/codec.js';
import { loadModule, type LoadedModule } from '../core/load.js';
import type { AbiFunction } from '../node/manifest.js';
import { crossCheckAbi, signaturesFromModule, signaturesFromSource } from '../node/manifest_check.js';
import { TABLE_VERSION } from '../spec/table.js';
import type { Project } from './project.js';
import { BUILD_ID, VERSION } from './version.js';

const FORMAT = 'vm-py-ir-cache/2';
const MAGIC = new TextEncoder().encode('VMPYIRC2');
const SUM = 8;

export interface Contract {
  mod: LoadedModule;
  /** the manifest's functions by name, checked against the code */
  abi: Map<string, AbiFunction>;
  /** public function -> its parameter names */
  paramNames: Map<string, string[]>;
  /** where the IR came from (for tests and the bench) */
  from: 'cache' | 'compiler';
}

/** 64 bits from two FNV-1a lanes with a murmur3 finish: catches damage, locates entries. */
function hash64(...parts: Uint8Array[]): Uint8Array {
  let a = 0x811c9dc5;
  let b = 0x9e3779b9;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      a = Math.imul(a ^ p[i], 0x01000193);
      b = Math.imul(b ^ p[i], 0x5bd1e995);
    }
  }
  const out = new Uint8Array(SUM);
  const v = new DataView(out.buffer);
  v.setUint32(0, fmix(a ^ Math.imul(b, 0x85ebca6b)));
  v.setUint32(4, fmix(b ^ Math.imul(a, 0xc2b2ae35)));
  return out;
}

function fmix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The exact text an entry must carry to be ours. */
export function cacheKey(source: string, file: string): Uint8Array {
  return new TextEncoder().encode([FORMAT, VERSION, BUILD_ID, String(TABLE_VERSION), file, source].join('\0'));
}

export function cachePath(cacheDir: string, key: Uint8Array): string {
  return join(cacheDir, Buffer.from(hash64(key)).toString('hex') + '.ir');
}

/** The cache directory for a state file: `cache/` beside it (.vm-py/cache for the default state). */
export function cacheDirFor(statePath: string): string {
  return join(dirname(statePath), 'cache');
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
    if (f)
      paramNames.set(
        name,
        f.params.map((p) => p.name),
      );
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
    const head = MAGIC.length + 4 + key.length + SUM;
    if (buf.length <= head || !sameBytes(buf.subarray(0, MAGIC.length), MAGIC)) return undefined;
    if (buf.readUInt32BE(MAGIC.length) !== key.length || !sameBytes(buf.subarray(MAGIC.length + 4, head - SUM), key)) return undefined;
    // a fresh plain Uint8Array (not a Buffer view): decoded byte constants are what a compile would give
    const ir = new Uint8Array(buf.subarray(head));
    if (!sameBytes(buf.subarray(head - SUM, head), hash64(key, ir))) return undefined;
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
    const head = MAGIC.length + 4 + key.length + SUM;
    const out = new Uint8Array(head + ir.length);
    out.set(MAGIC);
    new DataView(out.buffer).setUint32(MAGIC.length, key.length);
    out.set(key, MAGIC.length + 4);
    out.set(hash64(key, ir), head - SUM);
    out.set(ir, head);
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
