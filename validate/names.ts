// Name tables of the contract language: what a bare name or an attribute may refer to.
import type { HostStdlib } from '../spec/host_std.js';
import { BUILTIN_BY_NAME, STDLIB_BY_NAME, TYPES } from '../spec/table.js';

/** Builtins that exist in Python but that contracts may not call (E-BUILTIN). */
export const BANNED_BUILTINS = new Set([
  'eval',
  'exec',
  'compile',
  'open',
  'print',
  'input',
  'getattr',
  'setattr',
  'delattr',
  'hasattr',
  'globals',
  'locals',
  'vars',
  'dir',
  'id',
  'hash',
  'type',
  'super',
  '__import__',
  'memoryview',
  'iter',
  'next',
  'set',
  'frozenset',
  'float',
  'complex',
  'object',
  'callable',
  'exit',
  'quit',
  'breakpoint',
  'help',
  'ascii',
  'classmethod',
  'staticmethod',
  'property',
  'issubclass',
  'map',
  'filter',
  'slice',
  'aiter',
  'anext',
]);

/** Stdlib module names reachable below `stdlib` (and their alias modules). */
export const STDLIB_MODULES: ReadonlyMap<string, string> = new Map([
  ['storage', 'storage'],
  ['events', 'events'],
  ['hash', 'hash'],
  ['abi', 'abi'],
  ['treasury', 'treasury'],
  ['syscalls', 'syscalls'],
  ['random', 'random'],
  ['pq', 'pq'],
  ['random_api', 'random'],
  ['pq_verify', 'pq'],
  ['contracts', 'contracts'],
]);

/**
 * Resolve a path below `stdlib` to a function name of the table, or a module, or nothing.
 * `host` adds a tool's modules (spec/host_std.ts); without it they do not exist.
 */
export function resolveStdlibPath(
  path: readonly string[],
  host?: HostStdlib,
): { kind: 'root' } | { kind: 'module'; module: string } | { kind: 'func'; name: string } | null {
  if (path.length === 0) return { kind: 'root' };
  if (host?.modules.has(path[0])) {
    if (path.length === 1) return { kind: 'module', module: path[0] };
    return path.length === 2 && host.byName.has(`${path[0]}.${path[1]}`) ? { kind: 'func', name: `${path[0]}.${path[1]}` } : null;
  }
  const mod = STDLIB_MODULES.get(path[0]);
  if (mod === undefined) return null;
  if (path.length === 1) return { kind: 'module', module: mod };
  if (path.length === 2) {
    const name = `${mod}.${path[1]}`;
    return STDLIB_BY_NAME.has(name) ? { kind: 'func', name } : null;
  }
  return null;
}

export function isBuiltinName(name: string): boolean {
  return BUILTIN_BY_NAME.has(name);
}

/** Type names usable in isinstance() and annotations: the table's, minus NoneType (spelled type(None)). */
export const TYPE_NAMES: ReadonlySet<string> = new Set(TYPES.map((t) => t.name).filter((n) => n !== 'NoneType'));

/** Python builtin types the subset has no values of: isinstance() against them is simply False. */
export const FOREIGN_TYPES: ReadonlySet<string> = new Set(['memoryview', 'float', 'complex', 'set', 'frozenset', 'range', 'object', 'type']);
