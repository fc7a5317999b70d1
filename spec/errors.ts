// The one error taxonomy of vm-py. Every failure a user can see is a VmPyError
// with a stable code; stages throw their own family so callers can tell source problems
// from byte problems from runtime outcomes.

export interface Location {
  file?: string;
  line: number; // 1-based
  col: number; // 1-based
}

export class VmPyError extends Error {
  readonly code: string;
  readonly location?: Location;
  constructor(code: string, message: string, location?: Location) {
    super(message);
    this.code = code;
    this.location = location;
  }
  get name(): string {
    return this.constructor.name;
  }
  /** `file:line:col: CODE message` (location parts omitted when unknown). */
  oneLine(): string {
    const loc = this.location;
    const where = loc ? `${loc.file ?? '<source>'}:${loc.line}:${loc.col}: ` : '';
    return `${where}${this.code} ${this.message}`;
  }
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { code: this.code, message: this.message };
    if (this.location) out.location = { ...this.location };
    return out;
  }
}

// ---- source stage ----
export class SourceSyntaxError extends VmPyError {}
export class ValidationError extends VmPyError {}
export class ForbiddenImport extends ValidationError {}
/** Several source diagnostics at once: the validator reports every error in a file. */
export class DiagnosticsError extends VmPyError {
  readonly diagnostics: VmPyError[];
  constructor(diagnostics: VmPyError[]) {
    super(diagnostics[0]?.code ?? 'E-VALIDATION', diagnostics[0]?.message ?? 'invalid source', diagnostics[0]?.location);
    this.diagnostics = diagnostics;
  }
  toJSON(): Record<string, unknown> {
    return { code: this.code, message: this.message, diagnostics: this.diagnostics.map((d) => d.toJSON()) };
  }
}
export class CompileError extends VmPyError {}

// ---- bytes stage ----
export class IRDecodeError extends VmPyError {
  constructor(message: string) {
    super('E-IR-DECODE', message);
  }
}
export class VerifyError extends VmPyError {
  constructor(message: string) {
    super('E-IR-VERIFY', message);
  }
}

// ---- inputs ----
export class ManifestError extends VmPyError {
  constructor(message: string) {
    super('E-MANIFEST', message);
  }
}
export class AbiError extends VmPyError {
  constructor(message: string) {
    super('E-ABI', message);
  }
}

// ---- runtime outcomes ----
// A call's outcomes are thrown as control flow, often (a revert passes through every frame of
// a chain of calls), and nobody reads their JS stack: capturing one was a quarter of the time
// of a chain of failing calls. They are made with no stack trace (the limit is set back at once).
let savedLimit = 0;
function noTrace(): void {
  savedLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
}
function traceBack(): void {
  Error.stackTraceLimit = savedLimit;
}

export class OutOfGas extends VmPyError {
  constructor(message = 'out of gas') {
    noTrace();
    super('OOG', message);
    traceBack();
  }
}
export class Revert extends VmPyError {
  readonly reason: Uint8Array;
  constructor(reason: Uint8Array, location?: Location) {
    const message = `reverted: ${describeReason(reason)}`;
    noTrace();
    super('REVERT', message, location);
    traceBack();
    this.reason = reason;
  }
}
/**
 * The closed set of runtime error kinds and their numbers in a receipt (spec/RECEIPTS.md
 * "Error codes"). A new kind is a consensus change: it gets the next number here and there.
 */
export const ERROR_KINDS = {
  ZeroDivisionError: 1,
  TypeError: 2,
  ValueError: 3,
  IndexError: 4,
  KeyError: 5,
  OverflowError: 6,
  AttributeError: 7,
  MemoryError: 8,
  RecursionError: 9,
  RuntimeError: 10,
  LookupError: 11,
  UnicodeEncodeError: 12,
  UnicodeDecodeError: 13,
  UnboundLocalError: 14,
  UnknownFunction: 15,
  InvalidOpcode: 16,
  InvalidProgram: 17,
  StaticCallViolation: 18,
  CallError: 19,
  ImportError: 20,
  AssertionError: 21,
  ReentrancyError: 22,
} as const;
export type ErrorKind = keyof typeof ERROR_KINDS;

/** A receipt's error codes (spec/RECEIPTS.md): the family of the failure, never its text. */
export const ERROR_CODES = {
  OOG: 1,
  REVERT: 2,
  'E-VM': 3,
  'E-ABI': 4,
  'E-STATE': 5,
  'E-IR-DECODE': 6,
  'E-IR-VERIFY': 7,
  'E-MANIFEST': 8,
  /** every source-stage diagnostic (E-SYNTAX, E-IMPORT, ...): a deploy of bad source */
  'E-SOURCE': 9,
  'E-TX': 10,
  'E-BLOCK': 11,
  'E-STORE': 12,
} as const;

/** The receipt number of an error code; source-stage codes (any other E-...) share E-SOURCE. */
export function errorCodeNumber(code: string): number {
  const n = (ERROR_CODES as Record<string, number>)[code];
  if (n !== undefined) return n;
  if (/^E-[A-Z0-9-]+$/.test(code)) return ERROR_CODES['E-SOURCE'];
  throw new Error(`internal error: error code ${JSON.stringify(code)} has no receipt number`);
}

/** Whether k is one of the closed set of kinds (a callee's kind read back from its result). */
export function isErrorKind(k: string): k is ErrorKind {
  return Object.hasOwn(ERROR_KINDS, k);
}

/** The receipt number of a runtime error kind; an unlisted kind is a bug, not an outcome. */
export function errorKindNumber(kind: string): number {
  const n = (ERROR_KINDS as Record<string, number>)[kind];
  if (n === undefined) throw new Error(`internal error: error kind ${JSON.stringify(kind)} is not in ERROR_KINDS`);
  return n;
}

/** A Python exception kind (ZeroDivisionError, ...) or a VM cap / unknown function. */
export class VmError extends VmPyError {
  readonly kind: ErrorKind;
  constructor(kind: ErrorKind, message: string, location?: Location) {
    noTrace();
    super('E-VM', `${kind}: ${message}`, location);
    traceBack();
    this.kind = kind;
  }
}
export class StateError extends VmPyError {
  constructor(message: string) {
    super('E-STATE', message);
  }
}

/** Bytes of a reason the message shows; the receipt carries all of it. */
const REASON_SHOWN = 1024;

function describeReason(reason: Uint8Array): string {
  // Show UTF-8 text when the reason is printable, else hex, so a user can read either. At most
  // REASON_SHOWN bytes, converted without spreading them into arguments: a spread of a long
  // reason overflowed the host's stack, so whether a revert had a receipt depended on the
  // host's stack size (a 60,000-byte reason under --stack-size=300).
  const shown = reason.length > REASON_SHOWN ? reason.subarray(0, REASON_SHOWN) : reason;
  const more = reason.length > REASON_SHOWN ? `... (${reason.length} bytes)` : '';
  let printable = reason.length > 0;
  for (const b of shown) if (b < 0x20 || b > 0x7e) printable = false;
  let out = printable ? '' : '0x';
  for (const b of shown) out += printable ? String.fromCharCode(b) : b.toString(16).padStart(2, '0');
  return out + more;
}

// ---- chain (node/block, node/store) ----
/** Why a transaction was not included (spec/BLOCKS.md §Rejections): a closed set. */
export type RejectReason = 'MALFORMED' | 'NONCE_TOO_LOW' | 'NONCE_TOO_HIGH' | 'GAS_PRICE_TOO_LOW' | 'INTRINSIC_GAS' | 'BLOCK_GAS_LIMIT' | 'INSUFFICIENT_FUNDS';
export class TxRejected extends VmPyError {
  readonly reason: RejectReason;
  constructor(reason: RejectReason, message: string) {
    super('E-TX', `${reason}: ${message}`);
    this.reason = reason;
  }
}
/** A block that cannot be executed as given (bad header, or a rejected tx in a strict block); nothing of it is applied. */
export class BlockError extends VmPyError {
  constructor(message: string) {
    super('E-BLOCK', message);
  }
}
/** The on-disk store is unreadable, corrupt or from another format; nothing is written. */
export class StoreError extends VmPyError {
  constructor(message: string) {
    super('E-STORE', message);
  }
}
