// The estimator is sound on generated programs: every function of the fuzzers' expression
// programs (tests/helpers/exprgen.ts), statement programs with if/for/while/break
// (tests/helpers/stmtgen.ts) and nested constant-range loops (below) is called through a
// public wrapper per argument set, and a wrapper with a numeric bound never uses more gas
// than it, whatever the call's outcome.
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { estimateGas } from '../compiler/gas_estimate.js';
import { MemoryState } from '../node/state.js';
import { ENTRY } from '../spec/table.js';
import { TestContract } from './helpers/contract.js';
import { ARGS_ARB, generateProgram } from './helpers/exprgen.js';
import { generateStmtProgram } from './helpers/stmtgen.js';

/** The program plus `def w<i>_<k>() -> bool` calling function i with argument set k. */
function withWrappers(src: string): { src: string; names: string[]; loopy: Set<string> } {
  const lines = src.split('\n');
  const names: string[] = [];
  const loopy = new Set<string>();
  const out = [...lines];
  lines.forEach((l, i) => {
    const args = /^# args: (.*)$/.exec(l);
    const def = /^def (_[gsr]\d+)\(/.exec(lines[i + 1] ?? '');
    if (!args || !def) return;
    let body = '';
    for (let j = i + 2; j < lines.length && lines[j].startsWith(' '); j++) body += `${lines[j]}\n`;
    args[1].split(' | ').forEach((a, k) => {
      const name = `w${def[1].slice(1)}_${k}`;
      names.push(name);
      if (/^\s*for \w+ in range\(/m.test(body)) loopy.add(name);
      out.push('', `def ${name}() -> bool:`, `    ${def[1]}(${a})`, '    return True');
    });
  });
  return { src: out.join('\n'), names, loopy };
}

/**
 * Functions of nested constant-range loops (with break, continue, early return, ints and
 * bytes that grow) over exprgen's expressions, for the loop walk; xorshift from `seed`.
 */
function rangeLoopProgram(seed: number, n: number): string {
  let st = seed >>> 0 || 1;
  const rnd = (): number => {
    st ^= st << 13;
    st >>>= 0;
    st ^= st >>> 17;
    st ^= st << 5;
    st >>>= 0;
    return st / 4294967296;
  };
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const lit = (): string => pick(['0', '1', '7', '-3', '255', String(2n ** 70n), `-${2n ** 300n}`, String(2n ** 1000n - 1n)]);
  const expr = (d: number): string =>
    d <= 0 || rnd() < 0.3
      ? pick(['a', 'b', 'len(bs)', 'i9', lit()])
      : pick([
          () => `(${expr(d - 1)} ${pick(['+', '-', '*', '//', '%', '&', '|', '^'])} ${expr(d - 1)})`,
          () => `(${expr(d - 1)} << ${pick(['1', '9', '64'])})`,
          () => `abs(${expr(d - 1)})`,
          () => `(${expr(d - 1)} if ${expr(d - 1)} > ${expr(d - 1)} else ${expr(d - 1)})`,
        ])();
  const int = (): string => expr(3);
  const bool = (): string => `${expr(2)} ${pick(['<', '<=', '>', '>=', '==', '!='])} ${expr(2)}`;
  const body = (depth: number, ind: string): string[] => {
    const out: string[] = [];
    for (let j = 0; j < 3; j++) {
      const c = pick(['aug', 'aug', 'bytes', 'if', 'break', 'continue', 'ret', ...(depth > 0 ? ['for', 'for'] : [])]);
      if (c === 'aug') out.push(`${ind}${pick(['a', 'b'])} ${pick(['+=', '-=', '^=', '|=', '*='])} ${int()}`);
      else if (c === 'bytes') out.push(`${ind}bs = bs + ${pick(['b"xy"', 'bs[:3]', 'bs[1:]'])}`);
      else if (c === 'if') out.push(`${ind}if ${bool()}:`, ...body(depth - 1, `${ind}    `));
      else if (c === 'for') out.push(`${ind}for i${depth} in range(${pick(['3', '1, 9, 2', '6, 0, -2', '40', '0'])}):`, ...body(depth - 1, `${ind}    `));
      else if (c === 'break' || c === 'continue') out.push(`${ind}if ${bool()}:`, `${ind}    ${c}`);
      else out.push(`${ind}if ${bool()}:`, `${ind}    return (a, b, xs, bs)`);
    }
    return out;
  };
  const out: string[] = ['# constant-range loop programs', ''];
  for (let f = 0; f < n; f++) {
    const args = fc.sample(ARGS_ARB, { seed: seed + 104729 * (f + 1), numRuns: 3 });
    out.push(`# args: ${args.join(' | ')}`, `def _r${f}(a, b, bs, s, xs):`);
    out.push(`    for i9 in range(${pick(['4', '2, 12, 3', '25'])}):`, ...body(2, '        '));
    out.push('    return (a, b, xs, bs)', '');
  }
  return out.join('\n');
}

describe('static bound >= measured gas over the fuzz corpus', () => {
  const programs: [string, string][] = [];
  for (const seed of [11, 12, 13, 14]) programs.push([`exprgen seed ${seed}`, generateProgram(seed, 12)]);
  for (const seed of [21, 22, 23, 24, 25, 26]) programs.push([`stmtgen seed ${seed}`, generateStmtProgram(seed, 12)]);
  for (const seed of [31, 32, 33, 34, 35, 36, 37, 38]) programs.push([`range loops seed ${seed}`, rangeLoopProgram(seed, 10)]);
  let bounded = 0;
  let loops = 0;
  for (const [label, program] of programs) {
    test(label, () => {
      const { src, names, loopy } = withWrappers(program);
      const c = new TestContract(src);
      const bounds = estimateGas(c.compiled.module).functions;
      for (const fn of names) {
        const b = bounds.get(fn);
        if (typeof b !== 'number') continue;
        bounded++;
        if (loopy.has(fn)) loops++;
        c.state = new MemoryState();
        const r = c.call(fn, [], 50_000_000);
        const used = r.gasUsed + r.refund - ENTRY.base - ENTRY.perCalldataByte * c.calldata(fn).length;
        expect(r.status, `${label} ${fn}`).not.toBe('OOG');
        expect(b, `${label} ${fn} (${r.status}) used ${used}`).toBeGreaterThanOrEqual(used);
      }
    });
  }
  test('the corpus exercised bounded functions, constant-range loops among them', () => {
    // a vacuous pass (nothing bounded) would prove nothing
    expect(bounded).toBeGreaterThan(60);
    expect(loops).toBeGreaterThan(30);
  });
});
