// vm-py compile: validate + compile a contract, write the IR, summarize it.
import { compileSource } from '../compiler/index.js';
import { estimateGas } from '../compiler/gas_estimate.js';
import { hex } from '../compiler/disasm.js';
import { selectorHex } from '../compiler/selector.js';
import { readText, writeAtomic } from './files.js';
import { displayPath } from './project.js';

export interface CompileArgs {
  file: string;
  out?: string;
  strip: boolean;
  json: boolean;
}

export function compileCommand(a: CompileArgs, out: (s: string) => void): number {
  const text = readText(a.file, 'contract source');
  const c = compileSource(text, { file: displayPath(a.file), strip: a.strip });
  if (a.out) writeAtomic(a.out, c.bytes);
  const gas = estimateGas(c.module).functions;
  const fns = c.module.exports.map((e) => ({
    name: c.module.funcs[e.func].name,
    selector: selectorHex(e.selector),
    params: e.params,
    returns: e.returns,
    // static upper bound on one call's gas, excluding the entry cost (base + per calldata byte)
    // or `unbounded: <reason> at <file:line>`
    gasBound: gas.get(c.module.funcs[e.func].name) ?? 'unbounded: not estimated',
  }));
  if (a.json) {
    out(JSON.stringify({ ok: true, codeHash: hex(c.codeHash), size: c.bytes.length, out: a.out ?? null, functions: fns }));
    return 0;
  }
  out(`compiled ${displayPath(a.file)}${a.out ? ` -> ${a.out}` : ''}`);
  out(`code hash ${hex(c.codeHash)}`);
  out(`size      ${c.bytes.length} bytes${a.strip ? ' (stripped)' : ''}`);
  out('functions');
  for (const f of fns) {
    const sig = `${f.name}(${f.params.join(', ')})${f.returns === 'none' ? '' : ` -> ${f.returns}`}`;
    out(`  ${f.selector}  ${sig.padEnd(40)} gas ${typeof f.gasBound === 'number' ? `<= ${f.gasBound} + entry` : f.gasBound}`);
  }
  return 0;
}
