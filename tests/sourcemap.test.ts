// Source maps: failures report the contract line where they happened, also inside helpers;
// the --trace session accounts for every unit of gas and names source lines.
import { describe, expect, test } from 'vitest';
import { traceSession } from '../cli/trace.js';
import { defaultBlock } from '../core/context.js';
import { executeCall } from '../node/execute.js';
import { ENTRY } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';

const SRC = [
  'def _div(a: int, b: int) -> int:', // 1
  '    x = a + 1', // 2
  '    return x // b', // 3
  '', // 4
  'def _check(a: int) -> None:', // 5
  '    assert a < 10, "too big"', // 6
  '', // 7
  'def run(a: int, b: int) -> int:', // 8
  '    _check(a)', // 9
  '    y = _div(a, b)', // 10
  '    xs = [1, 2]', // 11
  '    return xs[y]', // 12
  '',
].join('\n');

describe('source locations', () => {
  const c = new TestContract(SRC, 'contract.py');
  test('a VmError inside a helper reports the helper line', () => {
    const r = c.call('run', [1, 0]);
    expect(r.status).toBe('ERROR');
    expect(r.error?.kind).toBe('ZeroDivisionError');
    expect(r.error?.location).toMatchObject({ file: 'contract.py', line: 3 });
  });
  test('a failed assert in a helper reports its line', () => {
    const r = c.call('run', [20, 1]);
    expect(r.status).toBe('REVERT');
    expect(new TextDecoder().decode(r.revertReason!)).toBe('too big');
    expect(r.error?.location?.line).toBe(6);
  });
  test('an error back in the caller reports the caller line', () => {
    const r = c.call('run', [5, 1]);
    expect(r.error?.kind).toBe('IndexError');
    expect(r.error?.location?.line).toBe(12);
  });
  test('the trace prices every instruction and the costs add up to the gas used', () => {
    const lines: string[] = [];
    const t = traceSession(c.module, SRC, (l) => lines.push(l));
    const gasLimit = 100_000;
    const calldata = c.calldata('run', [0, 1]);
    const r = executeCall({ module: c.module, calldata, gasLimit, tx: c.tx, block: defaultBlock(), state: c.state, tracer: t.tracer });
    t.finish(gasLimit - r.gasUsed - r.refund);
    expect(r.status).toBe('SUCCESS');
    const costs = lines.map((l) => Number(/ cost (\d+) /.exec(l)![1]));
    const first = Number(/ gas (\d+)$/.exec(lines[0])![1]) + costs[0];
    // the first instruction starts right after the entry cost; the costs add up to the rest
    expect(first).toBe(gasLimit - ENTRY.base - ENTRY.perCalldataByte * calldata.length);
    expect(costs.reduce((x, y) => x + y, 0)).toBe(r.gasUsed + r.refund - ENTRY.base - ENTRY.perCalldataByte * calldata.length);
    expect(lines.some((l) => l.startsWith('_div@') && l.includes('| return x // b'))).toBe(true);
    expect(lines.some((l) => l.includes('CALL _check'))).toBe(true);
    expect(lines[lines.length - 1]).toMatch(/^run@\d+ +12:\d+ +RETURN/);
  });
});
