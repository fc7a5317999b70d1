// vm-py run --trace: one line per executed instruction with its function, offset, source
// line, the gas it cost (including dynamic surcharges) and the gas left after it. The
// interpreter reports each instruction before its effect, with only the base price debited;
// the full cost of an instruction is known when the next one starts (or the call ends).
import { BUILTINS, METHODS, OP_BY_CODE, STDLIB_BY_ID } from '../spec/table.js';
import { locate, type LoadedModule } from '../core/load.js';
import type { Tracer } from '../core/machine.js';

const BUILTIN_NAME = new Map(BUILTINS.map((b) => [b.id, b.name]));
const METHOD_NAME = new Map(METHODS.map((b) => [b.id, b.name]));

export interface TraceSession {
  tracer: Tracer;
  /** flush the last instruction once the call is over and its final gas is known */
  finish(gasLeft: number): void;
}

export function traceSession(mod: LoadedModule, source: string | undefined, emit: (line: string) => void): TraceSession {
  const lines = source?.split('\n') ?? [];
  let pending: { text: string; gasBefore: number } | null = null;
  const flush = (gasBeforeNext: number): void => {
    if (!pending) return;
    emit(`${pending.text}  cost ${pending.gasBefore - gasBeforeNext}  gas ${gasBeforeNext}`);
    pending = null;
  };
  const tracer: Tracer = (fi, pc, op, cost, gasLeft) => {
    const gasBefore = gasLeft + cost;
    flush(gasBefore);
    const f = mod.funcs[fi];
    const info = OP_BY_CODE[op];
    const operands = info ? info.operands.map((kind, i) => describe(mod, kind, f.code[pc + 1 + i])) : [];
    const loc = locate(mod, fi, pc);
    const src = loc ? (lines[loc.line - 1] ?? '').trim() : '';
    const where = loc ? `${loc.line}:${loc.col}` : '?';
    pending = { text: `${f.name}@${pc}  ${where.padEnd(7)} ${[info?.name ?? `op${op}`, ...operands].join(' ').padEnd(28)} | ${src}`, gasBefore };
  };
  return { tracer, finish: (gasLeft) => flush(gasLeft) };
}

function describe(mod: LoadedModule, kind: string, v: number): string {
  switch (kind) {
    case 'func':
      return mod.funcs[v]?.name ?? String(v);
    case 'stdlib':
      return STDLIB_BY_ID.get(v)?.name ?? String(v);
    case 'builtin':
      return BUILTIN_NAME.get(v) ?? String(v);
    case 'method':
      return '.' + (METHOD_NAME.get(v) ?? String(v));
    case 'const':
      return `#${v}`;
    case 'local':
      return `l${v}`;
    case 'target':
      return `->${v}`;
    default:
      return String(v);
  }
}
