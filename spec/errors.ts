// The one error taxonomy of vm-py (DESIGN §7). Every failure a user can see is a VmPyError
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
export class OutOfGas extends VmPyError {
  constructor(message = 'out of gas') {
    super('OOG', message);
  }
}
export class Revert extends VmPyError {
  readonly reason: Uint8Array;
  constructor(reason: Uint8Array, location?: Location) {
    super('REVERT', `reverted: ${describeReason(reason)}`, location);
    this.reason = reason;
  }
}
/** A Python exception kind (ZeroDivisionError, ...) or a VM cap / unknown function. */
export class VmError extends VmPyError {
  readonly kind: string;
  constructor(kind: string, message: string, location?: Location) {
    super('E-VM', `${kind}: ${message}`, location);
    this.kind = kind;
  }
}
export class StateError extends VmPyError {
  constructor(message: string) {
    super('E-STATE', message);
  }
}

function describeReason(reason: Uint8Array): string {
  // Show UTF-8 text when the reason is printable, else hex, so a user can read either.
  let printable = reason.length > 0;
  for (const b of reason) if (b < 0x20 || b > 0x7e) printable = false;
  if (printable) return String.fromCharCode(...reason);
  return '0x' + Array.from(reason, (b) => b.toString(16).padStart(2, '0')).join('');
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
