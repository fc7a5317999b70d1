#!/usr/bin/env node
// core/interpreter.ts is generated from core/interpreter.ts.in: each mechanism the
// interpreter repeats in many cases (the gas spill and reload around a slow path, a frame
// push and pop, the small-int fast path of a binary operator) is defined once there, as a
// `//#macro NAME(PARAMS)` ... `//#end` block, and written out inline at every use, a line
// `NAME(args);`. Inline because a call per instruction costs time: V8 does not inline these
// into the dispatch loop, and a helper cannot assign the loop's locals (bench/NOTES.md).
// `npm run gen` (and so build, test and bench) runs this; tests/interpreter_gen.test.ts
// checks the output is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const TEMPLATE = 'core/interpreter.ts.in';
export const OUTPUT = 'core/interpreter.ts';

/** Split "a, f(b, c), d[e]" at top-level commas. */
function splitArgs(s) {
  const out = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if ('([{'.includes(ch)) depth++;
    if (')]}'.includes(ch)) depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}

/** Expand the template's macros; returns the TypeScript text and how often each macro was used. */
export function expand(text) {
  const macros = new Map();
  const body = [];
  const lines = text.split('\n');
  let inBlock = false;
  for (let i = 0; i < lines.length; i++) {
    // the //#macros ... //#endmacros block (definitions and their comments) is not output
    if (lines[i].startsWith('//#macros')) inBlock = true;
    const def = /^\/\/#macro (\w+)\(([^)]*)\)$/.exec(lines[i]);
    if (!def) {
      if (!inBlock) body.push(lines[i]);
      if (lines[i] === '//#endmacros') inBlock = false;
      continue;
    }
    const [, name, params] = def;
    const lines_ = [];
    for (i++; i < lines.length && lines[i] !== '//#end'; i++) lines_.push(lines[i]);
    if (i === lines.length) throw new Error(`${TEMPLATE}: macro ${name} has no //#end`);
    if (macros.has(name)) throw new Error(`${TEMPLATE}: macro ${name} defined twice`);
    macros.set(name, {
      params: params
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean),
      lines: lines_,
    });
  }
  const uses = Object.fromEntries([...macros.keys()].map((k) => [k, 0]));
  const out = [];
  for (const [n, line] of body.entries()) {
    const use = /^(\s*)(\w+)\((.*)\);$/.exec(line);
    const mac = use && macros.get(use[2]);
    if (!mac) {
      if (/\b[A-Z][A-Z_]+\(/.test(line) && [...macros.keys()].some((k) => line.includes(`${k}(`)))
        throw new Error(`${TEMPLATE}:${n + 1}: a macro is used only as a whole statement line: ${line.trim()}`);
      out.push(line);
      continue;
    }
    const args = splitArgs(use[3]);
    if (args.length !== mac.params.length) throw new Error(`${TEMPLATE}:${n + 1}: ${use[2]} takes ${mac.params.length} arguments, got ${args.length}`);
    uses[use[2]]++;
    for (const l of mac.lines) {
      let t = l;
      mac.params.forEach((p, k) => {
        t = t.replace(new RegExp(`\\b${p}\\b`, 'g'), args[k]);
      });
      out.push(t.length ? use[1] + t : t);
    }
  }
  const header = `// GENERATED from ${TEMPLATE} by scripts/gen-interpreter.mjs (npm run gen): edit that file.\n`;
  return { text: header + out.join('\n'), uses };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { text } = expand(readFileSync(join(root, TEMPLATE), 'utf8'));
  writeFileSync(join(root, OUTPUT), text);
}
