// How main() ends on an error: one line on stderr (plus caret excerpts for source errors),
// or one JSON object on stdout with --json.
import { readFileSync } from 'node:fs';
import { VmPyError } from '../spec/errors.js';
import { Source } from '../validate/source.js';
import { EXIT_BAD_INPUT } from './fail.js';
import { errorHuman, errorJson } from './render.js';

export const out = (s: string) => process.stdout.write(s + '\n');

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
