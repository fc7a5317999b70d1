// vm-py run --trace: one line per executed instruction with its function, offset, source
// line, the gas it cost (including dynamic surcharges) and the gas left after it; under it,
// the value the instruction produced (`=> 5`) and every local it changed (`count = 6`).
// The interpreter reports each instruction before its effect, with only the base price
// debited; the full cost and the result of an instruction are known when the next one
// starts in the same frame (or the call ends).
//
// vm-py run --gas-profile: the same costs summed per source line and per function (its own
// instructions), highest first.
import { BUILTINS, METHODS, OP_BY_CODE, STDLIB_BY_ID } from '../spec/table.js';
import { locate, type LoadedModule } from '../core/load.js';
import type { Tracer } from '../core/machine.js';
import type { Value } from '../core/values.js';
import { show } from '../testing/repr.js';

const BUILTIN_NAME = new Map(BUILTINS.map((b) => [b.id, b.name]));
const METHOD_NAME = new Map(METHODS.map((b) => [b.id, b.name]));
const MAX_SHOWN = 120;

export interface TraceSession {
  tracer: Tracer;
  /** flush the last instruction once the call is over and its final gas is known */
  finish(gasLeft: number): void;
}

interface Pending {
  text: string;
  gasBefore: number;
  fi: number;
  pc: number;
  /** does the instruction leave a value on the stack? */
  pushes: boolean;
  /** its control flow (a call enters a frame, an end leaves one) */
  flow: string | undefined;
  /** the functions active when it ran, outermost first (profiling only) */
  active: number[] | null;
}

/**
 * `emit` gets trace lines (when `trace`, the default), with instruction results and local
 * changes under them when `values`; `profile` collects gas per line and function.
 */
export function traceSession(
  mod: LoadedModule,
  source: string | undefined,
  emit: (line: string) => void,
  opts: { trace?: boolean; values?: boolean; profile?: GasProfile } = {},
): TraceSession {
  const lines = source?.split('\n') ?? [];
  const trace = opts.trace ?? true;
  const values = trace && (opts.values ?? false);
  const profile = opts.profile;
  let pending: Pending | null = null;
  const atWidth = Math.max(...mod.funcs.map((f) => f.name.length + 1 + String(f.code.length).length)) + 1;
  // per frame (by base pointer): the instruction waiting for its result, and the locals last seen
  const waiting = new Map<number, Pending>();
  const seen = new Map<number, Value[]>();
  const flush = (gasBeforeNext: number): void => {
    if (!pending) return;
    const cost = pending.gasBefore - gasBeforeNext;
    if (trace) emit(`${pending.text}  cost ${cost}  gas ${gasBeforeNext}`);
    profile?.add(mod, pending.fi, pending.pc, cost, pending.active!);
    pending = null;
  };
  // the active functions, for inclusive gas: a call pushes its callee, a return pops
  const active: number[] = [];
  const tracer: Tracer = (fi, pc, op, cost, gasLeft, sp, bp, stack) => {
    const gasBefore = gasLeft + cost;
    const before = pending;
    flush(gasBefore);
    if (profile) {
      if (before === null) active.push(fi);
      else if (before.flow === 'call') active.push(fi);
      else if (before.flow === 'end') active.pop();
    }
    const f = mod.funcs[fi];
    if (values) {
      // what the frame's previous instruction produced, and the locals it changed
      if (pc === 0) waiting.delete(bp); // a new frame at this base: nothing of an old one is pending
      const prev = waiting.get(bp);
      if (prev && prev.pushes && sp > bp + f.nlocals) emit(`    => ${short(stack[sp - 1])}`);
      const names = mod.ir.debug?.funcs[fi]?.locals ?? [];
      let old = seen.get(bp);
      if (!old || pc === 0) old = [];
      const now: Value[] = [];
      for (let i = 0; i < f.nlocals; i++) {
        const v = stack[bp + i];
        now.push(v);
        // a local is shown when it gets a value it did not have (by identity: containers mutate in place)
        if (v !== undefined && (i >= old.length || old[i] !== v)) emit(`    ${names[i] ?? `l${i}`} = ${short(v)}`);
      }
      seen.set(bp, now);
    }
    const info = OP_BY_CODE[op];
    const p: Pending = {
      text: '',
      gasBefore,
      fi,
      pc,
      pushes: info ? pushesValue(info.stack[1]) : false,
      flow: info?.flow,
      active: profile ? active.slice() : null,
    };
    if (trace) {
      const operands = info ? info.operands.map((kind, i) => describe(mod, fi, kind, f.code[pc + 1 + i])) : [];
      const loc = locate(mod, fi, pc);
      const src = loc ? (lines[loc.line - 1] ?? '').trim() : '';
      const where = loc ? `${loc.line}:${loc.col}` : '?';
      // columns line up whatever the function names and offsets
      const at = `${f.name}@${pc}`.padEnd(atWidth);
      p.text = `${at} ${where.padEnd(7)} ${[info?.name ?? `op${op}`, ...operands].join(' ').padEnd(32)} | ${src}`;
      waiting.set(bp, p);
    }
    pending = p;
  };
  return { tracer, finish: (gasLeft) => flush(gasLeft) };
}

function pushesValue(spec: unknown): boolean {
  return typeof spec === 'number' ? spec > 0 : spec !== undefined;
}

function short(v: Value, max = MAX_SHOWN): string {
  const s = v === undefined ? '<unbound>' : show(v);
  return s.length > max ? s.slice(0, max - 3) + '...' : s;
}

/** Gas per source line and per function, from the instructions that ran. */
export class GasProfile {
  readonly byLine = new Map<string, { file: string; line: number; gas: number; count: number }>();
  /** own gas (its instructions) and inclusive gas (with the functions it called) */
  readonly byFunction = new Map<string, { gas: number; inclusive: number; count: number }>();

  add(mod: LoadedModule, fi: number, pc: number, gas: number, active: readonly number[] = [fi]): void {
    const loc = locate(mod, fi, pc);
    const entry = (name: string) => {
      let f = this.byFunction.get(name);
      if (!f) this.byFunction.set(name, (f = { gas: 0, inclusive: 0, count: 0 }));
      return f;
    };
    const f = entry(mod.funcs[fi].name);
    f.gas += gas;
    f.count++;
    // each active function once, however often it is on the stack
    for (const a of new Set(active)) entry(mod.funcs[a].name).inclusive += gas;
    if (!loc) return;
    const key = `${loc.file}:${loc.line}`;
    const l = this.byLine.get(key) ?? { file: loc.file, line: loc.line, gas: 0, count: 0 };
    l.gas += gas;
    l.count++;
    this.byLine.set(key, l);
  }

  /** Highest first; ties by position, so the same run prints the same table. */
  lines() {
    return [...this.byLine.values()].sort((a, b) => b.gas - a.gas || (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  }
  functions() {
    return [...this.byFunction.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.gas - a.gas || (a.name < b.name ? -1 : 1));
  }

  /** `gasUsed`: the call's, which adds the entry price (and takes refunds) to the instructions' */
  render(source: string | undefined, gasUsed: number): string {
    const src = source?.split('\n') ?? [];
    const total = this.functions().reduce((n, f) => n + f.gas, 0);
    const pct = (g: number) => (total > 0 ? `${((g * 100) / total).toFixed(1)}%` : '-');
    const out = [
      `gas profile: ${total} gas in instructions, of ${gasUsed} used by the call (the rest: entry price and calldata, less refunds)`,
      'gas by function (own instructions; with the functions it calls):',
    ];
    for (const f of this.functions())
      out.push(`  ${String(f.gas).padStart(10)}  ${pct(f.gas).padStart(6)}  ${f.name}  (${f.count} instructions; ${f.inclusive} with callees)`);
    out.push('gas by source line:');
    for (const l of this.lines())
      out.push(`  ${String(l.gas).padStart(10)}  ${pct(l.gas).padStart(6)}  ${l.file}:${l.line}  ${(src[l.line - 1] ?? '').trim()}`);
    return out.join('\n');
  }
}

/** An operand as people read it: names for locals and callees, values for constants. */
function describe(mod: LoadedModule, fi: number, kind: string, v: number): string {
  switch (kind) {
    case 'func':
      return mod.funcs[v]?.name ?? String(v);
    case 'stdlib':
      return STDLIB_BY_ID.get(v)?.name ?? String(v);
    case 'builtin':
      return BUILTIN_NAME.get(v) ?? String(v);
    case 'method':
      return '.' + (METHOD_NAME.get(v) ?? String(v));
    case 'const': {
      const c = mod.consts[v];
      return c === undefined ? `#${v}` : `#${v} (${short(c, 24)})`;
    }
    case 'local': {
      const name = mod.ir.debug?.funcs[fi]?.locals[v];
      return name ? `l${v} (${name})` : `l${v}`;
    }
    case 'target':
      return `->${v}`;
    default:
      return String(v);
  }
}
