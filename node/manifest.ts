// Manifests in, one normalized shape out (spec/ABI.md §7). Input is checked
// loosely by ajv, then normalized with precise JSON-pointer errors, then the result is
// checked strictly against spec/manifest.schema.json so nothing malformed gets past here.
import { checkManifestKeys } from './manifest_keys.js';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { sha3_256 } from '@noble/hashes/sha3.js';
import { AbiError, ManifestError } from '../spec/errors.js';
// ajv's standalone code for spec/manifest.schema.json, generated at build time
// (scripts/gen-validators.mjs): no schema compilation at run time (cold start).
import { normalized as normalizedValidator, raw as rawValidator } from '../spec/manifest_validators.generated.js';
import { formatType, toType, type AbiType } from '../core/abi/types.js';
import { utf8Encode } from '../core/abi/codec.js';

export interface AbiParam {
  name: string; // "" for an unnamed function input
  type: string;
}
export interface AbiOutput {
  name?: string;
  type: string;
}
export interface AbiFunction {
  name: string;
  inputs: AbiParam[];
  outputs: AbiOutput[];
}
export interface AbiEvent {
  name: string;
  inputs: AbiParam[];
}
export interface AbiErrorDecl {
  name: string;
  inputs?: AbiParam[];
}
export interface NormalizedAbi {
  functions: AbiFunction[];
  events: AbiEvent[];
  errors: AbiErrorDecl[];
}
export interface ManifestResources {
  caps?: unknown;
  limits?: Record<string, number>;
}
export interface NormalizedManifest {
  name: string;
  version: string;
  entry: string;
  abi: NormalizedAbi;
  resources?: ManifestResources;
}

// ---------------------------------------------------------------- ajv, compiled at build time

const validators = { raw: rawValidator as unknown as ValidateFunction, normalized: normalizedValidator as unknown as ValidateFunction };

function getValidators(): { raw: ValidateFunction; normalized: ValidateFunction } {
  return validators;
}

function ajvFail(errors: ErrorObject[] | null | undefined, what: string): never {
  const e = errors?.[0];
  const where = e?.instancePath || '/';
  const extra = e?.keyword === 'additionalProperties' ? ` (${String(e.params.additionalProperty)})` : '';
  throw new ManifestError(`${where}: ${what}: ${e?.message ?? 'invalid'}${extra}`);
}

// ---------------------------------------------------------------- helpers

type Obj = Record<string, unknown>;
const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function ptr(path: readonly (string | number)[]): string {
  return path.length === 0 ? '/' : path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function fail(path: readonly (string | number)[], msg: string): never {
  throw new ManifestError(`${ptr(path)}: ${msg}`);
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function has(o: Obj, k: string): boolean {
  return Object.hasOwn(o, k);
}

/** The one key of `o` among `aliases`, or undefined; two of them at once is ambiguous. */
function pick(o: Obj, aliases: readonly string[], path: readonly (string | number)[]): string | undefined {
  const found = aliases.filter((k) => has(o, k) && o[k] !== undefined);
  if (found.length > 1) fail(path, `give only one of ${found.map((k) => `"${k}"`).join(', ')}`);
  return found[0];
}

/** Array form kept in order; object form `{name: entry}` in key order (JSON text order). */
function entriesOf(v: unknown, path: readonly (string | number)[], what: string): [unknown, (string | number)[], string | undefined][] {
  if (Array.isArray(v)) return v.map((x, i) => [x, [...path, i], undefined]);
  if (isObj(v)) return Object.keys(v).map((k) => [v[k], [...path, k], k]);
  fail(path, `${what} must be an array or an object`);
}

function typeString(ref: unknown, path: readonly (string | number)[]): { name: string; t: AbiType } {
  try {
    const t = toType(ref);
    return { name: formatType(t), t };
  } catch (e) {
    if (e instanceof AbiError) fail(path, e.message);
    throw e;
  }
}

/** A type ref inside an entry: the `type` value, or the entry itself when it carries items/components. */
function entryTypeRef(e: Obj): unknown {
  if (isObj(e.type)) return e.type;
  return has(e, 'items') || has(e, 'item') || has(e, 'components') || has(e, 'of') ? e : e.type;
}

const INPUT_KEYS = ['inputs', 'args', 'fields', 'params', 'parameters'] as const;
const OUTPUT_KEYS = ['outputs', 'returns', 'return', 'output'] as const;
const NO_RESULT = new Set(['None', 'none', 'void', 'NoneType']);

// ---------------------------------------------------------------- params

interface ParamRules {
  needName: boolean;
  scalarOnly: boolean;
}

function param(v: unknown, key: string | undefined, path: (string | number)[], rules: ParamRules): AbiParam {
  let name: string;
  let typePath = path;
  let ref: unknown;
  if (key !== undefined) {
    // `{amount: "int"}` map form: the key is the name, the value the type.
    name = key;
    ref = isObj(v) && has(v, 'type') ? entryTypeRef(v) : v;
    if (isObj(v) && has(v, 'type')) typePath = [...path, 'type'];
  } else if (typeof v === 'string') {
    // `"amount: int"` annotation form, or just `"int"`.
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.+)$/.exec(v);
    name = m ? m[1] : '';
    ref = m ? m[2].trim() : v;
  } else if (isObj(v)) {
    if (v.name !== undefined && typeof v.name !== 'string') fail([...path, 'name'], 'name must be a string');
    name = (v.name as string | undefined) ?? '';
    if (!has(v, 'type')) fail(path, 'missing "type"');
    ref = entryTypeRef(v);
    typePath = [...path, 'type'];
  } else {
    fail(path, 'expected a parameter ({name, type}, "name: type" or a type name)');
  }
  if (name === '' && rules.needName) fail(path, 'missing "name"');
  if (name !== '' && !IDENT.test(name)) fail(path, `parameter name ${JSON.stringify(name)} is not an identifier`);
  const { name: type, t } = typeString(ref, typePath);
  if (rules.scalarOnly && (t.kind === 'list' || t.kind === 'tuple')) {
    fail(typePath, `event fields hold int, bytes, bool, str or None values, not ${type}`);
  }
  return { name, type };
}

function params(o: Obj, path: (string | number)[], rules: ParamRules): AbiParam[] {
  const k = pick(o, INPUT_KEYS, path);
  if (k === undefined || o[k] === null) return [];
  const out = entriesOf(o[k], [...path, k], `"${k}"`).map(([v, p, key]) => param(v, key, p, rules));
  uniqueNames(out, [...path, k], 'parameter');
  return out;
}

function uniqueNames(xs: readonly { name?: string }[], path: (string | number)[], what: string): void {
  const seen = new Set<string>();
  xs.forEach((x, i) => {
    if (!x.name) return;
    if (seen.has(x.name)) fail([...path, i], `duplicate ${what} name "${x.name}"`);
    seen.add(x.name);
  });
}

function output(v: unknown, path: (string | number)[]): AbiOutput {
  if (isObj(v) && has(v, 'type')) {
    const ref = entryTypeRef(v);
    const out: AbiOutput = { type: typeString(ref, [...path, 'type']).name };
    if (v.name !== undefined && v.name !== '' && v.name !== null) {
      if (typeof v.name !== 'string' || !IDENT.test(v.name)) fail([...path, 'name'], 'output name must be an identifier');
      return { name: v.name, type: out.type };
    }
    return out;
  }
  return { type: typeString(v, path).name };
}

function outputs(o: Obj, path: (string | number)[]): AbiOutput[] {
  const k = pick(o, OUTPUT_KEYS, path);
  if (k === undefined) return [];
  const v = o[k];
  const p = [...path, k];
  if (v === null || (typeof v === 'string' && NO_RESULT.has(v.trim()))) return [];
  const out = Array.isArray(v) ? v.map((x, i) => output(x, [...p, i])) : [output(v, p)];
  uniqueNames(out, p, 'output');
  return out;
}

// ---------------------------------------------------------------- entries

function entryName(v: Obj, key: string | undefined, path: (string | number)[]): string {
  const name = v.name ?? key;
  if (typeof name !== 'string' || name === '') fail([...path, 'name'], 'missing name');
  return name;
}

function fnEntry(v: unknown, key: string | undefined, path: (string | number)[]): AbiFunction {
  if (!isObj(v)) fail(path, 'function entry must be an object');
  const name = entryName(v, key, path);
  if (!IDENT.test(name)) fail([...path, 'name'], `function name ${JSON.stringify(name)} is not an identifier`);
  return { name, inputs: params(v, path, { needName: false, scalarOnly: false }), outputs: outputs(v, path) };
}

function eventEntry(v: unknown, key: string | undefined, path: (string | number)[]): AbiEvent {
  if (!isObj(v)) fail(path, 'event entry must be an object');
  const name = entryName(v, key, path);
  const nb = utf8Encode(name);
  if (!nb || nb.length > 64) fail([...path, 'name'], 'event name must be 1..64 bytes of UTF-8');
  const inputs = params(v, path, { needName: true, scalarOnly: true });
  if (inputs.length > 16) fail(path, `event has ${inputs.length} fields, the cap is 16`);
  return { name, inputs };
}

function errorEntry(v: unknown, key: string | undefined, path: (string | number)[]): AbiErrorDecl {
  if (typeof v === 'string' && key === undefined) return { name: v === '' ? fail(path, 'empty error name') : v };
  if (!isObj(v)) fail(path, 'error entry must be an object or a name');
  const name = entryName(v, key, path);
  const out: AbiErrorDecl = { name };
  if (pick(v, INPUT_KEYS, path) !== undefined) out.inputs = params(v, path, { needName: true, scalarOnly: false });
  return out;
}

function abiOf(raw: Obj): NormalizedAbi {
  const abi: NormalizedAbi = { functions: [], events: [], errors: [] };
  if (Array.isArray(raw.abi)) {
    // Ethereum-style flat list; an entry without "type" is a function, as there.
    raw.abi.forEach((e, i) => {
      const path = ['abi', i];
      if (!isObj(e)) fail(path, 'ABI entry must be an object');
      const kind = e.type ?? 'function';
      if (kind === 'function') abi.functions.push(fnEntry(e, undefined, path));
      else if (kind === 'event') abi.events.push(eventEntry(e, undefined, path));
      else if (kind === 'error') abi.errors.push(errorEntry(e, undefined, path));
      else fail([...path, 'type'], `unsupported ABI entry type ${JSON.stringify(kind)} (function, event or error)`);
    });
  } else {
    const src = isObj(raw.abi) ? raw.abi : raw;
    const base = isObj(raw.abi) ? ['abi'] : [];
    for (const [key, list, fn] of [
      ['functions', abi.functions, fnEntry],
      ['events', abi.events, eventEntry],
      ['errors', abi.errors, errorEntry],
    ] as const) {
      if (src[key] === undefined || src[key] === null) continue;
      for (const [v, p, k] of entriesOf(src[key], [...base, key], `"${key}"`)) (list as unknown[]).push(fn(v, k, p));
    }
  }
  for (const [list, what] of [
    [abi.functions, 'function'],
    [abi.events, 'event'],
    [abi.errors, 'error'],
  ] as const) {
    const seen = new Set<string>();
    for (const e of list) {
      if (seen.has(e.name)) fail(['abi'], `duplicate ${what} "${e.name}" (no overloading)`);
      seen.add(e.name);
    }
  }
  return abi;
}

// ---------------------------------------------------------------- top level

function sourcePath(v: unknown, key: string | undefined, path: (string | number)[]): string {
  if (typeof v === 'string') return v;
  if (isObj(v)) {
    for (const k of ['path', 'file', 'entry']) if (typeof v[k] === 'string') return v[k] as string;
    if (key !== undefined) return key; // {"contract.py": {content: ...}}
  }
  fail(path, 'a source is a file name or an object with "path"');
}

function entryOf(raw: Obj): string {
  let entry: string | undefined;
  let where: (string | number)[] = ['entry'];
  if (typeof raw.entry === 'string') entry = raw.entry;
  if (typeof raw.source === 'string') {
    if (entry !== undefined && entry !== raw.source) fail(['source'], `"source" (${raw.source}) disagrees with "entry" (${entry})`);
    if (entry === undefined) where = ['source'];
    entry = raw.source;
  }
  if (entry === undefined && raw.sources !== undefined) {
    const all = entriesOf(raw.sources, ['sources'], '"sources"').map(([v, p, k]) => sourcePath(v, k, p));
    if (all.length !== 1) fail(['sources'], `${all.length} sources: name the entry file with "entry"`);
    entry = all[0];
    where = ['sources'];
  }
  if (entry === undefined) fail([], 'missing "entry" (or "source"/"sources"): the contract source file');
  if (entry === '') fail(where, 'empty file name');
  if (entry.includes('\0')) fail(where, 'file name contains NUL');
  if (/^(?:\/|\\|[A-Za-z]:[\\/])/.test(entry)) fail(where, `entry must be relative to the manifest, got ${JSON.stringify(entry)}`);
  return entry;
}

function resourcesOf(raw: Obj): ManifestResources | undefined {
  if (!isObj(raw.resources)) return undefined;
  const r = raw.resources;
  const out: ManifestResources = {};
  // JSON round trip: a deep copy, so callers cannot alias the input.
  if (r.caps !== undefined) out.caps = JSON.parse(JSON.stringify(r.caps)) as unknown;
  if (r.limits !== undefined) {
    if (!isObj(r.limits)) fail(['resources', 'limits'], 'limits must be an object');
    const limits: Record<string, number> = {};
    for (const k of Object.keys(r.limits)) {
      const v = r.limits[k];
      if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) fail(['resources', 'limits', k], 'a limit is a non-negative integer');
      limits[k] = v;
    }
    out.limits = limits;
  }
  return out;
}

/** Normalize any accepted manifest variant (spec/ABI.md §7). Throws ManifestError with a path. */
export function normalizeManifest(raw: unknown): NormalizedManifest {
  const v = getValidators();
  if (!isObj(raw)) throw new ManifestError(`/: a manifest is a JSON object, got ${raw === null ? 'null' : Array.isArray(raw) ? 'array' : typeof raw}`);
  if (!v.raw(raw)) ajvFail(v.raw.errors, 'bad manifest');
  checkManifestKeys(raw);
  const version = raw.version === undefined ? '0.0.0' : String(raw.version);
  const out: NormalizedManifest = {
    name: raw.name as string,
    version,
    entry: entryOf(raw),
    abi: abiOf(raw),
  };
  const resources = resourcesOf(raw);
  if (resources) out.resources = resources;
  if (!v.normalized(out)) ajvFail(v.normalized.errors, 'normalized manifest invalid');
  return out;
}

/** Canonical JSON: object keys sorted by code unit, no whitespace, undefined members dropped. */
export function canonicalJson(v: unknown): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v)) throw new ManifestError(`canonical JSON holds integers only, got ${v}`);
    return String(v);
  }
  if (Array.isArray(v)) return '[' + v.map(canonicalJson).join(',') + ']';
  if (isObj(v)) {
    const keys = Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .sort();
    return '{' + keys.map((k) => JSON.stringify(k) + ':' + canonicalJson(v[k])).join(',') + '}';
  }
  throw new ManifestError(`canonical JSON cannot hold ${typeof v}`);
}

/** sha3_256 of the canonical JSON of a normalized ABI, lowercase hex. */
export function abiHash(abi: NormalizedAbi): string {
  const digest = sha3_256(new TextEncoder().encode(canonicalJson(abi)));
  let s = '';
  for (const b of digest) s += b.toString(16).padStart(2, '0');
  return s;
}
