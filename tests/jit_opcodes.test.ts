// The tier's opcode list comes from the opcode table (less an exclusion list), so every opcode
// it claims must have a template in core/jit/codegen.ts; one without is refused when met (the
// function runs interpreted), which this test keeps from happening silently.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { SUPPORTED } from '../core/jit/codegen.js';
import { OPCODES } from '../spec/table.js';

test('every opcode the tier claims has a template', () => {
  const src = readFileSync('core/jit/codegen.ts', 'utf8');
  const body = src.slice(src.indexOf('function genBody'));
  const missing = OPCODES.filter((o) => SUPPORTED.has(o.code) && !body.includes(`case Op.${o.name}:`)).map((o) => o.name);
  expect(missing).toEqual([]);
  expect(SUPPORTED.size).toBeGreaterThan(0);
  for (const c of SUPPORTED) expect(OPCODES.some((o) => o.code === c)).toBe(true);
});
