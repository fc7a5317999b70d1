// The architecture as a rule: each layer imports only the layers before it, so a node that
// embeds the VM never drags in a later layer, and the core never reaches into the node's state.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ORDER = ['spec', 'validate', 'compiler', 'core', 'stdlib', 'node', 'host', 'testing', 'cli'];

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith('.ts')) out.push(p);
  }
  return out;
}

function importsOf(file: string): string[] {
  const src = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of src.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)) out.push(relative('.', resolve(dirname(file), m[1])));
  return out;
}

describe('layers', () => {
  it('finds imports to check', () => {
    // a broken scan would pass every rule below vacuously
    expect(importsOf('core/interpreter.ts').length).toBeGreaterThan(3);
  });
  for (const layer of ORDER) {
    it(`${layer}/ imports only earlier layers`, () => {
      const bad: string[] = [];
      const rank = ORDER.indexOf(layer);
      for (const f of tsFiles(layer)) {
        for (const target of importsOf(f)) {
          const top = target.split('/')[0];
          const r = ORDER.indexOf(top);
          if (r > rank) bad.push(`${f} -> ${target}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
