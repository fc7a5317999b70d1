// Which LOADs can never find their local unbound: a forward "assigned on every path" analysis
// over the blocks (parameters at entry; STORE, ITER_INIT and RANGE_INIT assign). The
// compiled LOAD skips the UnboundLocalError check only where this proves it cannot fire.
import { Op, OP_BY_CODE } from '../../spec/table.js';
import type { Cfg } from './cfg.js';

export function safeLoads(cfg: Cfg, nparams: number, nlocals: number): Uint8Array {
  const { instrs, blocks } = cfg;
  const NB = blocks.length;
  const blockOf = (off: number): number => instrs[cfg.byOff[off]].block;
  const succ: number[][] = blocks.map((blk) => {
    const last = instrs[blk.end - 1];
    const info = OP_BY_CODE[last.op]!;
    const out: number[] = [];
    info.operands.forEach((k, j) => {
      if (k === 'target') out.push(blockOf(last.args[j]));
    });
    if (info.flow !== 'jump' && info.flow !== 'end' && blk.end < instrs.length) out.push(instrs[blk.end].block);
    return out;
  });
  const assigns = (op: number, a0: number, set: Uint8Array): void => {
    if (op === Op.STORE) set[a0] = 1;
    else if (op === Op.ITER_INIT || op === Op.RANGE_INIT) set[a0] = set[a0 + 1] = set[a0 + 2] = 1;
  };
  // in-states: null until a predecessor reaches the block (then the meet of what reaches it)
  const inState: (Uint8Array | null)[] = Array.from({ length: NB }, () => null);
  const entry = new Uint8Array(nlocals);
  for (let i = 0; i < nparams && i < nlocals; i++) entry[i] = 1;
  inState[0] = entry;
  const work = [0];
  while (work.length > 0) {
    const b = work.pop()!;
    const cur = inState[b]!.slice();
    for (let i = blocks[b].first; i < blocks[b].end; i++) assigns(instrs[i].op, instrs[i].args[0], cur);
    for (const t of succ[b]) {
      const old = inState[t];
      if (old === null) {
        inState[t] = cur.slice();
        work.push(t);
        continue;
      }
      let changed = false;
      for (let k = 0; k < nlocals; k++) {
        if (old[k] === 1 && cur[k] === 0) {
          old[k] = 0;
          changed = true;
        }
      }
      if (changed) work.push(t);
    }
  }
  const safe = new Uint8Array(instrs.length);
  for (let b = 0; b < NB; b++) {
    const st = inState[b];
    if (st === null) continue;
    const cur = st.slice();
    for (let i = blocks[b].first; i < blocks[b].end; i++) {
      const ins = instrs[i];
      if (ins.op === Op.LOAD && cur[ins.args[0]] === 1) safe[i] = 1;
      assigns(ins.op, ins.args[0], cur);
    }
  }
  return safe;
}
