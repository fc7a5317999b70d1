// CPU time of the calling thread (main or worker), for the parallel executor's accounting:
// on a machine shared with other processes, wall-clock intervals include time the thread
// was not running, while its CPU time does not. Linux only (/proc/thread-self/schedstat:
// nanoseconds on the CPU); elsewhere NaN. A read costs ~20-30 us: per block, never per tx.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

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

/** This thread's id in the kernel (Linux), so another thread can read its CPU time (taskCpuMs); -1 elsewhere. */
export function threadTid(): number {
  if (!works) return -1;
  try {
    return Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return -1;
  }
}

/**
 * CPU time so far, ms, of every thread of this process by kernel thread id (main thread,
 * workers, and V8's and libuv's helper threads: the garbage collector's parallel and
 * concurrent work shows up there). Empty off Linux. One file read per thread.
 */
export function processThreadsCpuMs(): Map<number, number> {
  const out = new Map<number, number>();
  if (!works) return out;
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  for (const t of tids) {
    try {
      const s = readFileSync(`/proc/self/task/${t}/schedstat`, 'latin1');
      out.set(Number(t), Number(s.slice(0, s.indexOf(' '))) / 1e6);
    } catch {
      // the thread ended between the listing and the read
    }
  }
  return out;
}
