// vm-py manifest <contract.py>: write the manifest (default: manifest.json beside the
// contract) with the ABI read off the source (cli/manifest_infer.ts). An existing manifest
// keeps its name and version, and its declarations of what the source cannot tell (event
// field types, dict outputs). The result is checked as any manifest is: normalized and
// cross-checked against the compiled contract.
import { existsSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { compileSource } from '../compiler/index.js';
import type { Json } from '../node/abi/json.js';
import { normalizeManifest, type AbiEvent, type AbiOutput } from '../node/manifest.js';
import { crossCheckAbi, signaturesFromSource } from '../node/manifest_check.js';
import { DiagnosticsError } from '../spec/errors.js';
import { UsageError } from './fail.js';
import { readText, writeAtomic } from './files.js';
import { inferAbi, type Declared } from './manifest_infer.js';
import { displayPath } from './project.js';

export interface ManifestArgs {
  file: string;
  /** where to write; '-' prints it */
  out?: string;
  name?: string;
  json: boolean;
}

export function manifestCommand(a: ManifestArgs, out: (s: string) => void): number {
  const file = displayPath(resolve(a.file));
  const source = readText(a.file, 'contract source');
  const target = a.out ?? join(dirname(a.file), 'manifest.json');
  const old = target !== '-' && existsSync(target) ? readOld(target) : undefined;
  const compiled = compileSource(source, { file });
  const declared: Declared = { events: new Map(), outputs: new Map() };
  for (const e of old?.abi.events ?? []) declared.events.set(e.name, e as AbiEvent);
  for (const f of old?.abi.functions ?? []) if (f.outputs.length) declared.outputs.set(f.name, f.outputs as AbiOutput[]);
  const abi = inferAbi(compiled.checked, declared);
  const src = compiled.checked.src;
  if (src.diags.length) throw new DiagnosticsError(src.sortedDiags());
  const entry =
    target === '-'
      ? basename(a.file)
      : relative(dirname(resolve(target)), resolve(a.file))
          .split('\\')
          .join('/');
  const manifest = {
    name: a.name ?? old?.name ?? basename(dirname(resolve(a.file))),
    version: old?.version ?? '0.1.0',
    entry,
    abi,
    ...(old?.resources ? { resources: old.resources } : {}),
  };
  // the same checks every manifest gets: a valid shape, and an ABI that matches the code
  const m = normalizeManifest(manifest);
  crossCheckAbi(m.abi, signaturesFromSource(compiled.checked), file);
  const text = pretty(manifest) + '\n';
  if (target === '-') {
    out(a.json ? JSON.stringify({ ok: true, manifest: manifest as unknown as Json }) : text.trimEnd());
    return 0;
  }
  writeAtomic(target, text);
  const summary = `${abi.functions.length} function${abi.functions.length === 1 ? '' : 's'}, ${abi.events.length} event${abi.events.length === 1 ? '' : 's'}`;
  out(a.json ? JSON.stringify({ ok: true, path: target, manifest: manifest as unknown as Json }) : `wrote ${target} (${summary})`);
  return 0;
}

function readOld(path: string) {
  let raw: unknown;
  try {
    raw = JSON.parse(readText(path, 'manifest'));
  } catch (e) {
    if (e instanceof SyntaxError) throw new UsageError(`existing manifest ${path} is not valid JSON: ${e.message}; fix or remove it`, 'E-MANIFEST');
    throw e;
  }
  return normalizeManifest(raw);
}

/** Two-space JSON with each parameter (an object of plain values) on one line, as hand-written manifests are. */
export function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2).replace(/\{\n\s*([^{}[\]]*?)\n\s*\}/g, (_, body: string) => `{ ${body.split(/,\n\s*/).join(', ')} }`);
}
