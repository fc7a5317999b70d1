// Step slices of a str with astral characters read only the code points they take, through
// the position index (no split of the whole str), with CPython's results; bytes step slices
// pay an item per byte gathered (tests/dynamic_costs.test.ts holds the formula).
import { expect, test } from 'vitest';
import { TestContract } from './helpers/contract.js';

const c = new TestContract(`
def cases() -> str:
    s = "a\\U0001F600b\\u00e9" * 5 + "\\U0001F601"
    return repr([s[::3], s[-2::-7], s[1:15:2], s[::-1][:5], s[100::-1][:3], s[5:2:-1], ("x" + "\\U0001F600" * 3)[::2]])
`);

test("astral step slices: python3's results", () => {
  // python3 on the same source
  const want =
    "['a\u00e9b\u{1F600}a\u00e9b', '\u00e9a\u{1F600}', '\u{1F600}\u00e9\u{1F600}\u00e9\u{1F600}\u00e9\u{1F600}', '\u{1F601}\u00e9b\u{1F600}a', '\u{1F601}\u00e9b', '\u{1F600}a\u00e9', 'x\u{1F600}']";
  const r = c.call('cases', [], 1e8);
  expect(r.status).toBe('SUCCESS');
  expect(r.returnValue).toBe(want);
});
