// Source text -> verified IR module and its canonical bytes.
import { CompileError, DiagnosticsError } from '../spec/errors.js';
import type { HostStdlib } from '../spec/host_std.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { validateSource, type CheckedModule } from '../validate/index.js';
import { codeHash, encodeModule } from './codec.js';
import type { IRExport, IRModule } from './ir.js';
import { lowerModule } from './lower.js';
import { checkReturns } from './return_check.js';
import { selectorHex, selectorOf } from './selector.js';
import { verifyModule } from './verify.js';

export interface CompiledContract {
  module: IRModule;
  bytes: Uint8Array;
  codeHash: Uint8Array;
  checked: CheckedModule;
}

export interface CompileOptions {
  file?: string;
  /** drop the debug section (pc -> line:col); the code hash does not change */
  strip?: boolean;
  limits?: { max_source_bytes: number; max_code_bytes: number; max_int_bits: number };
  /** a tool's host modules the source may import (spec/host_std.ts: the test runner's `testing`) */
  host?: HostStdlib;
}

export function compileSource(text: string, opts: CompileOptions = {}): CompiledContract {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  const file = opts.file ?? 'contract.py';
  const checked = validateSource(text, file, limits.max_source_bytes, opts.host);
  checkReturns(checked);
  const lowered = lowerModule(checked);
  if (checked.src.diags.length) throw new DiagnosticsError(checked.src.sortedDiags());
  const exports: IRExport[] = [];
  lowered.funcs.forEach((f, i) => {
    if (!f.isPublic) return;
    const sig = checked.signatures.get(f.name)!;
    exports.push({ selector: selectorOf(f.name, sig.params), func: i, params: sig.params, returns: sig.returns });
  });
  exports.sort((a, b) => compare(a.selector, b.selector));
  for (let i = 1; i < exports.length; i++) {
    if (compare(exports[i - 1].selector, exports[i].selector) === 0) {
      const a = lowered.funcs[exports[i - 1].func].name;
      const b = lowered.funcs[exports[i].func].name;
      throw new CompileError('E-SELECTOR-COLLISION', `functions ${a} and ${b} have the same selector ${selectorHex(exports[i].selector)}`);
    }
  }
  const module: IRModule = {
    consts: lowered.consts,
    funcs: lowered.funcs,
    exports,
    debug: opts.strip ? null : { file, funcs: lowered.debug },
  };
  verifyModule(module, undefined, opts.host);
  const bytes = encodeModule(module);
  const core = opts.strip ? bytes.length : encodeModule({ ...module, debug: null }).length;
  if (core > limits.max_code_bytes) {
    throw new CompileError('E-CODE-SIZE', `compiled code is ${core} bytes, over the ${limits.max_code_bytes}-byte limit`);
  }
  return { module, bytes, codeHash: codeHash(module), checked };
}

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
