// The YAML table is the single source of prices: everything implemented is priced, and
// everything priced is implemented.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { BUILTINS, METHODS, OPCODES, STDLIB } from '../spec/table.js';
import { STD_IMPLS_BY_NAME } from '../stdlib/index.js';
import { BUILTIN_NAMES_IMPLEMENTED } from '../core/builtins.js';
import { METHOD_NAMES_IMPLEMENTED } from '../core/methods.js';
// @ts-expect-error plain JS build script
import { resolveTable, renderTable } from '../scripts/gen-table.mjs';

const yamlText = readFileSync('spec/opcodes_vm_py.yaml', 'utf8');

describe('gas table', () => {
  test('the generated table is current with the YAML', () => {
    expect(readFileSync('spec/gas_table.generated.ts', 'utf8')).toBe(renderTable(resolveTable(yamlText)));
  });

  test('schema rejects an unknown key, a bad price reference and a duplicate opcode number', () => {
    expect(() => resolveTable(yamlText.replace('version: 1', 'version: 1\nsurprise: 2'))).toThrow(/schema/);
    expect(() => resolveTable(yamlText.replace('base: $G_POW', 'base: $NO_SUCH'))).toThrow(/unknown constant/);
    expect(() => resolveTable(yamlText.replace('code: 0x01,', 'code: 0x00,'))).toThrow(/duplicate opcode/);
  });

  test('every opcode is executed by the interpreter, and the interpreter executes only priced opcodes', () => {
    const src = readFileSync('core/interpreter.ts', 'utf8');
    const handled = new Set([...src.matchAll(/case Op\.([A-Z_0-9]+):/g)].map((m) => m[1]));
    const priced = new Set(OPCODES.map((o) => o.name));
    expect([...priced].filter((n) => !handled.has(n))).toEqual([]);
    expect([...handled].filter((n) => !priced.has(n))).toEqual([]);
    for (const o of OPCODES) expect(o.base, o.name).toBeGreaterThan(0);
  });

  test('stdlib: priced == implemented', () => {
    expect(new Set(STDLIB.map((s) => s.name))).toEqual(new Set(Object.keys(STD_IMPLS_BY_NAME)));
  });

  test('builtins and methods: priced == implemented', () => {
    expect(new Set(BUILTINS.map((b) => b.name))).toEqual(new Set(BUILTIN_NAMES_IMPLEMENTED));
    expect(new Set(METHODS.map((b) => b.name))).toEqual(new Set(METHOD_NAMES_IMPLEMENTED));
  });
});
