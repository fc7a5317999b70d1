// Canonical IR codec. Layout: magic "VMPY", version byte, then sections in fixed order
// (consts, functions, exports, optional debug), each `tag, uvarint length, payload`.
// Decoding is strict so that every module has exactly one encoding:
// encode(decode(x)) == x byte for byte, and anything else fails with IRDecodeError.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { IRDecodeError } from '../spec/errors.js';
import { OP_BY_CODE } from '../spec/table.js';
import {
  ConstTag,
  ConstTuple,
  IR_MAGIC,
  IR_VERSION,
  Section,
  type Const,
  type DebugInfo,
  type IRExport,
  type IRFunction,
  type IRModule,
  type Instr,
} from './ir.js';
import { ByteWriter } from './bytewriter.js';
import { readUvarint, readUvarintBig, unzigzag, VarintError, zigzag, type Cursor } from './uvarint.js';

const utf8 = new TextEncoder();
const utf8d = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** tuples nested deeper than this in the constant table do not decode (a bounded recursion) */
export const MAX_CONST_DEPTH = 16;

// ---------------- encode ----------------

function writeBytes(out: ByteWriter, b: Uint8Array): void {
  out.uvarint(b.length);
  out.bytes(b);
}

function writeStr(out: ByteWriter, s: string): void {
  writeBytes(out, utf8.encode(s));
}

function writeConst(out: ByteWriter, c: Const): void {
  if (typeof c === 'bigint') {
    out.byte(ConstTag.Int);
    out.uvarintBig(zigzag(c));
  } else if (c instanceof Uint8Array) {
    out.byte(ConstTag.Bytes);
    writeBytes(out, c);
  } else if (typeof c === 'string') {
    out.byte(ConstTag.Str);
    writeStr(out, c);
  } else if (c === null) out.byte(ConstTag.None);
  else if (c === false) out.byte(ConstTag.False);
  else if (c === true) out.byte(ConstTag.True);
  else {
    out.byte(ConstTag.Tuple);
    out.uvarint(c.items.length);
    for (const x of c.items) writeConst(out, x);
  }
}

export function encodeCode(code: Instr[]): Uint8Array {
  const out = new ByteWriter();
  for (const ins of code) {
    out.byte(ins.op);
    for (const a of ins.args) out.uvarint(a);
  }
  return out.finish();
}

function section(out: ByteWriter, tag: Section, payload: ByteWriter): void {
  out.byte(tag);
  out.uvarint(payload.len);
  out.bytes(payload.buf.subarray(0, payload.len));
}

export function encodeModule(m: IRModule): Uint8Array {
  const out = new ByteWriter();
  out.bytes(IR_MAGIC);
  out.byte(IR_VERSION);
  const consts = new ByteWriter();
  consts.uvarint(m.consts.length);
  for (const c of m.consts) writeConst(consts, c);
  section(out, Section.Consts, consts);

  const funcs = new ByteWriter();
  funcs.uvarint(m.funcs.length);
  for (const f of m.funcs) {
    writeStr(funcs, f.name);
    funcs.byte(f.isPublic ? 1 : 0);
    funcs.uvarint(f.nparams);
    funcs.uvarint(f.nlocals);
    funcs.uvarint(f.code.length);
    writeBytes(funcs, encodeCode(f.code));
  }
  section(out, Section.Functions, funcs);

  const ex = new ByteWriter();
  ex.uvarint(m.exports.length);
  for (const e of m.exports) {
    ex.bytes(e.selector);
    ex.uvarint(e.func);
    ex.uvarint(e.params.length);
    for (const p of e.params) writeStr(ex, p);
    writeStr(ex, e.returns);
  }
  section(out, Section.Exports, ex);

  if (m.debug) {
    const d = new ByteWriter();
    writeStr(d, m.debug.file);
    d.uvarint(m.debug.funcs.length);
    for (const f of m.debug.funcs) {
      d.uvarint(f.locals.length);
      for (const n of f.locals) writeStr(d, n);
      d.uvarint(f.lines.length);
      let prev = 0;
      for (const l of f.lines) {
        d.uvarint(l.pc - prev); // delta: entries are strictly increasing in pc
        prev = l.pc;
        d.uvarint(l.line);
        d.uvarint(l.col);
      }
    }
    section(out, Section.Debug, d);
  }
  return out.finish();
}

// ---------------- decode ----------------

class Reader implements Cursor {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly what: string,
  ) {}
  fail(msg: string): never {
    throw new IRDecodeError(`${this.what} at byte ${this.pos}: ${msg}`);
  }
  u(): number {
    try {
      return readUvarint(this);
    } catch (e) {
      if (e instanceof VarintError) this.fail(e.message);
      throw e;
    }
  }
  big(): bigint {
    try {
      return readUvarintBig(this);
    } catch (e) {
      if (e instanceof VarintError) this.fail(e.message);
      throw e;
    }
  }
  byte(): number {
    if (this.pos >= this.buf.length) this.fail('truncated');
    return this.buf[this.pos++];
  }
  bytes(n: number): Uint8Array {
    if (n > this.buf.length - this.pos) this.fail(`truncated: need ${n} bytes`);
    const b = this.buf.slice(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
  str(): string {
    const b = this.bytes(this.u());
    try {
      return utf8d.decode(b);
    } catch {
      this.fail('invalid UTF-8');
    }
  }
  count(max: number, what: string): number {
    const n = this.u();
    // every item takes at least one byte, so a count past the remaining bytes is a lie
    if (n > max || n > this.buf.length - this.pos) this.fail(`${what} count ${n} is impossible here`);
    return n;
  }
  end(): void {
    if (this.pos !== this.buf.length) this.fail(`${this.buf.length - this.pos} trailing bytes`);
  }
}

function readConst(r: Reader, depth: number): Const {
  const tag = r.byte();
  switch (tag) {
    case ConstTag.Int:
      return unzigzag(r.big());
    case ConstTag.Bytes:
      return r.bytes(r.u());
    case ConstTag.Str:
      return r.str();
    case ConstTag.None:
      return null;
    case ConstTag.False:
      return false;
    case ConstTag.True:
      return true;
    case ConstTag.Tuple: {
      if (depth >= MAX_CONST_DEPTH) r.fail('constant tuples nested too deeply');
      const n = r.count(1 << 20, 'tuple item');
      const items: Const[] = [];
      for (let i = 0; i < n; i++) items.push(readConst(r, depth + 1));
      return new ConstTuple(items);
    }
  }
  return r.fail(`unknown constant tag ${tag}`);
}

function readCode(r: Reader, ninstr: number): Instr[] {
  const code: Instr[] = [];
  for (let i = 0; i < ninstr; i++) {
    const op = r.byte();
    const info = OP_BY_CODE[op];
    if (!info) r.fail(`unknown opcode 0x${op.toString(16).padStart(2, '0')}`);
    const args: number[] = [];
    for (let k = 0; k < info.operands.length; k++) args.push(r.u());
    code.push({ op, args });
  }
  r.end();
  return code;
}

export function decodeModule(bytes: Uint8Array): IRModule {
  const top = new Reader(bytes, 'IR');
  const magic = top.bytes(4);
  for (let i = 0; i < 4; i++) if (magic[i] !== IR_MAGIC[i]) top.fail('bad magic (not a vm-py IR file)');
  const ver = top.byte();
  if (ver !== IR_VERSION) top.fail(`unsupported IR version ${ver}`);
  const sections = new Map<number, Reader>();
  let last = 0;
  while (top.pos < bytes.length) {
    const tag = top.byte();
    if (tag < Section.Consts || tag > Section.Debug) top.fail(`trailing bytes or unknown section (tag ${tag})`);
    if (tag <= last) top.fail(`section ${tag} out of order or repeated`);
    last = tag;
    const len = top.u();
    sections.set(tag, new Reader(top.bytes(len), `section ${tag}`));
  }
  for (const need of [Section.Consts, Section.Functions, Section.Exports]) if (!sections.has(need)) top.fail(`missing section ${need}`);

  const cr = sections.get(Section.Consts)!;
  const consts: Const[] = [];
  for (let i = 0, n = cr.count(1 << 24, 'constant'); i < n; i++) consts.push(readConst(cr, 0));
  cr.end();

  const fr = sections.get(Section.Functions)!;
  const funcs: IRFunction[] = [];
  for (let i = 0, n = fr.count(1 << 16, 'function'); i < n; i++) {
    const name = fr.str();
    const flags = fr.byte();
    if (flags > 1) fr.fail(`bad function flags ${flags}`);
    const nparams = fr.u();
    const nlocals = fr.u();
    if (nparams > nlocals) fr.fail(`function ${name}: ${nparams} params but ${nlocals} locals`);
    const ninstr = fr.count(1 << 24, 'instruction');
    const clen = fr.u();
    const code = readCode(new Reader(fr.bytes(clen), `code of ${name}`), ninstr);
    funcs.push({ name, isPublic: flags === 1, nparams, nlocals, code });
  }
  fr.end();

  const er = sections.get(Section.Exports)!;
  const exports: IRExport[] = [];
  for (let i = 0, n = er.count(1 << 16, 'export'); i < n; i++) {
    const selector = er.bytes(8);
    const func = er.u();
    const params: string[] = [];
    for (let k = 0, np = er.count(255, 'param'); k < np; k++) params.push(er.str());
    const returns = er.str();
    exports.push({ selector, func, params, returns });
  }
  er.end();

  let debug: DebugInfo | null = null;
  const dr = sections.get(Section.Debug);
  if (dr) {
    const file = dr.str();
    const dfuncs: DebugInfo['funcs'] = [];
    for (let i = 0, n = dr.count(1 << 16, 'debug function'); i < n; i++) {
      const locals: string[] = [];
      for (let k = 0, nl = dr.count(1 << 16, 'local name'); k < nl; k++) locals.push(dr.str());
      const lines: DebugInfo['funcs'][number]['lines'] = [];
      let pc = 0;
      for (let k = 0, ne = dr.count(1 << 24, 'line entry'); k < ne; k++) {
        const delta = dr.u();
        if (k > 0 && delta === 0) dr.fail('line entries must have increasing pcs');
        pc += delta;
        lines.push({ pc, line: dr.u(), col: dr.u() });
      }
      dfuncs.push({ locals, lines });
    }
    dr.end();
    debug = { file, funcs: dfuncs };
  }
  return { consts, funcs, exports, debug };
}

/** The consensus identity of a module: sha3_256 over the encoding without its debug section. */
export function codeHash(m: IRModule): Uint8Array {
  return sha3_256(encodeModule({ ...m, debug: null }));
}
