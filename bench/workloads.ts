// The workloads: each is one contract in bench/workloads/ whose public `main(n)` returns a
// value every engine must agree on. `n` is the iteration count the issue specifies.
export interface Workload {
  id: string;
  file: string;
  n: number;
  what: string;
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

export const workloadPath = (root: string, w: Workload): string => `${root}/bench/workloads/${w.file}`;

/** One engine's answer for one workload: the same text from every engine when they agree. */
export function canonical(v: unknown): string {
  if (typeof v === 'number' || typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return '0x' + Buffer.from(v).toString('hex');
  return JSON.stringify(v);
}
