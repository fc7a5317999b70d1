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
  // small pieces (a call tree's nodes) are gathered into blocks: a write per piece was a
  // system call per ~200 bytes
  let block = '';
  for (const part of s) {
    if (typeof part === 'string') {
      block += part;
      if (block.length < BLOCK) continue;
      if (!write(block)) return;
    } else if ((block && !write(block)) || !write(part)) return;
    block = '';
  }
  write(block + '\n');
}
const BLOCK = 1 << 16;

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
