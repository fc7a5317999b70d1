// How main() ends on an error: one line on stderr (plus caret excerpts for source errors),
// or one JSON object on stdout with --json.
import { readFileSync, writeSync } from 'node:fs';
import { VmPyError } from '../spec/errors.js';
import { Source } from '../validate/source.js';
import { EXIT_BAD_INPUT } from './fail.js';
import { errorHuman, errorJson } from './render.js';

let viaStream = false;

/**
 * One line (or several) to stdout. Written straight to fd 1: touching process.stdout builds
 * a stream, ~20 internal modules and ~5 ms of a cold `vm-py run`. A non-blocking pipe that
 * is full (EAGAIN) hands the rest of the run to process.stdout, so the order is kept; a
 * reader that went away (EPIPE) gets nothing more. Given pieces (a receipt with large
 * events), each is written as it is made and the line ends after the last: the whole text
 * never has to fit in one string. A bytes piece is UTF-8 text already (hex digits).
 */
export function out(s: string | Iterable<string | Uint8Array>): void {
  if (typeof s === 'string') {
    write(s + '\n');
    return;
  }
  // small pieces (a call tree's nodes, an event's fields and hex data) are gathered into one
  // block of bytes: a write per piece was a system call per ~200 bytes, two per event
  let blk = Buffer.allocUnsafe(BLOCK);
  let used = 0;
  const flush = (): boolean => {
    if (used === 0) return true;
    const ok = write(blk.subarray(0, used));
    // a fresh block: a stream that took over (EAGAIN) may still hold this one
    blk = Buffer.allocUnsafe(BLOCK);
    used = 0;
    return ok;
  };
  for (const part of s) {
    // a str piece takes at most 3 bytes per UTF-16 unit
    const most = typeof part === 'string' ? part.length * 3 : part.length;
    if (used + most > BLOCK && !flush()) return;
    if (most > BLOCK) {
      if (!write(part)) return;
    } else if (typeof part === 'string') used = putText(blk, used, part);
    else {
      blk.set(part, used);
      used += part.length;
    }
  }
  if (used + 1 > BLOCK && !flush()) return;
  blk[used++] = 0x0a;
  flush();
}
const BLOCK = 1 << 16;

/**
 * part's UTF-8 at blk[at..], the new end. A short ASCII piece (most of an event's JSON) is
 * copied unit by unit: Buffer.write costs a native call, several times the copy of a few
 * dozen bytes, and a receipt has thousands of pieces.
 */
function putText(blk: Buffer, at: number, part: string): number {
  if (part.length <= 128) {
    let o = at;
    for (let i = 0; i < part.length; i++) {
      const c = part.charCodeAt(i);
      if (c >= 0x80) return at + blk.write(part, at, 'utf8');
      blk[o++] = c;
    }
    return o;
  }
  return at + blk.write(part, at, 'utf8');
}

/** false once the reader has gone away (EPIPE). */
function write(s: string | Uint8Array): boolean {
  if (viaStream) {
    process.stdout.write(s);
    return true;
  }
  const buf = typeof s === 'string' ? Buffer.from(s, 'utf8') : s;
  let done = 0;
  try {
    while (done < buf.length) done += writeSync(1, buf, done);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPIPE') return false;
    if (code !== 'EAGAIN') throw e;
    viaStream = true;
    process.stdout.write(buf.subarray(done));
  }
  return true;
}

export function report(e: unknown, json: boolean): number {
  if (!(e instanceof VmPyError)) {
    // a bug in vm-py, not in the user's input: still one line, but say so
    const msg = e instanceof Error ? e.message : String(e);
    if (json) out(JSON.stringify({ ok: false, status: 'ERROR', error: { code: 'E-INTERNAL', message: msg } }));
    else process.stderr.write(`internal error (please report): ${msg}\n`);
    return 70;
  }
  if (json) out(JSON.stringify(errorJson(e)));
  else process.stderr.write(errorHuman(e, sourceOf(e)) + '\n');
  return EXIT_BAD_INPUT;
}

function sourceOf(e: VmPyError): Source | undefined {
  const file = e.location?.file;
  if (!file) return undefined;
  try {
    return new Source(readFileSync(file, 'utf8'), file);
  } catch {
    return undefined;
  }
}
