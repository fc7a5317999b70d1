// `node bench/run-ts.mjs bench/jit_dump.ts <file.py> <function>`: the compiling tier's view of
// one function: its instructions (offset, opcode, operands, stack height, block) as comments,
// then the JavaScript the tier generates for it (core/jit/codegen.ts). For reading what a
// profile's `f<N>` lines are; nothing here runs the code.
import { readFileSync } from 'node:fs';
import { compileSource } from '../compiler/index.js';
import { STD_ARITY } from '../core/interpreter.js';
import { buildCfg } from '../core/jit/cfg.js';
import { genFunction } from '../core/jit/codegen.js';
import { loadModule } from '../core/load.js';
import { OP_BY_CODE } from '../spec/table.js';

const [file, fname] = process.argv.slice(3);
const mod = loadModule(compileSource(readFileSync(file, 'utf8'), { file }).module);
const info = mod.funcs.map((f) => ({ nparams: f.nparams, nlocals: f.nlocals, maxStack: f.maxStack }));
const fi = mod.funcs.findIndex((f) => f.name === fname);
if (fi < 0) throw new Error(`no function ${fname} (have: ${mod.funcs.map((f) => f.name).join(', ')})`);
const cfg = buildCfg(mod.funcs[fi], (f) => info[f]?.nparams ?? -1, STD_ARITY);
if (cfg === null) throw new Error(`${fname}: the tier does not model this function`);
for (const ins of cfg.instrs) console.log('//', ins.off, OP_BY_CODE[ins.op]!.name, ins.args.join(','), 'h', ins.height, 'b', ins.block);
const gen = genFunction(mod, fi, cfg, info, STD_ARITY);
console.log(gen === null ? '// no template for an opcode: runs in the interpreter' : gen.body);
