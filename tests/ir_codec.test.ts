// The IR codec is canonical and strict: every example round-trips byte for byte, and every
// kind of damage is refused at load with a typed error.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { codeHash, decodeModule, encodeModule } from '../compiler/codec.js';
import { compileSource } from '../compiler/index.js';
import type { IRModule } from '../compiler/ir.js';
import { verifyModule } from '../compiler/verify.js';
import { IRDecodeError, VerifyError } from '../spec/errors.js';
import { Op } from '../spec/table.js';

const examples = ['examples/counter/contract.py', 'examples/escrow/contract.py'];
const counter = compileSource(readFileSync(examples[0], 'utf8'), { file: 'contract.py' });

function clone(m: IRModule): IRModule {
  return decodeModule(encodeModule(m));
}

describe('IR codec', () => {
  for (const ex of examples) {
    test(`encode(decode(x)) == x for ${ex}`, () => {
      const c = compileSource(readFileSync(ex, 'utf8'), { file: ex });
      expect(encodeModule(decodeModule(c.bytes))).toEqual(c.bytes);
      const stripped = compileSource(readFileSync(ex, 'utf8'), { file: ex, strip: true });
      expect(encodeModule(decodeModule(stripped.bytes))).toEqual(stripped.bytes);
      expect(stripped.bytes.length).toBeLessThan(c.bytes.length);
      expect(stripped.codeHash).toEqual(c.codeHash); // debug info is not part of the identity
    });
  }

  test("a tuple literal nested past the constant table's 16 levels compiles to code that loads", () => {
    const nest = (d: number) => '('.repeat(d) + '1' + ',)'.repeat(d);
    for (const d of [16, 17, 40]) {
      const src = `T = ${nest(d)}\n\ndef f() -> int:\n    return len(T)\n`;
      const c = compileSource(src, { file: 'deep.py' });
      const m = decodeModule(c.bytes); // was E-IR-DECODE at deploy for d > 16
      verifyModule(m);
      const builds = m.funcs[0].code.filter((i) => i.op === Op.BUILD_TUPLE).length;
      expect(builds, `depth ${d}`).toBe(Math.max(0, d - 16));
    }
  });

  test('truncation at every length is a decode error', () => {
    const stripped = encodeModule({ ...counter.module, debug: null });
    for (let n = 0; n < counter.bytes.length; n++) {
      if (n === stripped.length) continue; // cutting exactly the optional debug section leaves a valid module
      expect(() => decodeModule(counter.bytes.slice(0, n)), `length ${n}`).toThrow(IRDecodeError);
    }
  });

  test('a trailing byte is refused', () => {
    expect(() => decodeModule(new Uint8Array([...counter.bytes, 0]))).toThrow(/trailing|section/);
  });

  test('bad magic, version, section order and a non-minimal varint are refused', () => {
    const b = counter.bytes;
    const bad1 = b.slice();
    bad1[0] = 0x58;
    expect(() => decodeModule(bad1)).toThrow(/magic/);
    const bad2 = b.slice();
    bad2[4] = 9;
    expect(() => decodeModule(bad2)).toThrow(/version/);
    // consts section length re-encoded as a two-byte varint: same value, non-minimal form
    const len = b[6];
    expect(len).toBeLessThan(0x80);
    const bad3 = new Uint8Array([...b.slice(0, 6), len | 0x80, 0x00, ...b.slice(7)]);
    expect(() => decodeModule(bad3)).toThrow(/non-minimal/);
  });

  test('an unknown opcode is refused at load', () => {
    const m = clone(counter.module);
    m.funcs[0].code[0] = { op: 0xee, args: [] };
    expect(() => decodeModule(encodeModule(m))).toThrow(/unknown opcode 0xee/);
  });

  test('the verifier refuses bad indices and inconsistent stack heights', () => {
    const mutate = (f: (m: IRModule) => void) => {
      const m = clone(counter.module);
      f(m);
      return () => verifyModule(m);
    };
    expect(mutate((m) => (m.funcs[0].code[0] = { op: Op.CONST, args: [999] }))).toThrow(VerifyError);
    expect(mutate((m) => (m.funcs[0].code[0] = { op: Op.JUMP, args: [999] }))).toThrow(/jump target/);
    expect(mutate((m) => (m.funcs[1].code[5] = { op: Op.STORE, args: [7] }))).toThrow(/local 7/);
    expect(mutate((m) => m.funcs[0].code.unshift({ op: Op.POP, args: [] }))).toThrow(/underflow/);
    expect(mutate((m) => m.funcs[0].code.splice(3, 0, { op: Op.DUP, args: [] }))).toThrow(/RETURN with 2/);
    expect(mutate((m) => (m.exports[0].func = 99))).toThrow(/missing function/);
    expect(mutate((m) => m.funcs[0].code.pop())).toThrow(/falls off the end/);
  });

  test('code hash is sha3 over the module without debug info', () => {
    expect(codeHash(counter.module)).toEqual(counter.codeHash);
    expect(counter.codeHash.length).toBe(32);
  });
});
