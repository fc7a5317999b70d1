// The shape of one loaded function for the compiling tier: its instructions, basic blocks,
// the operand stack height at each instruction, and each instruction's base cost from the
// gas table (never a price of its own). Built from the original (unfused) code, whose
// instruction-by-instruction charging is the reference.
import { BASE_COST, OP_BY_CODE, type OpInfo, type StackSpec } from '../../spec/table.js';
import type { LoadedFunc } from '../load.js';

export interface Instr {
  /** offset in the function's code array (what errors and tracebacks report) */
  off: number;
  op: number;
  args: number[];
  cost: number;
  /** operand stack height before the instruction */
  height: number;
  /** index of the basic block it belongs to */
  block: number;
}

export interface Block {
  first: number;
  /** one past the last instruction */
  end: number;
  /** sum of the base costs of its instructions */
  cost: number;
}

export interface Cfg {
  instrs: Instr[];
  blocks: Block[];
  /** instruction index by code offset (-1 between instructions) */
  byOff: Int32Array;
  maxHeight: number;
}

/** Pops and pushes of instruction `ins` when it continues at the next one; null: unknown. */
export function stackEffect(info: OpInfo, args: readonly number[], nparamsOf: (f: number) => number, stdArity: Int32Array): [number, number] | null {
  const n = info.operands.indexOf('n') >= 0 ? args[info.operands.indexOf('n')] : 0;
  const resolve = (s: StackSpec): number | null => {
    if (typeof s === 'number') return s;
    if (s === 'n') return n;
    if (s === '2n') return 2 * n;
    if (s === 'n+1') return n + 1;
    if (s === 'params') return nparamsOf(args[0]);
    if (s === 'std') return stdArity[args[0]];
    return null;
  };
  const pops = resolve(info.stack[0]);
  const pushes = resolve(info.stack[1]);
  return pops === null || pushes === null ? null : [pops, pushes];
}

/** The function's control-flow graph, or null when it holds something the tier does not model. */
export function buildCfg(fn: LoadedFunc, nparamsOf: (f: number) => number, stdArity: Int32Array): Cfg | null {
  const code = fn.code;
  const instrs: Instr[] = [];
  const byOff = new Int32Array(code.length + 1).fill(-1);
  for (const off of fn.offsets) {
    const op = code[off];
    const info = OP_BY_CODE[op];
    if (!info) return null;
    byOff[off] = instrs.length;
    instrs.push({ off, op, args: Array.from(code.subarray(off + 1, off + 1 + info.operands.length)), cost: BASE_COST[op], height: -1, block: -1 });
  }
  if (instrs.length === 0) return null;
  // leaders: the entry, every jump target, and whatever follows a jump, branch or end
  const leader = new Uint8Array(instrs.length + 1);
  leader[0] = 1;
  for (let i = 0; i < instrs.length; i++) {
    const ins = instrs[i];
    const info = OP_BY_CODE[ins.op]!;
    info.operands.forEach((k, j) => {
      if (k === 'target') {
        const t = byOff[ins.args[j]];
        if (t < 0) throw new Error('jit: jump target between instructions');
        leader[t] = 1;
      }
    });
    if (info.flow === 'jump' || info.flow === 'branch' || info.flow === 'end') leader[i + 1] = 1;
  }
  const blocks: Block[] = [];
  for (let i = 0; i < instrs.length; i++) {
    if (leader[i]) blocks.push({ first: i, end: i, cost: 0 });
    const b = blocks[blocks.length - 1];
    b.end = i + 1;
    b.cost += instrs[i].cost;
    instrs[i].block = blocks.length - 1;
  }
  // heights by a walk from the entry (the verifier has checked that they agree on every path)
  const work = [0];
  instrs[0].height = 0;
  let maxHeight = 0;
  const reach = (i: number, h: number): boolean => {
    if (i >= instrs.length) return false;
    if (instrs[i].height === -1) {
      instrs[i].height = h;
      work.push(i);
    } else if (instrs[i].height !== h) return false;
    return true;
  };
  while (work.length > 0) {
    const i = work.pop()!;
    const ins = instrs[i];
    const info = OP_BY_CODE[ins.op]!;
    const eff = stackEffect(info, ins.args, nparamsOf, stdArity);
    if (eff === null) return null;
    const h = ins.height;
    if (h < eff[0]) return null;
    const next = h - eff[0] + eff[1];
    if (next > maxHeight) maxHeight = next;
    if (info.flow === 'end') continue;
    if (info.flow === 'jump') {
      if (!reach(byOff[ins.args[0]], h)) return null;
      continue;
    }
    if (info.flow === 'branch') {
      const ti = info.operands.indexOf('target');
      const taken = info.taken!;
      if (!reach(byOff[ins.args[ti]], h - taken[0] + taken[1])) return null;
    }
    if (!reach(i + 1, next)) return null;
  }
  return { instrs, blocks, byOff, maxHeight };
}
