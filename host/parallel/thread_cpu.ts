// CPU time of the calling thread (main or worker), for the parallel executor's accounting:
// on a machine shared with other processes, wall-clock intervals include time the thread
// was not running, while its CPU time does not. Linux only (/proc/thread-self/schedstat:
// nanoseconds on the CPU); elsewhere NaN. A read costs ~20-30 us: per block, never per tx.
import { readFileSync } from 'node:fs';

let works = process.platform === 'linux';

/** This thread's CPU time so far, ms (NaN when the host cannot tell). */
export function threadCpuMs(): number {
  if (!works) return Number.NaN;
  try {
    const s = readFileSync('/proc/thread-self/schedstat', 'latin1');
    return Number(s.slice(0, s.indexOf(' '))) / 1e6;
  } catch {
    works = false;
    return Number.NaN;
  }
}
