import { test } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSource } from '../compiler/index.js';
import { loadModule } from '../core/load.js';
import { buildCfg } from '../core/jit/cfg.js';
import { genFunction } from '../core/jit/codegen.js';
import { STD_ARITY } from '../core/interpreter.js';
test('peek', () => {
  for (const w of ['g06_sorting.py', 'g09_builtins.py', 'g10_erc20.py', 'g02_dicts.py', 'g07_matrix.py']) {
    const mod = loadModule(compileSource(readFileSync('bench/workloads/' + w, 'utf8'), { file: w }).module);
    const info = mod.funcs.map((f) => ({ nparams: f.nparams, nlocals: f.nlocals, maxStack: f.maxStack }));
    for (let fi = 0; fi < mod.funcs.length; fi++) {
      const cfg = buildCfg(mod.funcs[fi], (i) => info[i].nparams, STD_ARITY)!;
      if (w === 'g02_dicts.py' && mod.funcs[fi].name === 'main')
        require('node:fs').writeFileSync('/tmp/jitw/g2.js', genFunction(mod, fi, cfg, info, STD_ARITY)!);
      console.log(
        w,
        mod.funcs[fi].name,
        'instrs',
        mod.funcs[fi].offsets.length,
        'nl',
        mod.funcs[fi].nlocals,
        'chars',
        genFunction(mod, fi, cfg, info, STD_ARITY)!.length,
        genFunction(mod, fi, cfg, info, STD_ARITY, false)!.length,
      );
    }
  }
});
