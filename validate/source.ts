// Source text with offset -> line:col mapping and the diagnostics collected for it.
import { ForbiddenImport, SourceSyntaxError, ValidationError, VmPyError, type Location } from '../spec/errors.js';

export class Source {
  private readonly lineStarts: number[] = [0];
  readonly diags: VmPyError[] = [];
  constructor(
    readonly text: string,
    readonly file: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }

  loc(offset: number): Location {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, col: offset - ls[lo] + 1 };
  }

  lineText(line: number): string {
    const start = this.lineStarts[line - 1] ?? 0;
    const end = this.lineStarts[line] ?? this.text.length;
    return this.text.slice(start, end).replace(/\r?\n$/, '');
  }

  sortedDiags(): VmPyError[] {
    return [...this.diags].sort((a, b) => a.location!.line - b.location!.line || a.location!.col - b.location!.col);
  }

  error(code: string, message: string, offset: number): void {
    const loc = this.loc(offset);
    const E = code === 'E-SYNTAX' ? SourceSyntaxError : code === 'E-IMPORT' ? ForbiddenImport : ValidationError;
    this.diags.push(new E(code, message, loc));
  }
}

/** Human rendering of a diagnostic: `file:line:col: CODE message`, the line, a caret. */
export function renderDiagnostic(d: VmPyError, src?: Source): string {
  const head = d.oneLine();
  if (!src || !d.location) return head;
  const text = src.lineText(d.location.line);
  return `${head}\n    ${text}\n    ${' '.repeat(Math.max(0, d.location.col - 1))}^`;
}
