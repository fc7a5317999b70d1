// A contract given as manifest + source, compiled to IR and its manifest checked against the
// code: the SourceCompiler that the package root hands the adapter (node/source.ts), and
// `compileContract` of `vm-py/compiler`.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { compileSource, type CompiledContract } from '../compiler/index.js';
import { bytesToHex } from '../core/hex.js';
import type { Limits } from '../spec/table.js';
import type { CompiledSource, ContractSource } from './adapter.js';
import { remember } from './lru.js';
import { normalizeManifest } from './manifest.js';
import { crossCheckAbi, signaturesFromSource } from './manifest_check.js';

const compileCache = new Map<string, CompiledContract>();

function compileCached(source: string, file: string, limits: Readonly<Limits>): CompiledContract {
  const key = `${bytesToHex(sha3_256(new TextEncoder().encode(source)))}|${file}|${limits.max_source_bytes}|${limits.max_code_bytes}|${limits.max_int_bits}`;
  return remember(compileCache, key, () => compileSource(source, { file, limits }));
}

/** Compile a manifest's entry source (cached by source hash) and check the manifest's ABI against the code. */
export function compileContract(contract: ContractSource, limits: Readonly<Limits>): CompiledSource {
  const m = normalizeManifest(contract.manifest);
  const compiled = compileCached(contract.source, contract.file ?? m.entry, limits);
  const abi = crossCheckAbi(m.abi, signaturesFromSource(compiled.checked), compiled.checked.src.file);
  const paramNames = new Map<string, string[]>();
  for (const [name, f] of compiled.checked.funcs)
    paramNames.set(
      name,
      f.params.map((p) => p.name),
    );
  return { bytes: compiled.bytes, abi, paramNames };
}
