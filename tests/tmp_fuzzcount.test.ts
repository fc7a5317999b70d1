import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'vitest';
import { callVm, compileForDiff, disagreement, fromCanon, runOracle } from './helpers/diff.js';
import { generateProgram } from './helpers/exprgen.js';
import { generateStmtProgram } from './helpers/stmtgen.js';
test('count', () => {
  const dir = mkdtempSync(join(tmpdir(), 'vmpy-fc-'));
  const end = Date.now() + Number(process.env.SECS ?? 180) * 1000;
  let total = 0; let caps = 0; const fails: string[] = [];
  for (let seed = 900001; Date.now() < end; seed++) {
    for (const kind of ['expr', 'stmt'] as const) {
      const src = kind === 'expr' ? generateProgram(seed, 200) : generateStmtProgram(seed, 100);
      const file = join(dir, `f_${kind}_${seed}.py`);
      writeFileSync(file, src);
      const mod = compileForDiff(src, file);
      for (const c of runOracle([file])) {
        total++;
        const got = callVm(mod, c.fn, c.args.map(fromCanon), 5_000_000);
        if (c.raise === 'slow' || (got.raise !== undefined && /exceeds the (\d+-bit )?limit/.test(got.message ?? ''))) { caps++; continue; }
        const d = disagreement(`${kind} ${seed} ${c.fn}`, c, got);
        if (d) fails.push(d.slice(0, 400));
      }
    }
  }
  console.log(`TOTAL ${total} caps ${caps} misses ${fails.length}`);
  for (const f of fails) console.log('MISS ' + f);
}, 900_000);
