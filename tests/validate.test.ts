// The validator refuses what the subset bans, with a stable code and the right line.
import { describe, expect, test } from 'vitest';
import { DiagnosticsError } from '../spec/errors.js';
import { compileSource } from '../compiler/index.js';

function diags(src: string) {
  try {
    compileSource(src);
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => ({ code: d.code, line: d.location?.line, message: d.message }));
    throw e;
  }
  return [];
}

function rejects(src: string, code: string, line: number, mention?: RegExp) {
  const ds = diags(src);
  const hit = ds.find((d) => d.code === code);
  expect(hit, `expected ${code} in ${JSON.stringify(ds)}`).toBeDefined();
  expect(hit!.line).toBe(line);
  if (mention) expect(hit!.message).toMatch(mention);
}

describe('validator', () => {
  test('foreign imports name the module', () => {
    rejects('from os import urandom\n', 'E-IMPORT', 1, /os/);
    rejects('x = 1\nimport time\n', 'E-IMPORT', 2, /time/);
    rejects('from stdlib import nothing_here\n', 'E-IMPORT', 1, /nothing_here/);
  });

  test('every stdlib import form is accepted', () => {
    const src = [
      'from __future__ import annotations',
      'from typing import Final, Optional',
      'from stdlib import storage, events, hash as _hash',
      'from stdlib.abi import require',
      'from stdlib.storage import get as sget',
      'import stdlib',
      'import stdlib.abi',
      'K: Final[bytes] = b"k"',
      'def f() -> int:',
      '    require(sget(K) is None, b"x")',
      '    stdlib.storage.set(K, _hash.sha3_256(K))',
      '    return stdlib.abi.block_height()',
    ].join('\n');
    expect(diags(src)).toEqual([]);
  });

  test('float literals, true division and banned builtins', () => {
    rejects('def f() -> int:\n    return 1.5\n', 'E-FLOAT', 2);
    rejects('def f(a: int) -> int:\n    x = 1\n    return a / 2\n', 'E-TRUEDIV', 3);
    rejects('def f() -> None:\n    eval("1")\n', 'E-BUILTIN', 2, /eval/);
    rejects('def f() -> None:\n    exec("1")\n', 'E-BUILTIN', 2);
    rejects('def f() -> None:\n    open("x")\n', 'E-BUILTIN', 2);
    rejects('def f() -> None:\n    print(1)\n', 'E-BUILTIN', 2);
  });

  test('syntax errors carry line and column', () => {
    const ds = diags('def f(:\n    return 1\n');
    expect(ds[0].code).toBe('E-SYNTAX');
    expect(ds[0].line).toBe(1);
  });

  test('all errors in a file are reported, in order', () => {
    const ds = diags('import os\ndef f() -> int:\n    return 1.0\ndef g() -> None:\n    print(2)\n');
    expect(ds.map((d) => [d.code, d.line])).toEqual([
      ['E-IMPORT', 1],
      ['E-FLOAT', 3],
      ['E-BUILTIN', 5],
    ]);
  });

  test('recursion through helpers is found from the call graph', () => {
    rejects('def _a() -> int:\n    return _b()\ndef _b() -> int:\n    return _a()\n', 'E-RECURSION', 4, /_a -> _b -> _a/);
  });
});
