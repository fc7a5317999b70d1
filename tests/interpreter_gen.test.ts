// core/interpreter.ts is generated from core/interpreter.ts.in (scripts/gen-interpreter.mjs):
// it must be current, and the template must use each shared mechanism through its macro,
// not a hand-written copy that would drift from the others.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
// @ts-expect-error: a plain .mjs script, without declarations
import { expand, OUTPUT, TEMPLATE } from '../scripts/gen-interpreter.mjs';

const template = readFileSync(TEMPLATE, 'utf8');
const { text, uses } = expand(template) as { text: string; uses: Record<string, number> };
const outsideMacros = template.replace(/^\/\/#macros[\s\S]*?^\/\/#endmacros$/m, '');

describe('the generated interpreter', () => {
  test('is current with its template (npm run gen)', () => {
    expect(readFileSync(OUTPUT, 'utf8')).toBe(text);
  });

  test('each mechanism is a macro, used where it is needed', () => {
    expect(uses.SPILL_GAS).toBeGreaterThan(10);
    expect(uses.RELOAD_GAS).toBeGreaterThan(10);
    expect(uses.PUSH_FRAME).toBe(3); // CALL, LLCALL, LLCALLK
    expect(uses.POP_FRAME).toBe(3); // RETURN, LLOPRET, OPRET
    expect(uses.SMALL_BIN).toBeGreaterThan(10);
  });

  test('the template has no hand-written copy of a mechanism', () => {
    const copies = {
      reload: /(?<!let )reserve = m\.gas > GAS_CHUNK/g,
      spill: /m\.gas = gas \+ reserve/g,
      push: /frameFn\[depth\] = fi/g,
      pop: /fi = frameFn\[depth\]/g,
      smallInt: /(?<!function )binSmall\(|=== Op\.INPLACE_ADD\)/g,
    };
    for (const [name, re] of Object.entries(copies)) expect(outsideMacros.match(re) ?? [], name).toEqual([]);
  });

  test('expansion substitutes arguments and refuses a macro used inside an expression', () => {
    const t = '//#macros\n//#macro TWICE(X)\nX = X + X;\n//#end\n//#endmacros\n  TWICE(a[i]);\n';
    expect(expand(t).text.split('\n').slice(1).join('\n')).toBe('  a[i] = a[i] + a[i];\n');
    expect(() => expand(t + 'const y = TWICE(b);\n')).toThrow(/whole statement/);
    expect(() => expand(t + 'TWICE(a, b);\n')).toThrow(/takes 1 arguments/);
  });
});
