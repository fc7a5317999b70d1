// Replays tests/regressions/*.ir.hex: each must load and every zero-argument export must end
// in a Receipt (any status), never a thrown JS error.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { defaultBlock, defaultTx } from '../core/context.js';
import { executeCall } from '../node/execute.js';
import { loadBytes } from '../core/load.js';
import { MemoryState } from '../node/state.js';

const dir = 'tests/regressions';
describe('regressions', () => {
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ir.hex'))) {
    test(f, () => {
      const mod = loadBytes(Buffer.from(readFileSync(`${dir}/${f}`, 'utf8').trim(), 'hex'));
      let ran = 0;
      for (const ex of mod.ir.exports) {
        if (ex.params.length) continue;
        const r = executeCall({ module: mod, calldata: ex.selector, gasLimit: 100_000, tx: defaultTx(), block: defaultBlock(), state: new MemoryState() });
        expect(['SUCCESS', 'REVERT', 'OOG', 'ERROR']).toContain(r.status);
        ran++;
      }
      expect(ran).toBeGreaterThan(0);
    });
  }
});
