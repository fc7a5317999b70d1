// Unknown keys in a manifest are errors naming their JSON path: a misspelt key ("resorces",
// "ouputs") would otherwise be ignored and the manifest mean something else than its author
// wrote. Every key the normalizer reads (node/manifest.ts, with its aliases) is known here,
// plus the descriptive keys of Ethereum-style ABIs (stateMutability, indexed, ...), which
// carry nothing vm-py uses.
import { ManifestError } from '../spec/errors.js';

type Obj = Record<string, unknown>;

const DOC = ['description', 'doc', 'notice'];
const TOP = new Set(['$schema', 'name', 'version', 'entry', 'source', 'sources', 'abi', 'functions', 'events', 'errors', 'resources', 'license', ...DOC]);
const RESOURCES = new Set(['caps', 'limits']);
const ABI = new Set(['functions', 'events', 'errors']);
const INPUTS = ['inputs', 'args', 'fields', 'params', 'parameters'];
const OUTPUTS = ['outputs', 'returns', 'return', 'output'];
const FUNCTION = new Set(['name', 'type', ...INPUTS, ...OUTPUTS, 'stateMutability', 'constant', 'payable', ...DOC]);
const EVENT = new Set(['name', 'type', ...INPUTS, 'anonymous', ...DOC]);
const ERROR = new Set(['name', 'type', ...INPUTS, ...DOC]);
const PARAM = new Set(['name', 'type', 'items', 'item', 'of', 'components', 'kind', 'bits', 'signed', 'size', 'indexed', 'internalType', ...DOC]);

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function ptr(path: readonly (string | number)[]): string {
  return path.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function known(o: Obj, keys: ReadonlySet<string>, path: (string | number)[], what: string): void {
  for (const k of Object.keys(o)) {
    if (keys.has(k)) continue;
    let close: string | undefined;
    let best = 3;
    for (const x of keys) {
      const d = distance(k, x);
      if (d < best) [close, best] = [x, d];
    }
    throw new ManifestError(
      `${ptr([...path, k])}: unknown key "${k}" in ${what}${close ? ` (did you mean "${close}"?)` : ''}; known keys: ${[...keys].join(', ')}`,
    );
  }
}

/** Edit distance (0 when equal ignoring case); 3 and more is not a likely misspelling. */
function distance(a: string, b: string): number {
  if (a.toLowerCase() === b.toLowerCase()) return 0;
  if (Math.abs(a.length - b.length) > 2) return 3;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** Each entry of a list (array form) or map (`{name: entry}` form), with its path. */
function each(v: unknown, path: (string | number)[], f: (x: unknown, p: (string | number)[]) => void): void {
  if (Array.isArray(v)) v.forEach((x, i) => f(x, [...path, i]));
  else if (isObj(v)) for (const k of Object.keys(v)) f(v[k], [...path, k]);
}

function param(v: unknown, path: (string | number)[]): void {
  if (!isObj(v)) return;
  known(v, PARAM, path, 'a parameter');
  for (const k of ['items', 'item', 'of', 'components']) {
    if (Array.isArray(v[k])) each(v[k], [...path, k], param);
    else if (isObj(v[k])) param(v[k], [...path, k]);
  }
  if (isObj(v.type)) param(v.type, [...path, 'type']);
}

function entry(v: unknown, path: (string | number)[], keys: ReadonlySet<string>, what: string): void {
  if (!isObj(v)) return;
  known(v, keys, path, what);
  for (const k of INPUTS) each(v[k], [...path, k], param);
  for (const k of OUTPUTS) {
    if (Array.isArray(v[k])) each(v[k], [...path, k], param);
    else if (isObj(v[k])) param(v[k], [...path, k]);
  }
}

/** Throws a ManifestError at the first unknown key (a JSON pointer to it). */
export function checkManifestKeys(raw: Obj): void {
  known(raw, TOP, [], 'the manifest');
  if (isObj(raw.resources)) known(raw.resources, RESOURCES, ['resources'], 'resources');
  if (Array.isArray(raw.abi)) {
    raw.abi.forEach((e, i) => {
      const kind = isObj(e) ? (e.type ?? 'function') : 'function';
      entry(e, ['abi', i], kind === 'event' ? EVENT : kind === 'error' ? ERROR : FUNCTION, `an ABI ${String(kind)} entry`);
    });
    return;
  }
  const src = isObj(raw.abi) ? raw.abi : raw;
  const base = isObj(raw.abi) ? ['abi'] : [];
  if (isObj(raw.abi)) known(raw.abi, ABI, ['abi'], 'abi');
  each(src.functions, [...base, 'functions'], (v, p) => entry(v, p, FUNCTION, 'a function entry'));
  each(src.events, [...base, 'events'], (v, p) => entry(v, p, EVENT, 'an event entry'));
  each(src.errors, [...base, 'errors'], (v, p) => entry(v, p, ERROR, 'an error entry'));
}
