// Typed views over the generated gas table, shared by compiler, verifier and interpreter.
import { GAS_TABLE } from './gas_table.generated.js';
export { Op } from './gas_table.generated.js';

export type OperandKind = 'const' | 'local' | 'target' | 'func' | 'stdlib' | 'builtin' | 'method' | 'n';
export type StackSpec = number | 'n' | '2n' | 'n+1' | 'params' | 'std';

/** What a size-dependent cost counts (spec/opcodes_vm_py.yaml `measures`). */
export type Measure =
  | 'words'
  | 'items'
  | 'limbs'
  | 'limb_steps'
  | 'new_slots'
  | 'topics'
  | 'pq_units'
  | 'value_transfers'
  | 'key_units'
  | 'scan_words'
  | 'entries'
  | 'comparisons'
  | 'convert_steps'
  | 'buffers'
  | 'lookups'
  | 'removals';
/**
 * An entry's formula: price per unit of every measure (0 for the measures it does not count).
 * Its cost is base + sum(dynamic[m] * m); `measures` lists the ones it counts.
 */
export type Prices = Readonly<Record<Measure, number>>;

/** Control-flow class of an instruction (spec/opcodes_vm_py.yaml, `flow`). */
export type Flow = 'next' | 'jump' | 'branch' | 'call' | 'end';

export interface OpInfo {
  name: string;
  code: number;
  operands: readonly OperandKind[];
  /** [pops, pushes] when execution continues at the next instruction */
  stack: readonly [StackSpec, StackSpec];
  base: number;
  dynamic: Prices;
  /** the measures its formula counts */
  measures: readonly Measure[];
  /** the opcode whose handler, and so formula, it shares */
  pricedAs: string | null;
  flow: Flow;
  /** branch only: when the jump is taken */
  jumpWhen: 'truthy' | 'falsy' | 'exhausted' | null;
  /** branch only: [pops, pushes] on the taken edge */
  taken: readonly [number, number] | null;
  /** end only: the exact stack height required, when there is one */
  height: number | null;
  /** consecutive local slots a `local` operand names */
  slots: number;
  /** the fuser may combine it (binop: any binary operator; compare: also before a jump) */
  fuse: 'binop' | 'compare' | null;
}

/** A parameter default: a JSON scalar, or {bytes: hex} for a bytes value. */
export type ParamDefault = null | number | string | boolean | { bytes: string };

export interface StdParam {
  name: string;
  required: boolean;
  default: ParamDefault;
  /** may only be passed by keyword */
  kwOnly: boolean;
}

export interface StdInfo {
  name: string;
  id: number;
  params: readonly StdParam[];
  base: number;
  dynamic: Prices;
  measures: readonly Measure[];
  aliases: readonly string[];
}

export interface CallableInfo {
  name: string;
  id: number;
  base: number;
  dynamic: Prices;
  measures: readonly Measure[];
  /** opcodes whose handlers it runs on its arguments; that work is priced by their formulas */
  runs: readonly string[];
  /** the signature the compiler binds keywords and defaults against; null: positional only */
  params: readonly StdParam[] | null;
}

export interface TypeInfo {
  name: string;
  bit: number;
  isA: readonly string[];
}

export type Limits = { -readonly [K in keyof typeof GAS_TABLE.limits]: number };

export const TABLE_VERSION: number = GAS_TABLE.version;
export const DEFAULT_LIMITS: Readonly<Limits> = GAS_TABLE.limits;
export const CONSTANTS: Readonly<Record<string, number>> = GAS_TABLE.constants;
export const ENTRY = GAS_TABLE.entry;
export const REFUNDS = GAS_TABLE.refunds;

export const MEASURES = Object.keys(GAS_TABLE.measures) as Measure[];

/** An entry with its sparse `dynamic` map filled out to every measure. */
function priced<T extends { dynamic: Partial<Record<Measure, number>> }>(e: T): T & { dynamic: Prices; measures: Measure[] } {
  const measures = MEASURES.filter((k) => e.dynamic[k] !== undefined);
  const dynamic = Object.freeze(Object.fromEntries(MEASURES.map((k) => [k, e.dynamic[k] ?? 0]))) as Prices;
  return { ...e, dynamic, measures };
}

export const OPCODES = (GAS_TABLE.opcodes as unknown as OpInfo[]).map(priced) as readonly OpInfo[];
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

export const STDLIB = (GAS_TABLE.stdlib as unknown as StdInfo[]).map(priced) as readonly StdInfo[];
export const STDLIB_BY_ID: ReadonlyMap<number, StdInfo> = new Map(STDLIB.map((s) => [s.id, s]));
/** Every contract-visible name (including aliases) -> entry. */
export const STDLIB_BY_NAME: ReadonlyMap<string, StdInfo> = new Map(STDLIB.flatMap((s) => [s.name, ...s.aliases].map((n) => [n, s] as [string, StdInfo])));

export const BUILTINS = (GAS_TABLE.builtins as unknown as CallableInfo[]).map(priced) as readonly CallableInfo[];
export const METHODS = (GAS_TABLE.methods as unknown as CallableInfo[]).map(priced) as readonly CallableInfo[];
export const BUILTIN_BY_NAME: ReadonlyMap<string, CallableInfo> = new Map(BUILTINS.map((b) => [b.name, b]));
export const METHOD_BY_NAME: ReadonlyMap<string, CallableInfo> = new Map(METHODS.map((b) => [b.name, b]));

/** Binary operators the fuser may combine, in table order (a fused opcode holds the index). */
export const FUSE_BINOPS: readonly number[] = OPCODES.filter((o) => o.fuse !== null).map((o) => o.code);
/** Comparisons the fuser may also combine with the conditional jump after them. */
export const FUSE_COMPARES: readonly number[] = OPCODES.filter((o) => o.fuse === 'compare').map((o) => o.code);

export const TYPES = GAS_TABLE.types as unknown as readonly TypeInfo[];
/** isinstance(): type name -> the mask bit the compiler ORs into the operand. */
export const TYPE_MASK: Readonly<Record<string, number>> = Object.fromEntries(TYPES.map((t) => [t.name, t.bit]));
/** isinstance(): the bits a value of this type carries (its own and those of `is_a`). */
export function typeBits(name: string): number {
  const t = TYPES.find((x) => x.name === name);
  if (!t) throw new Error(`no type ${name} in the table`);
  return t.isA.reduce((m, p) => m | typeBits(p), t.bit);
}
