// Source -> checked module, or every diagnostic at once.
import { DiagnosticsError } from '../spec/errors.js';
import type { HostStdlib } from '../spec/host_std.js';
import { DEFAULT_LIMITS } from '../spec/table.js';
import { checkModule, type CheckedModule } from './check.js';
import { parseModule } from './parse.js';
import { Source } from './source.js';

export { Source, renderDiagnostic } from './source.js';
export type { CheckedModule } from './check.js';

export function validateSource(text: string, file = 'contract.py', maxSourceBytes: number = DEFAULT_LIMITS.max_source_bytes, host?: HostStdlib): CheckedModule {
  const src = new Source(text, file);
  if (new TextEncoder().encode(text).length > maxSourceBytes) {
    src.error('E-SOURCE-SIZE', `source is larger than the ${maxSourceBytes}-byte limit`, 0);
    throw new DiagnosticsError(src.diags);
  }
  const mod = parseModule(src);
  // after a syntax error the tree is unreliable; after a ban the AST is still whole, so the
  // semantic checks run too and the author sees every error at once
  if (src.diags.some((d) => d.code === 'E-SYNTAX' || d.code === 'E-NESTING')) throw new DiagnosticsError(src.diags);
  const cm = checkModule(src, mod, host);
  if (src.diags.length) throw new DiagnosticsError(src.sortedDiags());
  return cm;
}
