// spec/LANGUAGE.md is the language reference: every example compiles, every refusal code the
// validator and compiler can give is documented, every builtin and method of the table has
// an entry, and no document cites anything outside the repository.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { compileSource } from '../compiler/index.js';

const DOC = readFileSync('spec/LANGUAGE.md', 'utf8');

function codesIn(dir: string): Set<string> {
  const out = new Set<string>();
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.ts')) continue;
    for (const m of readFileSync(join(dir, f), 'utf8').matchAll(/'(E-[A-Z0-9-]+)'/g)) out.add(m[1]);
  }
  return out;
}

describe('spec/LANGUAGE.md', () => {
  test('every python example is a contract that compiles', () => {
    const blocks = [...DOC.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks.length).toBeGreaterThanOrEqual(8);
    for (const b of blocks) expect(() => compileSource(b, { file: 'LANGUAGE.md' }), b).not.toThrow();
  });

  test('every refusal code of the validator is documented, with its reason', () => {
    const codes = [...codesIn('validate')].filter((c) => c !== 'E-VALIDATION');
    expect(codes.length).toBeGreaterThan(30);
    const section = DOC.slice(DOC.indexOf('## 10. Refused constructs'));
    for (const c of codes) expect(section, c).toMatch(new RegExp(`^\\| ${c} \\|[^|]+\\|[^|]+\\|$`, 'm'));
  });

  test('every builtin, method, stdlib module and limit of the table appears', () => {
    const table = parse(readFileSync('spec/opcodes_vm_py.yaml', 'utf8'));
    for (const b of table.builtins) expect(DOC, `builtin ${b.name}`).toContain('`' + b.name);
    for (const m of table.methods) expect(DOC, `method ${m.name}`).toContain('`' + m.name);
    for (const s of table.stdlib) {
      const [mod, fn] = s.name.split('.');
      expect(DOC, `stdlib ${s.name}`).toMatch(new RegExp('\\| `' + mod + '` \\|[^\\n]*`' + fn + '\\('));
    }
    for (const [k, v] of Object.entries(table.limits)) expect(DOC, `limit ${k}`).toMatch(new RegExp(`\\| \`${k}\` \\| ${v} \\|`));
  });

  test('no file in the repository cites DESIGN or a file outside it', () => {
    const bad: string[] = [];
    const skip = new Set(['node_modules', 'dist', '.git', '.vm-py', 'coverage']);
    const walk = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
        if (skip.has(e.name)) return [];
        const p = dir === '.' ? e.name : join(dir, e.name);
        return e.isDirectory() ? walk(p) : [p];
      });
    const files = walk('.').filter((f) => /\.(md|json|yaml|ts|in|mjs|cjs|js|py)$/.test(f));
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      if (f === join('tests', 'language_doc.test.ts') || f === 'package-lock.json') continue;
      const text = readFileSync(f, 'utf8');
      text.split('\n').forEach((l, i) => {
        if (/\bDESIGN\b|\.\.\/shared\/|shared\/reference/.test(l)) bad.push(`${f}:${i + 1}: ${l.trim().slice(0, 80)}`);
      });
      if (f.startsWith('spec') || f.startsWith('docs')) {
        for (const m of text.matchAll(/\bspec\/([A-Z_]+\.md)/g)) if (!readdirSync('spec').includes(m[1])) bad.push(`${f}: cites missing spec/${m[1]}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
