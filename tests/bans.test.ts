// One rejection per ban of spec/LANGUAGE.md: the stable code and the line it points at.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { DiagnosticsError } from '../spec/errors.js';

function diags(src: string): { code: string; line?: number; message: string }[] {
  try {
    compileSource(src, { file: 'ban.py' });
  } catch (e) {
    if (e instanceof DiagnosticsError) return e.diagnostics.map((d) => ({ code: d.code, line: d.location?.line, message: d.message }));
    throw e;
  }
  return [];
}

const OK = 'def ok() -> int:\n    return 1\n';

// [code, source, line]: the offending construct is on `line`, after a clean first function
const BANS: [string, string, number][] = [
  ['E-IMPORT', 'from os import urandom\n', 1],
  ['E-IMPORT', 'import json\n', 1],
  ['E-FLOAT', 'def f() -> int:\n    return 2.5\n', 2],
  ['E-FLOAT', 'def f() -> int:\n    return 1j\n', 2],
  ['E-TRUEDIV', 'def f(a: int) -> int:\n    return a / 2\n', 2],
  ['E-TRUEDIV', 'def f(a: int) -> int:\n    a /= 2\n    return a\n', 2],
  ['E-SET', 'def f() -> int:\n    s = {1, 2}\n    return 1\n', 2],
  ['E-SET', 'def f() -> list:\n    return {x for x in range(3)}\n', 2],
  ['E-BUILTIN', 'def f() -> None:\n    x = getattr(1, "real")\n', 2],
  ['E-BUILTIN', 'def f() -> None:\n    print(1)\n', 2],
  ['E-BUILTIN', 'def f(x: int) -> int:\n    return hash(x)\n', 2],
  ['E-BUILTIN', 'def f(x: int) -> int:\n    return id(x)\n', 2],
  ['E-BUILTIN', 'def f() -> None:\n    y = iter([1])\n', 2],
  ['E-DUNDER', 'def f() -> None:\n    x = __name__\n', 2],
  ['E-DUNDER', 'def f(x: bytes) -> int:\n    return x.__len__()\n', 2],
  ['E-RECURSION', 'def f(n: int) -> int:\n    return f(n - 1)\n', 2],
  ['E-LAMBDA', 'def f() -> int:\n    g = lambda: 1\n    return 1\n', 2],
  ['E-YIELD', 'def f() -> int:\n    yield 1\n', 2],
  ['E-ASYNC', 'async def f() -> int:\n    return 1\n', 1],
  ['E-ASYNC', 'def f() -> int:\n    return await g()\n', 2],
  ['E-WITH', 'def f() -> None:\n    with x:\n        pass\n', 2],
  ['E-GLOBAL', 'def f() -> None:\n    global X\n', 2],
  ['E-GLOBAL', 'def f() -> None:\n    nonlocal X\n', 2],
  ['E-DECORATOR', '@dec\ndef f() -> None:\n    pass\n', 1],
  ['E-STARARGS', 'def f(*args) -> None:\n    pass\n', 1],
  ['E-STARARGS', 'def f(**kw) -> None:\n    pass\n', 1],
  ['E-STARARGS', 'def f(x: list) -> None:\n    g(*x)\n', 2],
  ['E-MODULE-STATE', 'XS = [1, 2]\n', 1],
  ['E-MODULE-STATE', 'D = {"a": 1}\n', 1],
  ['E-MODULE-STATE', 'if True:\n    pass\n', 1],
  ['E-SYNTAX', 'def f(:\n    pass\n', 1],
  ['E-CLASS', 'class A:\n    pass\n', 1],
  ['E-TRY', 'def f() -> None:\n    try:\n        pass\n    except Exception:\n        pass\n', 2],
  ['E-TRY', 'def f() -> None:\n    raise ValueError("x")\n', 2],
  ['E-WALRUS', 'def f(a: int) -> int:\n    if (b := a):\n        return b\n    return 0\n', 2],
  ['E-FSTRING', 'def f(a: int) -> str:\n    return f"{a:.2f}"\n', 2],
  ['E-FORMAT', 'def f(a: int) -> str:\n    return "%f" % a\n', 2],
  ['E-FORMAT', 'def f(a: int) -> str:\n    return "%d-%d" % (a,)\n', 2],
  ['E-KEY', 'def f(a: list) -> list:\n    return sorted(a, key=5)\n', 2],
  ['E-GENERATOR', 'def f(a: list) -> int:\n    g = (x for x in a)\n    return 1\n', 2],
  ['E-NESTED-DEF', 'def f() -> int:\n    def g():\n        return 1\n    return 1\n', 2],
  ['E-ANNOTATION', 'def f(a) -> int:\n    return a\n', 1],
  ['E-ANNOTATION', 'def f(a: int):\n    return a\n', 1],
  ['E-BUILTIN', 'def f(a: list) -> int:\n    m = map(str, a)\n    return 1\n', 2],
  ['E-BUILTIN', 'def f(a: list) -> int:\n    return next(iter(a))\n', 2],
  ['E-BUILTIN', 'def f(a: list) -> int:\n    it = iter(a)\n    return 1\n', 2],
];

describe('every ban has its own code and points at the line', () => {
  for (const [code, src, line] of BANS) {
    test(`${code}: ${src
      .split('\n')
      .find((l) => l.trim() && !l.startsWith('def ok'))
      ?.trim()}`, () => {
      // the ban is reported after a clean function, so its line is shifted by OK's two lines
      const ds = diags(OK + src);
      const hit = ds.find((d) => d.code === code);
      expect(hit, `expected ${code} in ${JSON.stringify(ds)}`).toBeDefined();
      expect(hit!.line).toBe(line + 2);
    });
  }

  test('mutual recursion through helpers names the cycle', () => {
    const ds = diags('def a() -> int:\n    return _b()\ndef _b() -> int:\n    return _c()\ndef _c() -> int:\n    return _b()\n');
    expect(ds.find((d) => d.code === 'E-RECURSION')?.message).toMatch(/_b -> _c -> _b/);
  });

  test('every error in a file is reported, in line order', () => {
    const src = [
      'from os import path',
      'XS = [1]',
      'def f(a: int) -> int:',
      '    g = lambda: 1',
      '    b = a / 2',
      '    return 1.5',
      'def h() -> None:',
      '    global Y',
      '    print(1)',
      '    s = {1}',
      'def k(a: int) -> str:',
      '    x = f"{a:.3f}" + f"{a:x}"',
      '    y = "%5.1f" % a',
      '    return f"{undefined_name}"',
    ].join('\n');
    expect(diags(src).map((d) => [d.code, d.line])).toEqual([
      ['E-IMPORT', 1],
      ['E-MODULE-STATE', 2],
      ['E-LAMBDA', 4],
      ['E-TRUEDIV', 5],
      ['E-FLOAT', 6],
      ['E-GLOBAL', 8],
      ['E-BUILTIN', 9],
      ['E-SET', 10],
      ['E-FSTRING', 12],
      ['E-FORMAT', 13],
      ['E-NAME', 14],
    ]);
  });
});
