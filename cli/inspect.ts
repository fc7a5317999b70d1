// vm-py inspect-ir: decode, verify and list an IR file.
import { codeHash, decodeModule } from '../compiler/codec.js';
import { constToString, disassemble, hex } from '../compiler/disasm.js';
import { selectorHex } from '../compiler/selector.js';
import { verifyModule } from '../compiler/verify.js';
import { OP_BY_CODE } from '../spec/table.js';
import { readBinary } from './files.js';

export function inspectCommand(a: { file: string; json: boolean }, out: (s: string) => void): number {
  const bytes = readBinary(a.file, 'IR file');
  const m = decodeModule(bytes);
  verifyModule(m);
  if (a.json) {
    out(
      JSON.stringify({
        ok: true,
        codeHash: hex(codeHash(m)),
        size: bytes.length,
        consts: m.consts.map(constToString),
        exports: m.exports.map((e) => ({ selector: selectorHex(e.selector), function: m.funcs[e.func].name, params: e.params, returns: e.returns })),
        functions: m.funcs.map((f) => ({
          name: f.name,
          public: f.isPublic,
          params: f.nparams,
          locals: f.nlocals,
          code: f.code.map((i) => [OP_BY_CODE[i.op]!.name, ...i.args]),
        })),
      }),
    );
    return 0;
  }
  out(disassemble(m, bytes.length).trimEnd());
  return 0;
}
