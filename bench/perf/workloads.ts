// Micro-benchmark workloads for the interpreter (perf work). Pure functions only, so the
// same source runs unchanged under CPython.
export interface Workload {
  name: string;
  fn: string;
  n: number;
  src: string;
}

export const WORKLOADS: Workload[] = [
  {
    name: 'W1 arith loop (for-range)',
    fn: 'w1',
    n: 3_000_000,
    src: `
def w1(n: int) -> int:
    s = 0
    for i in range(n):
        s = s + i * 3 % 7
    return s
`,
  },
  {
    name: 'W1w arith loop (while)',
    fn: 'w1w',
    n: 3_000_000,
    src: `
def w1w(n: int) -> int:
    s = 0
    i = 0
    while i < n:
        s = s + i * 3 % 7
        i = i + 1
    return s
`,
  },
  {
    name: 'W2 256-bit LCG',
    fn: 'w2',
    n: 300_000,
    src: `
def w2(n: int) -> int:
    x = 1
    for i in range(n):
        x = (x * 6364136223846793005 + 1442695040888963407) % 2**256
    return x
`,
  },
  {
    name: 'W7 small calls',
    fn: 'w7',
    n: 1_000_000,
    src: `
def _f(a: int, b: int) -> int:
    return a + b


def w7(n: int) -> int:
    s = 0
    for i in range(n):
        s = _f(s, i)
    return s
`,
  },
  {
    name: 'W6i list iterate (no append)',
    fn: 'w6i',
    n: 1_000_000,
    src: `
def w6i(n: int) -> int:
    xs = [1, 2, 3, 4, 5, 6, 7, 8] * 8000
    s = 0
    for k in range(n // 64000):
        for x in xs:
            s = s + x
    return s
`,
  },
];
