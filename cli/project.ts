// Manifest + entry source -> compiled contract, with input errors mapped to exit code 2.
import { dirname, resolve } from 'node:path';
import { compileSource, type CompiledContract } from '../compiler/index.js';
import { normalizeManifest, type NormalizedManifest } from '../runtime/manifest.js';
import { UsageError } from './fail.js';
import { readText } from './files.js';

export interface Project {
  manifest: NormalizedManifest;
  manifestPath: string;
  sourcePath: string;
  source: string;
  compiled: CompiledContract;
}

export function loadProject(manifestPath: string): Project {
  const text = readText(manifestPath, 'manifest');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`manifest ${manifestPath} is not valid JSON: ${(e as Error).message}`, 'E-MANIFEST');
  }
  const manifest = normalizeManifest(raw);
  const sourcePath = resolve(dirname(manifestPath), manifest.entry);
  const source = readText(sourcePath, 'contract source');
  const compiled = compileSource(source, { file: displayPath(sourcePath) });
  return { manifest, manifestPath, sourcePath, source, compiled };
}

export function displayPath(p: string): string {
  const cwd = process.cwd();
  return p.startsWith(cwd + '/') ? p.slice(cwd.length + 1) : p;
}
