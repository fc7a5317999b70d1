// The YAML table is the single source of prices: everything implemented is priced, and
// everything priced is implemented (opcodes: checked by running them, not by reading code).
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { encodeModule } from '../compiler/codec.js';
import type { IRModule } from '../compiler/ir.js';
import { selectorOf } from '../compiler/selector.js';
import { encodeArgs } from '../core/abi/codec.js';
import { defaultBlock, defaultTx } from '../core/context.js';
import { FUSED_BASE } from '../core/fuse.js';
import { loadBytes, loadModule, type LoadedModule } from '../core/load.js';
import type { Tracer } from '../core/machine.js';
import { executeCall, type Receipt } from '../node/execute.js';
import { MemoryState } from '../node/state.js';
import { IRDecodeError } from '../spec/errors.js';
import { BUILTINS, METHODS, Op, OPCODES, STDLIB } from '../spec/table.js';
import { STD_IMPLS_BY_NAME } from '../stdlib/index.js';
import { BUILTIN_NAMES_IMPLEMENTED } from '../core/builtins.js';
import { METHOD_NAMES_IMPLEMENTED } from '../core/methods.js';
// @ts-expect-error plain JS build script
import { resolveTable, renderTable } from '../scripts/gen-table.mjs';

const yamlText = readFileSync('spec/opcodes_vm_py.yaml', 'utf8');
const BASE: Record<number, number> = Object.fromEntries(OPCODES.map((o) => [o.code, o.base]));
const OP_NAME: Record<number, string> = Object.fromEntries(OPCODES.map((o) => [o.code, o.name]));

const ins = (op: number, ...args: number[]) => ({ op, args });
/** A module with one public function f() -> int whose code is `code`. */
function handIr(code: { op: number; args: number[] }[]): IRModule {
  return {
    consts: [0n],
    funcs: [{ name: 'f', isPublic: true, nparams: 0, nlocals: 0, code }],
    exports: [{ selector: selectorOf('f', []), func: 0, params: [], returns: 'int' }],
    debug: null,
  };
}

function run(m: LoadedModule, fn: string, args: bigint[], tracer?: Tracer): Receipt {
  const ex = m.byName.get(fn)!;
  const calldata = new Uint8Array([...ex.selector, ...encodeArgs(ex.params, args as never)]);
  return executeCall({ module: m, calldata, gasLimit: 1_000_000, tx: defaultTx(), block: defaultBlock(), state: new MemoryState(), tracer });
}

describe('gas table', () => {
  test('the generated table is current with the YAML', () => {
    expect(readFileSync('spec/gas_table.generated.ts', 'utf8')).toBe(renderTable(resolveTable(yamlText)));
  });

  test('schema rejects an unknown key, a bad price reference and a duplicate opcode number', () => {
    expect(() => resolveTable(yamlText.replace('version: 1', 'version: 1\nsurprise: 2'))).toThrow(/schema/);
    expect(() => resolveTable(yamlText.replace('base: $G_POW', 'base: $NO_SUCH'))).toThrow(/unknown constant/);
    expect(() => resolveTable(yamlText.replace('code: 0x01,', 'code: 0x00,'))).toThrow(/duplicate opcode/);
  });

  test('every priced opcode executes, charged its base before it runs', () => {
    // tests/fixtures/all_opcodes.py exercises every opcode the compiler emits, run traced (the
    // tracer sees each original instruction as it runs); NOP, which the compiler never emits,
    // runs in a hand-written function
    const src = readFileSync('tests/fixtures/all_opcodes.py', 'utf8');
    const mod = loadModule(compileSource(src, { file: 'all_opcodes.py' }).module);
    const nop = loadModule(handIr([ins(Op.NOP), ins(Op.CONST, 0), ins(Op.RETURN)]));
    const seen = new Set<number>();
    const runs: [LoadedModule, string, bigint[], Receipt['status']][] = [
      [mod, 'arith', [3n, 5n], 'SUCCESS'],
      [mod, 'objects', [4n], 'SUCCESS'],
      [mod, 'objects', [400n], 'REVERT'],
      [nop, 'f', [], 'SUCCESS'],
    ];
    for (const [m, fn, args, status] of runs) {
      const steps: { op: number; cost: number; left: number }[] = [];
      const r = run(m, fn, args, (_f, _pc, op, cost, left) => steps.push({ op, cost, left }));
      expect(r.status, `${fn}(${args}): ${r.error?.message}`).toBe(status);
      for (let i = 0; i < steps.length; i++) {
        const { op, cost, left } = steps[i];
        seen.add(op);
        expect(cost, OP_NAME[op]).toBe(BASE[op]);
        // gas left drops by at least this instruction's base between the steps around it
        if (i > 0) expect(steps[i - 1].left - left, OP_NAME[op]).toBeGreaterThanOrEqual(cost);
      }
    }
    expect(OPCODES.filter((o) => !seen.has(o.code)).map((o) => o.name)).toEqual([]);
    for (const o of OPCODES) expect(o.base, o.name).toBeGreaterThan(0);
  });

  test('an opcode the table does not price is refused at load, and the interpreter will not run it', () => {
    const unpriced = Array.from({ length: FUSED_BASE }, (_, i) => i).filter((c) => BASE[c] === undefined);
    expect(unpriced.length).toBeGreaterThan(0);
    for (const code of unpriced) {
      // IR bytes whose first instruction (a NOP) is changed to `code`
      const bytes = encodeModule(handIr([ins(Op.NOP), ins(Op.CONST, 0), ins(Op.RETURN)]));
      const at = bytes.findIndex((_, i) => bytes[i] === Op.NOP && bytes[i + 1] === Op.CONST && bytes[i + 2] === 0 && bytes[i + 3] === Op.RETURN);
      expect(at).toBeGreaterThan(0);
      bytes[at] = code;
      expect(() => loadBytes(bytes), `0x${code.toString(16)}`).toThrow(IRDecodeError);
      // past the loader (a damaged loaded module): both the fused and the traced path stop typed
      for (const traced of [false, true]) {
        const m = loadModule(handIr([ins(Op.NOP), ins(Op.CONST, 0), ins(Op.RETURN)]));
        m.funcs[0].code[0] = code;
        m.funcs[0].fast[0] = code;
        const r = run(m, 'f', [], traced ? () => {} : undefined);
        expect(r.error?.kind, `0x${code.toString(16)}`).toBe('InvalidOpcode');
      }
    }
  });

  test('stdlib: priced == implemented', () => {
    expect(new Set(STDLIB.map((s) => s.name))).toEqual(new Set(Object.keys(STD_IMPLS_BY_NAME)));
  });

  test('builtins and methods: priced == implemented', () => {
    expect(new Set(BUILTINS.map((b) => b.name))).toEqual(new Set(BUILTIN_NAMES_IMPLEMENTED));
    expect(new Set(METHODS.map((b) => b.name))).toEqual(new Set(METHOD_NAMES_IMPLEMENTED));
  });
});
