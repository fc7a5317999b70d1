// The page: editor, compile, deploy and call forms, results, trace stepping, examples, share
// links and the state saved in localStorage. All of it runs here; nothing is fetched.
import type { EditorView } from '@codemirror/view';
import {
  check,
  DEFAULT_GAS_LIMIT,
  hex,
  InputError,
  Session,
  showBytes,
  fieldToJson,
  type CheckResult,
  type Compiled,
  type Diag,
  type FnSpec,
  type Outcome,
} from './engine.js';
import { createEditor, setText, showGas, showStep } from './editor.js';
import { decodeShare, encodeShare } from './share.js';

declare const __STUDIO_EXAMPLES__: { name: string; source: string }[];
const EXAMPLES = __STUDIO_EXAMPLES__;
const STORE = 'vm-py-studio:v1';

// ---------------------------------------------------------------- tiny DOM helpers

type Child = Node | string | null | undefined | false;
function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | ((e: Event) => void)> = {},
  ...kids: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else if (v !== false) el.setAttribute(k, v);
  }
  for (const c of kids) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const json = (v: unknown): string => JSON.stringify(v);

// ---------------------------------------------------------------- state

interface Stored {
  source: string;
  session: string | null;
}

function loadStored(): Stored | null {
  try {
    const raw = localStorage.getItem(STORE);
    return raw ? (JSON.parse(raw) as Stored) : null;
  } catch {
    return null;
  }
}

let source = '';
let lastCheck: CheckResult | null = null;
let compiled: Compiled | null = null;
let session: Session;
let editor: EditorView;
let shown: Outcome | null = null;
let stepIndex = 0;

function save(): void {
  try {
    localStorage.setItem(STORE, JSON.stringify({ source, session: session.save() } satisfies Stored));
  } catch (e) {
    status(`could not save to this page's storage: ${(e as Error).message}`, true);
  }
}

function status(text: string, bad = false): void {
  const s = $('status');
  s.textContent = text;
  s.className = bad ? 'bad' : '';
}

// ---------------------------------------------------------------- diagnostics

function runCheck(text: string): Diag[] {
  lastCheck = check(text);
  renderDiags(lastCheck.diags);
  // the deploy form holds the last compiled code: say when the editor has moved past it
  const stale = compiled !== null && compiled.source !== text;
  $('deploy').classList.toggle('stale', stale);
  if (!lastCheck.ok) status(`${lastCheck.diags.length} problem${lastCheck.diags.length === 1 ? '' : 's'} in the editor`, true);
  else if (stale) status('the editor validates; Compile to deploy this version (Deploy still has the last compiled one)');
  return lastCheck.diags;
}

function renderDiags(diags: Diag[]): void {
  const box = $('diags');
  box.replaceChildren();
  if (!diags.length) {
    box.append(h('li', { class: 'ok' }, 'No problems: the contract validates.'));
    return;
  }
  for (const d of diags) {
    box.append(
      h(
        'li',
        { class: 'diag', 'data-line': String(d.line), 'data-code': d.code, onclick: () => jumpTo(d.line, d.col) },
        h('span', { class: 'where' }, `${d.line}:${d.col}`),
        ' ',
        h('code', {}, d.code),
        ' ',
        d.message,
      ),
    );
  }
}

function jumpTo(line: number, col: number): void {
  const l = editor.state.doc.line(Math.min(line, editor.state.doc.lines));
  const pos = Math.min(l.from + col - 1, l.to);
  editor.dispatch({ selection: { anchor: pos }, scrollIntoView: true });
  editor.focus();
}

// ---------------------------------------------------------------- compile and forms

function compile(): void {
  const r = check(source);
  lastCheck = r;
  renderDiags(r.diags);
  if (!r.ok) {
    compiled = null;
    renderDeploy();
    status(`${r.diags.length} problem${r.diags.length === 1 ? '' : 's'}: fix ${r.diags.length === 1 ? 'it' : 'them'} to compile`, true);
    return;
  }
  compiled = r.compiled;
  $('deploy').classList.remove('stale');
  renderDeploy();
  status(`compiled: ${compiled.bytes.length} bytes of IR, ${compiled.functions.length} public function${compiled.functions.length === 1 ? '' : 's'}`);
}

function inputFor(fnName: string, p: { name: string; type: string }): HTMLElement {
  const id = `in-${fnName}-${p.name}`;
  const t = p.type;
  let input: HTMLElement;
  if (t === 'bool') input = h('select', { id, name: p.name, 'data-type': t }, h('option', { value: 'false' }, 'False'), h('option', { value: 'true' }, 'True'));
  else if (/^(u?int\d*|int)$/.test(t)) input = h('input', { id, name: p.name, 'data-type': t, inputmode: 'numeric', placeholder: '0', pattern: '-?[0-9]+' });
  // the known accounts (see renderAccounts) are offered for bytes and address fields
  else if (/^(bytes\d*|address)$/.test(t))
    input = h('input', {
      id,
      name: p.name,
      'data-type': t,
      placeholder: t === 'address' ? '0x' + '11'.repeat(32) : '0x',
      spellcheck: 'false',
      list: 'accounts',
    });
  else if (t === 'str') input = h('input', { id, name: p.name, 'data-type': t, placeholder: 'text' });
  else input = h('input', { id, name: p.name, 'data-type': t, placeholder: 'JSON, e.g. [1, 2]', spellcheck: 'false' });
  return h('label', { class: 'field' }, h('span', {}, p.name, h('small', {}, `: ${t}`)), input);
}

function readArgs(form: HTMLFormElement, fn: FnSpec): unknown[] {
  return fn.params.map((p) => {
    const el = form.elements.namedItem(p.name) as HTMLInputElement | HTMLSelectElement;
    return fieldToJson(p, el.value);
  });
}

function fnForm(fn: FnSpec, label: string, onSubmit: (args: unknown[]) => void): HTMLFormElement {
  const err = h('div', { class: 'form-error' });
  const form = h(
    'form',
    { class: 'fn', 'data-fn': fn.name },
    h(
      'div',
      { class: 'fn-head' },
      h('button', { type: 'submit', class: 'call' }, label),
      h(
        'code',
        {},
        fn.name === '__init__' && !fn.params.length
          ? '(no constructor arguments)'
          : `${fn.name}(${fn.params.map((p) => `${p.name}: ${p.type}`).join(', ')})${fn.returns !== 'none' ? ` -> ${fn.returns}` : ''}`,
      ),
    ),
    ...fn.params.map((p) => inputFor(fn.name, p)),
    err,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    err.textContent = '';
    try {
      onSubmit(readArgs(form, fn));
    } catch (x) {
      // bad arguments (InputError, the adapter's AbiError) are shown by the form they came from
      if (!(x instanceof Error)) throw x;
      err.textContent = x instanceof InputError || 'code' in x ? x.message : `internal error: ${x.message}`;
      if (!(x instanceof InputError || 'code' in x)) console.error(x);
    }
  });
  return form;
}

function txOptions() {
  const gas = Number(($('tx-gas') as HTMLInputElement).value || DEFAULT_GAS_LIMIT);
  return { sender: ($('tx-sender') as HTMLInputElement).value || undefined, value: ($('tx-value') as HTMLInputElement).value || '0', gasLimit: gas };
}

/** Addresses a person may want to pass: a few senders and the deployed contract. */
function renderAccounts(): void {
  const list = $('accounts');
  const known = ['11', '22', '33'].map((b) => ['0x' + b.repeat(32), `account ${b}`]);
  if (session.address) known.push(['0x' + session.address, 'the contract']);
  list.replaceChildren(...known.map(([v, label]) => h('option', { value: v }, label)));
}

function renderBalances(): void {
  renderAccounts();
  const sender = ($('tx-sender') as HTMLInputElement).value;
  $('sender-balance').textContent = `balance ${session.balanceOf(sender)}`;
  const c = $('contract-balance');
  if (c) c.textContent = session.address ? `balance ${session.balanceOf(session.address)}` : '';
}

function fund(): void {
  try {
    session.fund(($('tx-sender') as HTMLInputElement).value, '1000000');
    save();
    renderBalances();
    status('sender funded with 1000000 (a genesis allocation, not a transaction)');
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    status(e.message, true);
  }
}

function renderDeploy(): void {
  const box = $('deploy');
  box.replaceChildren();
  if (!compiled) {
    box.append(h('p', { class: 'muted' }, 'Compile the contract to deploy it.'));
    return;
  }
  const c = compiled;
  const ctor: FnSpec = c.ctor ?? { name: '__init__', params: [], returns: 'none', line: 1 };
  box.append(
    h('p', { class: 'muted' }, `code hash 0x${c.codeHash.slice(0, 16)}…, ${c.bytes.length} bytes`, c.ctor ? '; the constructor takes:' : '; no constructor'),
    fnForm(ctor, 'Deploy', (args) => {
      const out = session.deploy(c, args, txOptions());
      show(out);
      renderFunctions();
      save();
    }),
  );
}

function renderFunctions(): void {
  const box = $('functions');
  box.replaceChildren();
  const c = session.compiled;
  if (!c || !session.address) {
    box.append(h('p', { class: 'muted' }, 'Deploy a contract to call it.'));
    return;
  }
  box.append(h('p', { class: 'muted' }, 'at ', h('code', { id: 'contract-address' }, `0x${session.address}`), ' ', h('small', { id: 'contract-balance' })));
  if (c.source !== source) box.append(h('p', { class: 'warn' }, 'The editor has changed since this contract was deployed: deploy again to call the new code.'));
  for (const fn of c.functions) {
    box.append(
      fnForm(fn, 'Call', (args) => {
        show(session.call(fn.name, args, txOptions()));
        save();
      }),
    );
  }
}

// ---------------------------------------------------------------- results and trace

function show(out: Outcome): void {
  shown = out;
  renderBalances();
  stepIndex = 0;
  renderResult(out);
  renderHistory();
  showGas(editor, out.trace.length && source === (session.compiled?.source ?? compiled?.source) ? out.gasByLine : null);
  renderTrace();
}

function renderResult(o: Outcome): void {
  const box = $('result');
  const parts: Child[] = [
    h(
      'div',
      { class: `headline ${o.status === 'SUCCESS' ? 'good' : 'bad'}` },
      h('code', {}, `${o.kind === 'deploy' ? 'deploy' : o.fn}(${fmtArgs(o)})`),
      ' ',
      h('span', { id: 'result-status' }, o.status),
      o.result !== undefined ? h('span', {}, ' → ', h('code', { id: 'result-value' }, json(o.result))) : null,
    ),
    o.error ? h('div', { class: 'error', id: 'result-error' }, o.error) : null,
    h(
      'table',
      { class: 'kv' },
      row('gas used', h('span', { id: 'result-gas' }, String(o.gasUsed))),
      o.refund ? row('refund', String(o.refund)) : null,
      row('receipt hash', h('code', { id: 'receipt-hash' }, `0x${o.receiptHash}`)),
      o.calldata ? row('calldata', h('code', { class: 'bytes', title: `0x${o.calldata}` }, short(`0x${o.calldata}`))) : null,
      o.returnData ? row('return data', h('code', { class: 'bytes', title: `0x${o.returnData}` }, short(`0x${o.returnData}`))) : null,
      row('transaction', h('small', {}, `sender 0x${o.env.sender.slice(0, 8)}…, nonce ${o.env.nonce}, value ${o.env.value}, gas limit ${o.env.gasLimit}`)),
    ),
    h('h4', {}, `Events (${o.events.length})`),
    o.events.length
      ? h('ul', { id: 'events' }, ...o.events.map((e) => h('li', {}, h('code', {}, e.name), ' ', json(e.data))))
      : h('p', { class: 'muted' }, 'none'),
    h('h4', {}, `Storage diff (${o.diff.length})`),
    o.diff.length
      ? h(
          'table',
          { class: 'diff', id: 'storage-diff' },
          h('tr', {}, h('th', {}, 'key'), h('th', {}, 'before'), h('th', {}, 'after')),
          ...o.diff.map((d) => h('tr', {}, cell(d.key), cell(d.before), cell(d.after))),
        )
      : h('p', { class: 'muted' }, 'no storage changed'),
  ];
  box.replaceChildren(...parts.filter((p): p is Node | string => p !== null && p !== undefined && p !== false));
}

/** long text shortened in the middle (the whole of it goes in a title, shown on hover) */
function short(full: string): string {
  return full.length > 40 ? `${full.slice(0, 12)}…${full.slice(-12)}` : full;
}

/** a storage key or value */
function cell(hexText: string | null): HTMLTableCellElement {
  const full = showBytes(hexText);
  return h('td', { title: full }, short(full));
}

/** a call's arguments as written in Python: ints (sent as decimal strings) without quotes */
function fmtArgs(o: Outcome): string {
  const spec = o.kind === 'deploy' ? (session.compiled?.ctor ?? compiled?.ctor) : session.compiled?.functions.find((f) => f.name === o.fn);
  return o.args.map((a, i) => (typeof a === 'string' && /^(u?int\d*|int)$/.test(spec?.params[i]?.type ?? '') ? a : json(a))).join(', ');
}

function row(k: string, v: Child): HTMLTableRowElement {
  return h('tr', {}, h('th', {}, k), h('td', {}, v));
}

function renderHistory(): void {
  const box = $('history');
  box.replaceChildren(
    ...session.history
      .map((o, i) =>
        h(
          'li',
          { class: o === shown ? 'current' : '', onclick: () => show(o) },
          `#${i + 1} ${o.kind === 'deploy' ? 'deploy' : o.fn}(${fmtArgs(o)}) ${o.status} · ${o.gasUsed} gas`,
        ),
      )
      .reverse(),
  );
}

function renderTrace(): void {
  const box = $('trace');
  const o = shown;
  if (!o || !o.trace.length) {
    box.replaceChildren(
      h(
        'p',
        { class: 'muted' },
        o ? 'No trace for this result (traces are not kept across page loads: run it again).' : 'Run a transaction to step through it.',
      ),
    );
    showStep(editor, null);
    return;
  }
  const n = o.trace.length;
  const s = o.trace[stepIndex];
  const go = (i: number) => () => {
    stepIndex = Math.max(0, Math.min(n - 1, i));
    renderTrace();
  };
  // the next step on another source line: what a person means by "step"
  const nextLine = (dir: 1 | -1) => () => {
    let i = stepIndex + dir;
    while (i > 0 && i < n - 1 && o.trace[i].line === s.line) i += dir;
    // backwards, land on the first instruction of that line's run, as forwards does
    if (dir < 0) while (i > 0 && o.trace[i - 1].line === o.trace[i].line) i--;
    go(i)();
  };
  const slider = h('input', { type: 'range', min: '0', max: String(n - 1), value: String(stepIndex), id: 'trace-slider' });
  slider.addEventListener('input', () => go(Number(slider.value))());
  const sameLine = o.trace.filter((t) => t.line === s.line && t.fn === s.fn).length;
  box.replaceChildren(
    h(
      'div',
      { class: 'trace-controls' },
      h('button', { onclick: go(0), title: 'first instruction' }, '«'),
      h('button', { onclick: nextLine(-1), id: 'trace-prev', title: 'previous line' }, '◀ line'),
      h('button', { onclick: go(stepIndex - 1), title: 'previous instruction' }, '‹'),
      h('button', { onclick: go(stepIndex + 1), title: 'next instruction' }, '›'),
      h('button', { onclick: nextLine(1), id: 'trace-next', title: 'next line' }, 'line ▶'),
      h('button', { onclick: go(n - 1), title: 'last instruction' }, '»'),
      slider,
    ),
    h(
      'div',
      { class: 'trace-step', id: 'trace-step', 'data-line': String(s.line) },
      `step ${stepIndex + 1}/${n} · line ${s.line || '?'} · `,
      h('code', {}, `${s.fn}@${s.pc} ${s.op}`),
      ` · cost ${s.cost} · gas left ${s.gasLeft}`,
      h('small', {}, ` (${sameLine} instructions on this line)`),
    ),
  );
  if (o.instructions > n)
    box.append(
      h(
        'p',
        { class: 'warn' },
        `The trace keeps the first ${n.toLocaleString('en-US')} of ${o.instructions.toLocaleString('en-US')} instructions; the gas per line counts them all.`,
      ),
    );
  showStep(editor, s.line || null);
}

// ---------------------------------------------------------------- examples, share, reset

function loadSource(text: string): void {
  setText(editor, text);
  compile();
}

async function share(): Promise<void> {
  const url = `${location.origin}${location.pathname}#${await encodeShare(source)}`;
  history.replaceState(null, '', url);
  const out = $('share-url') as HTMLInputElement;
  out.value = url;
  out.hidden = false;
  out.select();
  try {
    await navigator.clipboard.writeText(url);
    status('share link copied to the clipboard (it holds the whole contract)');
  } catch {
    status('share link: copy it from the box above (it holds the whole contract)');
  }
}

function reset(): void {
  session.reset();
  shown = null;
  $('result').replaceChildren(h('p', { class: 'muted' }, 'State reset: no contract deployed.'));
  renderHistory();
  renderFunctions();
  renderBalances();
  renderTrace();
  showGas(editor, null);
  save();
  status('state reset');
}

// ---------------------------------------------------------------- start

async function start(): Promise<void> {
  const stored = loadStored();
  const loaded = Session.load(stored?.session ?? null);
  session = loaded.session;
  let text = stored?.source ?? EXAMPLES.find((e) => e.name === 'counter')?.source ?? EXAMPLES[0]?.source ?? '';
  let note = loaded.problem;
  try {
    const shared = await decodeShare(location.hash);
    if (shared !== null) {
      text = shared;
      note = 'loaded the contract from the link';
    }
  } catch (e) {
    note = (e as Error).message;
  }
  source = text;
  editor = createEditor({
    parent: $('editor'),
    doc: text,
    check: runCheck,
    onChange: (t) => {
      source = t;
      save();
    },
  });
  const menu = $('examples') as HTMLSelectElement;
  menu.append(h('option', { value: '' }, 'Examples…'), ...EXAMPLES.map((e) => h('option', { value: e.name }, e.name)));
  menu.addEventListener('change', () => {
    const ex = EXAMPLES.find((e) => e.name === menu.value);
    if (ex) loadSource(ex.source);
    menu.value = '';
  });
  $('compile').addEventListener('click', compile);
  // Ctrl/Cmd+Enter compiles from anywhere on the page
  document.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      compile();
    }
  });
  $('share').addEventListener('click', () => void share());
  $('reset').addEventListener('click', reset);
  $('fund').addEventListener('click', fund);
  $('tx-sender').addEventListener('input', renderBalances);
  ($('tx-sender') as HTMLInputElement).value = '0x' + '11'.repeat(32);
  ($('tx-gas') as HTMLInputElement).value = String(DEFAULT_GAS_LIMIT);
  compile();
  renderFunctions();
  renderBalances();
  renderHistory();
  renderTrace();
  if (note) status(note, /damaged|ignored/.test(note));
  document.body.dataset.ready = '1';
}

void start();
// for people poking at the page from the console
Object.assign(globalThis, {
  vmpyStudio: {
    get session() {
      return session;
    },
    get compiled() {
      return compiled;
    },
    hex,
  },
});
