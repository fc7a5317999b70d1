// Manifest + entry source text, with input errors mapped to exit code 2. Compiling is left to
// the caller (cli/contract.ts), which can often use a cached IR instead.
import { dirname, resolve } from 'node:path';
import { normalizeManifest, type NormalizedManifest } from '../node/manifest.js';
import { UsageError } from './fail.js';
import { readText } from './files.js';

export interface Project {
  manifest: NormalizedManifest;
  manifestPath: string;
  sourcePath: string;
  /** the source path as messages and debug info show it (relative to the working directory when inside it) */
  file: string;
  source: string;
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
  return { manifest, manifestPath, sourcePath, file: displayPath(sourcePath), source };
}

export function displayPath(p: string): string {
  const cwd = process.cwd();
  return p.startsWith(cwd + '/') ? p.slice(cwd.length + 1) : p;
}
