// bytes.center fills natively, as ljust and rjust do: no latin-1 str of the result copied
// back byte by byte (that path ran ~26x the arithmetic loop's ns/gas at the width's words).
// Results are CPython's.
import { expect, test, vi } from 'vitest';
import { TestContract } from './helpers/contract.js';

const c = new TestContract(`
def f(n: int) -> str:
    return repr([b"ab".center(7, b"*"), b"abc".center(6), b"a".center(4, b"\\xff"), b"x".center(1), len(b"q".center(n, b"\\x00"))])
`);

test('bytes.center: the results of python3, and no str of the result made', () => {
  const spy = vi.spyOn(String.prototype, 'repeat');
  try {
    const r = c.call('f', [20000], 1e8);
    expect(r.status).toBe('SUCCESS');
    // python3: [b'***ab**', b' abc  ', b'\xffa\xff\xff', b'x', 20000]
    expect(r.returnValue).toBe("[b'***ab**', b' abc  ', b'\\xffa\\xff\\xff', b'x', 20000]");
    expect(spy.mock.calls.filter((a) => Number(a[0]) > 100)).toEqual([]);
  } finally {
    spy.mockRestore();
  }
});
