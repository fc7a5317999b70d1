// The in-memory IR module: what the compiler produces, the codec writes and reads, the
// verifier checks and the runtime loads. See spec/IR.md for the byte format.

export type Const = bigint | Uint8Array | string | null | boolean | ConstTuple;
export class ConstTuple {
  constructor(readonly items: Const[]) {}
}

export interface Instr {
  op: number;
  args: number[];
}

export interface IRFunction {
  name: string;
  isPublic: boolean;
  nparams: number;
  nlocals: number; // including params
  code: Instr[];
}

export interface IRExport {
  selector: Uint8Array; // 8 bytes
  func: number;
  params: string[]; // canonical ABI type names
  returns: string; // canonical ABI type name, or 'none'
}

/** Per function: pc -> source position, plus local slot names for traces. */
export interface DebugFunction {
  locals: string[];
  /** sorted by pc; an entry holds until the next one */
  lines: { pc: number; line: number; col: number }[];
}

export interface DebugInfo {
  file: string;
  funcs: DebugFunction[];
}

export interface IRModule {
  consts: Const[];
  funcs: IRFunction[];
  exports: IRExport[]; // sorted by selector bytes
  debug: DebugInfo | null;
}

export const IR_MAGIC = Uint8Array.of(0x56, 0x4d, 0x50, 0x59); // "VMPY"
export const IR_VERSION = 1;

export const enum Section {
  Consts = 1,
  Functions = 2,
  Exports = 3,
  Debug = 4,
}

export const enum ConstTag {
  Int = 0,
  Bytes = 1,
  Str = 2,
  None = 3,
  False = 4,
  True = 5,
  Tuple = 6,
}
