// Load-time verification: every index in range and one stack height per instruction on
// every path, so that the interpreter never meets a malformed module at run time.
import { VerifyError } from '../spec/errors.js';
import { DEFAULT_LIMITS, Op, OP_BY_CODE, STDLIB_BY_ID, BUILTINS, METHODS, type StackSpec } from '../spec/table.js';
import type { HostStdlib } from '../spec/host_std.js';
import type { IRFunction, IRModule } from './ir.js';
import { parseReturnType } from './return_types.js';

const BUILTIN_IDS = new Set(BUILTINS.map((b) => b.id));
const METHOD_IDS = new Set(METHODS.map((b) => b.id));
const TYPE_NAME = /^[a-z0-9_<>(),\[\]]+$/;

export interface VerifiedInfo {
  /** per function: the maximum operand-stack height above its locals */
  maxStack: number[];
}

/** `host`: a tool's host modules (spec/host_std.ts) whose ids this module may call; absent for contracts. */
export function verifyModule(m: IRModule, maxStack: number = DEFAULT_LIMITS.max_stack, host?: HostStdlib): VerifiedInfo {
  const out: number[] = [];
  m.funcs.forEach((f) => out.push(verifyFunction(m, f, maxStack, host)));
  const exported = new Set<number>();
  let prev: Uint8Array | null = null;
  for (const e of m.exports) {
    if (e.func >= m.funcs.length) fail(`export points at missing function ${e.func}`);
    const f = m.funcs[e.func];
    if (!f.isPublic) fail(`export of private function ${f.name}`);
    if (exported.has(e.func)) fail(`function ${f.name} exported twice`);
    exported.add(e.func);
    if (e.params.length !== f.nparams) fail(`export of ${f.name} declares ${e.params.length} params, function takes ${f.nparams}`);
    for (const t of [...e.params, e.returns]) if (!TYPE_NAME.test(t)) fail(`export of ${f.name}: bad type name '${t}'`);
    if (prev && compareBytes(prev, e.selector) >= 0) fail('exports must be sorted by selector with no duplicates');
    prev = e.selector;
  }
  m.funcs.forEach((f, i) => {
    if (f.isPublic && !exported.has(i)) fail(`public function ${f.name} has no export`);
  });
  if (m.debug) {
    if (m.debug.funcs.length !== m.funcs.length) fail('debug section does not describe every function');
    m.debug.funcs.forEach((d, i) => {
      if (d.locals.length > m.funcs[i].nlocals) fail(`debug names more locals than ${m.funcs[i].name} has`);
      for (const l of d.lines) if (l.pc >= m.funcs[i].code.length) fail(`debug line entry past the end of ${m.funcs[i].name}`);
    });
  }
  return { maxStack: out };
}

function fail(msg: string): never {
  throw new VerifyError(msg);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function verifyFunction(m: IRModule, f: IRFunction, maxStack: number, host?: HostStdlib): number {
  const code = f.code;
  const where = (pc: number) => `${f.name}@${pc}`;
  if (code.length === 0) fail(`function ${f.name} has no code`);
  if (f.nlocals > maxStack) fail(`function ${f.name} has more locals than the stack limit`);
  // static operand checks
  for (let pc = 0; pc < code.length; pc++) {
    const ins = code[pc];
    const info = OP_BY_CODE[ins.op]!;
    info.operands.forEach((kind, k) => {
      const v = ins.args[k];
      switch (kind) {
        case 'const':
          if (v >= m.consts.length) fail(`${where(pc)}: constant ${v} out of range`);
          break;
        case 'local':
          if (v + info.slots > f.nlocals) fail(`${where(pc)}: local ${v} out of range`);
          break;
        case 'target':
          if (v >= code.length) fail(`${where(pc)}: jump target ${v} out of range`);
          break;
        case 'func':
          if (v >= m.funcs.length) fail(`${where(pc)}: function ${v} out of range`);
          break;
        case 'stdlib':
          if (!STDLIB_BY_ID.has(v) && !host?.byId.has(v)) fail(`${where(pc)}: unknown stdlib function ${v}`);
          break;
        case 'builtin':
          if (!BUILTIN_IDS.has(v)) fail(`${where(pc)}: unknown builtin ${v}`);
          break;
        case 'method':
          if (!METHOD_IDS.has(v)) fail(`${where(pc)}: unknown method ${v}`);
          break;
        case 'n':
          if (v > 0xffff) fail(`${where(pc)}: count ${v} too large`);
          break;
      }
    });
    if (ins.op === Op.RANGE_INIT && (ins.args[1] < 1 || ins.args[1] > 3)) fail(`${where(pc)}: range takes 1 to 3 arguments`);
    if (ins.op === Op.CHECK_RETURN) {
      const t = m.consts[ins.args[0]];
      if (typeof t !== 'string' || !parseReturnType(t)) fail(`${where(pc)}: CHECK_RETURN needs a type name constant`);
    }
  }
  const { max } = stackHeights(m, f, maxStack, host);
  return max;
}

/**
 * Stack height before each instruction (-1: unreachable) by abstract interpretation over the
 * control-flow graph, with each instruction's stack effect and successors from the table.
 */
export function stackHeights(m: IRModule, f: IRFunction, maxStack: number = DEFAULT_LIMITS.max_stack, host?: HostStdlib): { height: Int32Array; max: number } {
  const code = f.code;
  const where = (pc: number) => `${f.name}@${pc}`;
  const height = new Int32Array(code.length).fill(-1);
  const work: number[] = [0];
  height[0] = 0;
  let max = 0;
  const flow = (to: number, h: number, from: number) => {
    if (to >= code.length) fail(`${where(from)}: falls off the end of the function`);
    if (height[to] === -1) {
      height[to] = h;
      work.push(to);
    } else if (height[to] !== h) fail(`${where(to)}: inconsistent stack height (${height[to]} vs ${h})`);
  };
  while (work.length) {
    const pc = work.pop()!;
    const h = height[pc];
    const ins = code[pc];
    const info = OP_BY_CODE[ins.op]!;
    const pops = stackCount(info.stack[0], ins.args, m, info.operands, host);
    const pushes = stackCount(info.stack[1], ins.args, m, info.operands, host);
    if (h < pops) fail(`${where(pc)}: stack underflow in ${info.name}`);
    const after = h - pops + pushes;
    if (after > max) max = after;
    if (f.nlocals + max > maxStack) fail(`${where(pc)}: operand stack exceeds the limit`);
    const target = ins.args[info.operands.indexOf('target')];
    switch (info.flow) {
      case 'end':
        if (info.height !== null && h !== info.height) fail(`${where(pc)}: ${info.name} with ${h} values on the stack (needs exactly ${info.height})`);
        break;
      case 'jump':
        flow(target, after, pc);
        break;
      case 'branch': {
        const [tp, tu] = info.taken!;
        if (h < tp) fail(`${where(pc)}: stack underflow in ${info.name}`);
        flow(target, h - tp + tu, pc);
        flow(pc + 1, after, pc);
        break;
      }
      default: // next, call
        flow(pc + 1, after, pc);
    }
  }
  return { height, max };
}

/** Pops or pushes of one instruction, from its table stack spec and operands. */
export function stackCount(spec: StackSpec, args: number[], m: IRModule, operands: readonly string[], host?: HostStdlib): number {
  if (typeof spec === 'number') return spec;
  const n = args[operands.indexOf('n')];
  switch (spec) {
    case 'n':
      return n;
    case '2n':
      return 2 * n;
    case 'n+1':
      return n + 1;
    case 'params':
      return m.funcs[args[0]].nparams;
    case 'std':
      return (STDLIB_BY_ID.get(args[0]) ?? host!.byId.get(args[0])!).params.length;
  }
}
