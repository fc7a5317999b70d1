// Return values against return annotations in every function: proven at compile time (no
// instruction), else checked by CHECK_RETURN at the return, a TypeError located there.
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';
import { Op } from '../spec/table.js';
import { Chain, TestFailure } from '../testing/index.js';

/** Names of the functions whose code has a CHECK_RETURN. */
function checked(src: string): string[] {
  const { module } = compileSource(src);
  return module.funcs.filter((f) => f.code.some((i) => i.op === Op.CHECK_RETURN)).map((f) => f.name);
}

describe('which returns are checked at run time', () => {
  test('proven types need no check; unknown ones do', () => {
    const src = `
from stdlib import storage

K = 3

def _lit() -> int:
    return 5

def _konst() -> int:
    return K * 2

def _len(x) -> int:
    return len(x)

def _std() -> int:
    return storage.get_int(b"k")

def _local() -> str:
    s = "a"
    for i in range(3):
        s = s + "b"
    return s

def _cmp(a, b) -> bool:
    return a < b

def _sub(a, b) -> int:
    return a - b

def _opt(x: int) -> int | None:
    if x > 0:
        return None
    return x

def _param(x: int) -> int:
    return x

def _unknown(x) -> int:
    return x

def _mul(a, b) -> int:
    return a * b

def _raw() -> bytes:
    return storage.get(b"k")

def _lst(x: int) -> list[int]:
    xs = [x]
    return xs

def _fall(x: int) -> int:
    if x > 0:
        return 1

def _tup() -> tuple[int, str]:
    return (1, "a")

def _lit_list() -> list[int]:
    return [1, 2]

def _gcd(a: int, b: int) -> int:
    while b:
        a, b = b, a % b
    return a

def _loop(n: int) -> int:
    last = 0
    for i in range(n):
        last = i
    return max(last, 0) + pow(2, last, 7)

def f(a: int) -> int:
    _len(b"")
    _cmp(1, 2)
    _sub(a, 1)
    _opt(a)
    _param(a)
    _param(3)
    _unknown(a)
    _mul("a", 2)
    _raw()
    _lst(a)
    _fall(a)
    _tup()
    _lit_list()
    _gcd(a, 3)
    _loop(a)
    return _lit() + _konst() + _std() + len(_local())
`;
    expect(checked(src).sort()).toEqual(['_fall', '_lst', '_mul', '_raw', '_unknown']);
  });

  test('a parameter is proven only when every call passes a proven value', () => {
    const base = (arg: string) => `
from stdlib import storage

def _p(x: int) -> int:
    return x

def f(a: int) -> int:
    return _p(${arg})
`;
    expect(checked(base('a'))).toEqual([]);
    expect(checked(base('a + 1'))).toEqual([]);
    expect(checked(base('storage.get(b"k")'))).toEqual(['_p']);
  });

  test("an assignment that may change a parameter's type keeps the check", () => {
    const src = `
from stdlib import storage

def _p(x: int) -> int:
    if x > 1:
        x = storage.get(b"k")
    return x

def f(a: int) -> int:
    return _p(a)
`;
    expect(checked(src)).toEqual(['_p']);
  });
});

const SRC = `
from stdlib import storage

def _name(x: int) -> str:
    if x > 0:
        return storage.get(b"k")
    return "zero"

def _items(n: int) -> list[int]:
    xs = [1, 2, 3]
    if n > 0:
        xs.append(storage.get(b"k"))
    return xs

def _pair(n: int) -> tuple[int, str]:
    return storage.get(b"p") if n > 0 else (1, "a")

def _maybe(n: int) -> int | None:
    if n > 1:
        return [n, "a"][1]
    return None if n > 0 else n

def _nested(n: int) -> list[list[int]]:
    if n > 0:
        return [[1], [2, storage.get(b"k")]]
    return [[1], []]

def _small(n: int) -> "u8":
    return n * 100

def _fall(n: int) -> int:
    if n > 0:
        return n

def name(x: int) -> str:
    return _name(x)

def items(n: int) -> int:
    return len(_items(n))

def pair(n: int) -> int:
    return len(_pair(n))

def maybe(n: int) -> int:
    v = _maybe(n)
    return 0 if v is None else v

def nested(n: int) -> int:
    return len(_nested(n))

def small(n: int) -> int:
    return _small(n)

def fall(n: int) -> int:
    return _fall(n)
`;

function failure(chain: Chain, c: ReturnType<Chain['deploy']>, fn: string, args: unknown[]): TestFailure {
  try {
    chain.call(c, fn, args as never);
  } catch (e) {
    if (e instanceof TestFailure) return e;
    throw e;
  }
  throw new Error(`${fn}(${args}) did not fail`);
}

describe('CHECK_RETURN at run time', () => {
  const chain = new Chain();
  const c = chain.deploy({ source: SRC, file: 'c.py' });

  test('correct values pass', () => {
    expect(chain.call(c, 'name', [0])).toBe('zero');
    expect(chain.call(c, 'items', [0])).toBe(3);
    expect(chain.call(c, 'pair', [0])).toBe(2);
    expect(chain.call(c, 'maybe', [1])).toBe(0);
    expect(chain.call(c, 'maybe', [-4])).toBe(-4);
    expect(chain.call(c, 'nested', [0])).toBe(2);
    expect(chain.call(c, 'small', [2])).toBe(200);
    expect(chain.call(c, 'fall', [5])).toBe(5);
  });

  test.each([
    ['name', [1], 'return storage.get(b"k")', '_name() is annotated -> str but returned NoneType'],
    ['items', [1], 'return xs', '_items() is annotated -> list[int] but returned a value whose [3] is NoneType'],
    ['pair', [1], 'return storage.get(b"p")', '_pair() is annotated -> tuple[int, str] but returned NoneType'],
    ['maybe', [2], 'return [n, "a"][1]', '_maybe() is annotated -> Optional[int] but returned str'],
    ['nested', [1], 'return [[1], [2,', '_nested() is annotated -> list[list[int]] but returned a value whose [1][1] is NoneType'],
    ['small', [3], 'return n * 100', '_small() is annotated -> "u8" but returned 300, out of range for "u8"'],
    ['fall', [0], 'def _fall', '_fall() is annotated -> int but returned NoneType'],
  ])('%s(%j) fails with a TypeError at the return', (fn, args, at, msg) => {
    const e = failure(chain, c, fn, args);
    expect(e.result!.status).toBe('ERROR');
    expect(e.message).toContain(`TypeError: ${msg}`);
    // file:line:col of the return statement (a function that falls off its end: its def)
    const before = SRC.slice(0, SRC.indexOf(at)).split('\n');
    const tb = e.result!.traceback!;
    expect(tb.length).toBe(2);
    expect(tb[0].function).toBe(fn);
    expect(tb[1]).toMatchObject({ function: `_${fn}`, line: before.length, col: before[before.length - 1].length + 1 });
  });
});

describe('the static gas bound covers CHECK_RETURN', () => {
  test('a checked list return: bound >= actual, and the check is what grows with the items', async () => {
    const { estimateGas } = await import('../compiler/gas_estimate.js');
    const { ENTRY } = await import('../spec/table.js');
    const { TestContract } = await import('./helpers/contract.js');
    const src = `
def _id(x) -> list[list[int]]:
    return x

def f(xs: list[list[int]]) -> int:
    return len(_id(xs + [[1]]))
`;
    expect(checked(src)).toEqual(['_id']);
    const c = new TestContract(src);
    const bound = estimateGas(c.compiled.module).functions.get('f');
    expect(typeof bound).toBe('number');
    const used: number[] = [];
    for (const n of [0, 10, 200]) {
      const args = [Array.from({ length: n }, (_, i) => [i, i])];
      const r = c.call('f', args, 10_000_000);
      expect(r.status).toBe('SUCCESS');
      expect((bound as number) + ENTRY.base + ENTRY.perCalldataByte * c.calldata('f', args).length).toBeGreaterThanOrEqual(r.gasUsed);
      used.push(r.gasUsed);
    }
    expect(used[2]).toBeGreaterThan(used[1]);
  });
});
