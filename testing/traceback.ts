// A failure's call stack as people read it: Python's traceback layout, with the column and
// each frame's source line. Light on purpose (types only): the CLI's run path uses it too.
import type { CallError } from '../node/execute.js';

/** One frame of a failure's call stack, outermost first; `source` is the line's text. */
export interface Frame {
  function: string;
  file?: string;
  line?: number;
  col?: number;
  source?: string;
}

/** The frames of a failure with their source lines (from `sources`, by display path). */
export function framesOf(err: CallError | null, sources: ReadonlyMap<string, string>): Frame[] {
  if (!err?.traceback) return [];
  return err.traceback.map((f) => {
    const l = f.location;
    if (!l) return { function: f.function };
    const text = l.file !== undefined ? sources.get(l.file) : undefined;
    const source = text?.split('\n')[l.line - 1]?.trim();
    return { function: f.function, file: l.file, line: l.line, col: l.col, ...(source ? { source } : {}) };
  });
}

/** Python's traceback layout, with the column: `File "f.py", line 3, col 5, in fn`. */
export function formatTraceback(frames: readonly Frame[]): string {
  const lines = ['Traceback (most recent call last):'];
  for (const f of frames) {
    lines.push(f.line === undefined ? `  File "<no debug info>", in ${f.function}` : `  File "${f.file}", line ${f.line}, col ${f.col}, in ${f.function}`);
    if (f.source) lines.push(`    ${f.source}`);
  }
  return lines.join('\n');
}
