// Human-readable listing of an IR module: constants, exports, and each function's code with
// operands resolved to names (constants, locals, stdlib, builtins) and source lines.
import { BUILTINS, METHODS, OP_BY_CODE, STDLIB_BY_ID } from '../spec/table.js';
import { codeHash } from './codec.js';
import { ConstTuple, type Const, type IRModule } from './ir.js';
import { selectorHex } from './selector.js';

export function constToString(c: Const): string {
  if (typeof c === 'bigint') return c.toString();
  if (c instanceof Uint8Array) {
    let printable = true;
    for (const b of c) if (b < 0x20 || b > 0x7e || b === 0x22 || b === 0x5c) printable = false;
    return printable ? `b"${String.fromCharCode(...c)}"` : `0x${Array.from(c, (b) => b.toString(16).padStart(2, '0')).join('')}`;
  }
  if (typeof c === 'string') return JSON.stringify(c);
  if (c === null) return 'None';
  if (c === true) return 'True';
  if (c === false) return 'False';
  if (c instanceof ConstTuple) return `(${c.items.map(constToString).join(', ')}${c.items.length === 1 ? ',' : ''})`;
  return String(c);
}

const BUILTIN_NAME = new Map(BUILTINS.map((b) => [b.id, b.name]));
const METHOD_NAME = new Map(METHODS.map((b) => [b.id, b.name]));

export function disassemble(m: IRModule, size?: number): string {
  const out: string[] = [];
  out.push(`code hash  ${hex(codeHash(m))}`);
  if (size !== undefined) out.push(`size       ${size} bytes`);
  out.push(`debug      ${m.debug ? `yes (${m.debug.file})` : 'stripped'}`);
  out.push('');
  out.push(`constants (${m.consts.length})`);
  m.consts.forEach((c, i) => out.push(`  #${i}  ${truncate(constToString(c), 100)}`));
  out.push('');
  out.push(`exports (${m.exports.length})`);
  for (const e of m.exports) out.push(`  ${selectorHex(e.selector)}  ${m.funcs[e.func].name}(${e.params.join(',')}) -> ${e.returns}`);
  m.funcs.forEach((f, fi) => {
    out.push('');
    const dbg = m.debug?.funcs[fi];
    const params = Array.from({ length: f.nparams }, (_, i) => dbg?.locals[i] ?? `l${i}`);
    out.push(`function ${fi} ${f.name}(${params.join(', ')})${f.isPublic ? ' public' : ''}  locals=${f.nlocals} instructions=${f.code.length}`);
    let li = 0;
    f.code.forEach((ins, pc) => {
      let line = '';
      while (dbg && li < dbg.lines.length && dbg.lines[li].pc <= pc) {
        if (dbg.lines[li].pc === pc) line = `line ${dbg.lines[li].line}:${dbg.lines[li].col}`;
        li++;
      }
      const info = OP_BY_CODE[ins.op]!;
      const ops = ins.args.map((a, k) => operandText(m, fi, info.operands[k], a));
      const text = `  ${String(pc).padStart(4, '0')}  ${info.name.padEnd(20)} ${ops.join(' ')}`;
      out.push(line ? `${text.padEnd(60)} ; ${line}` : text);
    });
  });
  return out.join('\n') + '\n';
}

function operandText(m: IRModule, fi: number, kind: string, a: number): string {
  switch (kind) {
    case 'const':
      return `#${a} (${truncate(constToString(m.consts[a]), 40)})`;
    case 'local': {
      const name = m.debug?.funcs[fi]?.locals[a];
      return name ? `${a} (${name})` : String(a);
    }
    case 'target':
      return `-> ${String(a).padStart(4, '0')}`;
    case 'func':
      return `${a} (${m.funcs[a]?.name})`;
    case 'stdlib':
      return `${a} (${STDLIB_BY_ID.get(a)?.name})`;
    case 'builtin':
      return `${a} (${BUILTIN_NAME.get(a)})`;
    case 'method':
      return `${a} (.${METHOD_NAME.get(a)})`;
  }
  return String(a);
}

function truncate(s: string, n: number): string {
  return s.length > n ? s.slice(0, n - 3) + '...' : s;
}

export function hex(b: Uint8Array): string {
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}
