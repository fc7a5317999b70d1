// The workloads: each is one contract in bench/workloads/ whose public `main(n)` returns a
// value every engine must agree on. `n` is the iteration count the issue specifies.
export interface Workload {
  id: string;
  file: string;
  n: number;
  what: string;
  /** 'general': ordinary code written as a Python programmer would (issue 17), not tuned to the VM */
  group?: 'general';
}

export const WORKLOADS: readonly Workload[] = [
  { id: 'W1', file: 'w1_arith.py', n: 3_000_000, what: 'arithmetic loop `s = s + i * 3 % 7`' },
  { id: 'W2', file: 'w2_lcg.py', n: 300_000, what: '256-bit LCG' },
  { id: 'W3', file: 'w3_sha3.py', n: 20_000, what: 'sha3_256 chain' },
  { id: 'W4', file: 'w4_storage.py', n: 10_000, what: 'storage: n writes then n reads of 32-byte values' },
  { id: 'W5', file: 'w5_bytes.py', n: 10_000, what: 'bytes concatenation, then slicing' },
  { id: 'W6', file: 'w6_list.py', n: 1_000_000, what: 'list build (append) and iterate' },
  { id: 'W7', file: 'w7_calls.py', n: 1_000_000, what: 'small private-function calls' },
];

// Ordinary programs in the shapes of issue 17 (while loops, dicts, strings, helper calls, modular
// arithmetic, sorting, a matrix product, bytes, builtins, an ERC-20 ledger). Their `n` makes
// CPython take roughly 30-150 ms a call on the bench machine. No hand-written JS versions: the
// comparison is with CPython, and their results must equal CPython's.
export const GENERAL: readonly Workload[] = [
  { id: 'G1', file: 'g01_while.py', n: 1_000_000, what: 'while loop, `i = i + 1`, a branch', group: 'general' },
  { id: 'G2', file: 'g02_dicts.py', n: 150_000, what: 'dict counting (`in`, get), str keys', group: 'general' },
  { id: 'G3', file: 'g03_strings.py', n: 4_000, what: 'text built by `+`, find(sub, start) scan, split/replace/join', group: 'general' },
  { id: 'G4', file: 'g04_calls.py', n: 400_000, what: 'helper calls (nested, default argument)', group: 'general' },
  { id: 'G5', file: 'g05_modarith.py', n: 20_000, what: 'modpow mod 2^61-1 by square-and-multiply, gcd, pow(b, e, m)', group: 'general' },
  { id: 'G6', file: 'g06_sorting.py', n: 40_000, what: 'sorted(key=lambda) on tuples, list.sort(reverse=True)', group: 'general' },
  { id: 'G7', file: 'g07_matrix.py', n: 80, what: 'n x n matrix product on nested lists', group: 'general' },
  { id: 'G8', file: 'g08_bytes.py', n: 50_000, what: 'records to bytes (to_bytes, +, join), parsed back by slicing', group: 'general' },
  { id: 'G9', file: 'g09_builtins.py', n: 300_000, what: 'sum/min/max/abs/enumerate/zip/any/all, comprehensions', group: 'general' },
  { id: 'G10', file: 'g10_erc20.py', n: 100_000, what: 'ERC-20 ledger in dicts: 32-byte keys, balances > 2^53', group: 'general' },
];

/** Every workload `npm run bench` measures: the tuned ones, then the general ones. */
export const ALL_WORKLOADS: readonly Workload[] = [...WORKLOADS, ...GENERAL];

export const workloadPath = (root: string, w: Workload): string => `${root}/bench/workloads/${w.file}`;

/** One engine's answer for one workload: the same text from every engine when they agree. */
export function canonical(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return '0x' + Buffer.from(v).toString('hex');
  return JSON.stringify(v);
}
