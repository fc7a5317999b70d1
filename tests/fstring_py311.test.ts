// f-strings that Python 3.12 reads but 3.11 (the contract language) refuses: the validator
// must refuse the same sources, at the offending character, and accept the 3.11 forms.
import { spawnSync } from 'node:child_process';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { DiagnosticsError } from '../spec/errors.js';

function diags(src: string): { code: string; line?: number; column?: number; message: string }[] {
  try {
    compileSource(src, { file: 'fs.py' });
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => ({ code: d.code, line: d.location?.line, column: d.location?.col, message: d.message }));
    throw e;
  }
  return [];
}

/** Whether python3 compiles the source (null: python3 is not 3.11, so it cannot judge). */
function cpythonAccepts(src: string): boolean | null {
  const r = spawnSync('python3', ['-c', 'import sys\nif sys.version_info[:2] != (3, 11): sys.exit(3)\ncompile(sys.stdin.read(), "fs.py", "exec")'], {
    input: src,
    encoding: 'utf8',
  });
  if (r.status === 3) return null;
  return r.status === 0;
}

const fn = (body: string) => `def f(n: int) -> str:\n    x = {"k": 1}\n    ${body}\n    return ""\n`;

// [field source, column (1-based) of the error on line 3, what the message names]
const REFUSED: [string, number, string][] = [
  ['a = f"{x["k"]}"', 14, 'own quote'],
  ["a = f'{x['k']}'", 14, 'own quote'],
  ['a = f"{x[\'k\']:>{x["k"]}}"', 23, 'own quote'],
  ['a = f"""{x["""k"""]}"""', 16, 'own quote'],
  ['a = f"{\'\\n\'}"', 13, 'backslash'],
];

const ACCEPTED = ['a = f"{x[\'k\']}"', 'a = f\'{x["k"]}\'', 'a = f"""{x["k"]}"""', 'a = f\'{"#"}\'', 'a = f"{f\'{n}\'}"', 'a = f"{x[\'k\']:>{n}}"'];

describe('f-strings are Python 3.11 f-strings', () => {
  for (const [body, col, why] of REFUSED) {
    test(`refused: ${body}`, () => {
      const src = fn(body);
      expect(cpythonAccepts(src)).not.toBe(true);
      const ds = diags(src);
      expect(ds.map((d) => [d.code, d.line, d.column])).toEqual([['E-FSTRING', 3, col]]);
      expect(ds[0].message).toContain(why);
    });
  }
  for (const body of ACCEPTED) {
    test(`accepted: ${body}`, () => {
      const src = fn(body);
      expect(cpythonAccepts(src)).not.toBe(false);
      expect(diags(src)).toEqual([]);
    });
  }
  test('a comment inside a field is refused, as 3.11 does', () => {
    const src = "def f(n: int) -> str:\n    return f'''{n # c\n}'''\n";
    expect(cpythonAccepts(src)).not.toBe(true);
    expect(diags(src).map((d) => [d.code, d.line])).toEqual([['E-FSTRING', 2]]);
  });
});
