// Host modules: stdlib-like modules that a tool (the test runner) adds for its own programs,
// never part of the consensus table. Their ids live in a range the table never uses, and the
// validator, compiler, verifier and interpreter accept them only when handed the HostStdlib
// explicitly: a contract compiled or loaded without it cannot name or run them.
import type { StdInfo } from './table.js';

/** First id of the host range; the gas table's ids stay below it (tests/gas_table.test.ts). */
export const HOST_STD_BASE = 0xf000;

export interface HostStdlib {
  /** module names importable as `from stdlib import <name>` */
  modules: ReadonlySet<string>;
  /** `<module>.<fn>` -> entry (params with defaults; base gas) */
  byName: ReadonlyMap<string, StdInfo>;
  byId: ReadonlyMap<number, StdInfo>;
}

/** Build the lookup tables; every id must be in the host range. */
export function hostStdlib(entries: readonly StdInfo[]): HostStdlib {
  for (const e of entries) if (e.id < HOST_STD_BASE || e.id > 0xffff) throw new Error(`host stdlib ${e.name}: id ${e.id} is outside the host range`);
  return {
    modules: new Set(entries.map((e) => e.name.split('.')[0])),
    byName: new Map(entries.map((e) => [e.name, e])),
    byId: new Map(entries.map((e) => [e.id, e])),
  };
}
