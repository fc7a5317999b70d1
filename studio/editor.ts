// The CodeMirror 6 editor: Python highlighting from the same Lezer grammar the validator
// parses with, the validator's diagnostics as lint marks, a gas-per-line gutter with a heat
// shade on each line, and the line of the current trace step.
import { python } from '@codemirror/lang-python';
import { linter, lintGutter, type Diagnostic } from '@codemirror/lint';
import { EditorState, RangeSetBuilder, StateEffect, StateField, type Text } from '@codemirror/state';
import { Decoration, EditorView, gutter, GutterMarker, type DecorationSet } from '@codemirror/view';
import { basicSetup } from 'codemirror';
import type { Diag } from './engine.js';

/** Gas by 1-based source line, or null to hide the overlay. */
export const setGas = StateEffect.define<Record<number, number> | null>();
/** The 1-based line of the current trace step, or null. */
export const setStepLine = StateEffect.define<number | null>();

// An edit moves lines under the numbers, so both overlays belong to the text they were made for.
const gasField = StateField.define<Record<number, number> | null>({
  create: () => null,
  update(v, tr) {
    for (const e of tr.effects) if (e.is(setGas)) v = e.value;
    return tr.docChanged ? null : v;
  },
});

const stepField = StateField.define<number | null>({
  create: () => null,
  update(v, tr) {
    for (const e of tr.effects) if (e.is(setStepLine)) v = e.value;
    return tr.docChanged ? null : v;
  },
});

class GasMarker extends GutterMarker {
  constructor(readonly gas: number) {
    super();
  }
  eq(o: GasMarker): boolean {
    return o.gas === this.gas;
  }
  toDOM(): Node {
    const s = document.createElement('span');
    s.textContent = this.gas.toLocaleString('en-US');
    s.title = `${this.gas} gas on this line (the last run)`;
    return s;
  }
}

const gasGutter = gutter({
  class: 'cm-gas-gutter',
  lineMarker(view, line) {
    const gas = view.state.field(gasField);
    if (!gas) return null;
    const n = view.state.doc.lineAt(line.from).number;
    return gas[n] ? new GasMarker(gas[n]) : null;
  },
  lineMarkerChange: (u) => u.startState.field(gasField) !== u.state.field(gasField),
  initialSpacer: () => new GasMarker(100_000),
});

// a shade per line in five steps of its share of the hottest line's gas
const lineDecorations = EditorView.decorations.compute([gasField, stepField], (state) => {
  const gas = state.field(gasField);
  const step = state.field(stepField);
  const b = new RangeSetBuilder<Decoration>();
  const max = gas ? Math.max(0, ...Object.values(gas)) : 0;
  for (let n = 1; n <= state.doc.lines; n++) {
    const classes: string[] = [];
    if (gas && gas[n] && max > 0) classes.push(`cm-gas-heat-${Math.min(4, Math.floor((gas[n] / max) * 5))}`);
    if (step === n) classes.push('cm-trace-line');
    if (classes.length) {
      const from = state.doc.line(n).from;
      b.add(from, from, Decoration.line({ class: classes.join(' ') }));
    }
  }
  return b.finish() as DecorationSet;
});

/** A validator diagnostic -> a CodeMirror range: from its column to the end of the word there. */
export function diagRange(doc: Text, d: Diag): { from: number; to: number } {
  const line = doc.line(Math.min(Math.max(1, d.line), doc.lines));
  const from = Math.min(line.from + Math.max(0, d.col - 1), line.to);
  const word = /^[A-Za-z0-9_]+/.exec(line.text.slice(from - line.from));
  const to = word ? from + word[0].length : Math.min(from + 1, line.to);
  return { from, to };
}

export interface EditorOptions {
  parent: HTMLElement;
  doc: string;
  /** runs the validator on the text; its diagnostics are drawn in the editor */
  check: (text: string) => Diag[];
  onChange: (text: string) => void;
}

export function createEditor(o: EditorOptions): EditorView {
  const lint = linter(
    (view) => {
      const doc = view.state.doc;
      return o
        .check(doc.toString())
        .map((d): Diagnostic => ({ ...diagRange(doc, d), severity: 'error', message: `${d.code} ${d.message} (line ${d.line}, col ${d.col})` }));
    },
    { delay: 300 },
  );
  return new EditorView({
    parent: o.parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        basicSetup,
        python(),
        EditorState.tabSize.of(4),
        lint,
        lintGutter(),
        gasField,
        stepField,
        gasGutter,
        lineDecorations,
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
}

export function showGas(view: EditorView, gas: Record<number, number> | null): void {
  view.dispatch({ effects: setGas.of(gas) });
}

export function showStep(view: EditorView, line: number | null): void {
  const effects: StateEffect<unknown>[] = [setStepLine.of(line)];
  if (line !== null && line >= 1 && line <= view.state.doc.lines) effects.push(EditorView.scrollIntoView(view.state.doc.line(line).from, { y: 'center' }));
  view.dispatch({ effects });
}

export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}
