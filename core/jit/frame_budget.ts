// How much of the host's native stack compiled frames may take, and what each one takes.
//
// The interpreter runs a contract's own calls in one host frame; compiled code runs each
// private call as a host call (a compiled function calls its callee's), so compiled frames
// nest on the native stack. Left alone, 8 nested contracts each 64 calls deep would need a
// stack the host may not have, and whether a call overflowed would depend on the host's
// --stack-size: a consensus failure. So every compiled frame is charged, before it is
// entered, an upper bound of the native stack it takes (frameBytes, from the number of JS
// variables and call arguments of its generated code) against one budget for everything
// nested in the transaction's call (JS_STACK_BUDGET). A call whose callee does not fit runs
// the callee, and everything it calls, in the interpreter (no further host frames per call),
// which gives the same result: only the engine changes. So compiled code adds at most
// JS_STACK_BUDGET bytes to what the interpreter alone needs (spec/CALLS.md §9 measures that),
// whatever the call depth, on every host.
//
// The budget travels as an argument of compiled functions (no shared counter to restore);
// across a cross-contract call, which goes through the stdlib and the node layer, it is
// handed over in CROSS (set by the caller just before a stdlib call, read by the callee's
// entry, restored when the callee's call ends).

/**
 * Native stack, in bytes, that compiled frames may take at once in one transaction's call
 * (all nested contracts together). Measured (bench/jit_stack.ts, spec/JIT.md): the interpreter's
 * deepest composition needs under 150 KB; with this on top the deepest composition still fits
 * a 200 KB stack (tests/jit_stack.test.ts).
 */
export const JS_STACK_BUDGET = 16 * 1024;

/** Bytes a compiled frame's fixed part takes beyond its registers (return address, frame pointer, context, closure, bytecode and offset, arguments and their count), rounded up. */
const FRAME_FIXED = 160;
/** Registers the fixed templates hold besides the frame's locals and operand slots (m, bp, depth, budget, gas, reserve, P, st, stack, std, limits, scratch) and their expression temporaries. */
const FIXED_REGS = 48;

/**
 * An upper bound of the native stack one frame of a generated function takes: a register per
 * JS variable (`vars`: the locals and operand slots it keeps in variables) and per argument
 * of its widest call (`widestCall`; an interpreter frame copies a call's arguments into
 * consecutive registers), plus the fixed registers and frame, times 8 bytes. Optimized code
 * takes fewer (spill slots only); bench/jit_stack.ts measures both against this.
 */
export function frameEstimate(vars: number, widestCall: number): number {
  return 8 * (FIXED_REGS + vars + widestCall) + FRAME_FIXED;
}

/** Stack budget handed across a cross-contract call (see above); `active` counts the calls running. */
export const CROSS = { left: JS_STACK_BUDGET, active: 0 };

/** The estimate of compiled function `fi` of a compiled module (0 when it is not compiled). */
export function frameBytes(j: { frameBytes: Int32Array }, fi: number): number {
  return j.frameBytes[fi];
}
