// Typed views over the generated gas table, shared by compiler, verifier and interpreter.
import { GAS_TABLE } from './gas_table.generated.js';
export { Op } from './gas_table.generated.js';

export type OperandKind = 'const' | 'local' | 'target' | 'func' | 'stdlib' | 'builtin' | 'method' | 'n';
export type StackSpec = number | 'n' | '2n' | 'n+1' | 'params' | 'std';

export interface OpInfo {
  name: string;
  code: number;
  operands: readonly OperandKind[];
  stack: readonly [StackSpec, StackSpec];
  base: number;
  dynamic: readonly string[];
}

export interface StdParam {
  name: string;
  required: boolean;
  default: null | number | string | boolean;
}

export interface StdInfo {
  name: string;
  id: number;
  params: readonly StdParam[];
  base: number;
  perWord: number;
  newSlot: number;
  topic: number;
  aliases: readonly string[];
}

export interface CallableInfo {
  name: string;
  id: number;
  base: number;
  perItem: number;
}

export type Limits = { -readonly [K in keyof typeof GAS_TABLE.limits]: number };

export const TABLE_VERSION: number = GAS_TABLE.version;
export const DEFAULT_LIMITS: Readonly<Limits> = GAS_TABLE.limits;
export const CONSTANTS: Readonly<Record<string, number>> = GAS_TABLE.constants;
export const ENTRY = GAS_TABLE.entry;
export const REFUNDS = GAS_TABLE.refunds;

export const OPCODES = GAS_TABLE.opcodes as unknown as readonly OpInfo[];
/** Indexed by opcode number; undefined for unassigned numbers. */
export const OP_BY_CODE: readonly (OpInfo | undefined)[] = (() => {
  const a: (OpInfo | undefined)[] = new Array(256).fill(undefined);
  for (const o of OPCODES) a[o.code] = o;
  return a;
})();
/** Static base cost per opcode number, for the interpreter's hot loop. */
export const BASE_COST: Int32Array = (() => {
  const a = new Int32Array(256);
  for (const o of OPCODES) a[o.code] = o.base;
  return a;
})();

export const STDLIB = GAS_TABLE.stdlib as unknown as readonly StdInfo[];
export const STDLIB_BY_ID: ReadonlyMap<number, StdInfo> = new Map(STDLIB.map((s) => [s.id, s]));
/** Every contract-visible name (including aliases) -> entry. */
export const STDLIB_BY_NAME: ReadonlyMap<string, StdInfo> = new Map(
  STDLIB.flatMap((s) => [s.name, ...s.aliases].map((n) => [n, s] as [string, StdInfo])),
);

export const BUILTINS = GAS_TABLE.builtins as unknown as readonly CallableInfo[];
export const METHODS = GAS_TABLE.methods as unknown as readonly CallableInfo[];
export const BUILTIN_BY_NAME: ReadonlyMap<string, CallableInfo> = new Map(BUILTINS.map((b) => [b.name, b]));
export const METHOD_BY_NAME: ReadonlyMap<string, CallableInfo> = new Map(METHODS.map((b) => [b.name, b]));
