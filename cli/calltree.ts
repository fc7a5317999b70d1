// The call tree of a receipt (spec/CALLS.md §8) for people and tools, and --trace across
// frames: each nested frame's instructions, indented, between a line that opens the frame
// and one that closes it.
import type { Json } from '../node/abi/json.js';
import type { CallNode } from '../node/execute.js';
import type { FrameTrace } from '../node/calls.js';
import type { LoadedModule } from '../core/load.js';
import { bytesToHex } from '../core/hex.js';
import { traceSession } from './trace.js';

const short = (a: Uint8Array) => {
  const h = bytesToHex(a);
  return `0x${h.slice(0, 8)}…${h.slice(-4)}`;
};

function outcome(c: CallNode): string {
  if (c.status === 'SUCCESS') return `SUCCESS -> 0x${bytesToHex(c.returnData)}`;
  if (c.status === 'REVERT') return `REVERT ${describe(c.revertReason)}`;
  if (c.status === 'ERROR') return `ERROR ${c.kind ?? ''}`.trimEnd();
  return 'OOG';
}

function describe(reason: Uint8Array | null): string {
  if (!reason || reason.length === 0) return '(no reason)';
  const printable = reason.every((b) => b >= 0x20 && b < 0x7f);
  // one char at a time: a spread of a long reason into arguments overflows the stack
  let text = '';
  if (printable) for (const b of reason) text += String.fromCharCode(b);
  return printable ? JSON.stringify(text) : `0x${bytesToHex(reason)}`;
}

/** One line per call, indented by depth, in call order. */
export function callTreeLines(calls: readonly CallNode[], depth = 1): string[] {
  const out: string[] = [];
  for (const c of calls) {
    const value = c.value > 0n ? ` value ${c.value}` : '';
    const kind = c.static ? 'static_call' : 'call';
    out.push(`${'  '.repeat(depth)}${kind} ${short(c.to)}.${c.fn}()${value} gas ${c.gasUsed}/${c.gas} ${outcome(c)}`);
    out.push(...callTreeLines(c.calls, depth + 1));
  }
  return out;
}

export function callTreeJson(calls: readonly CallNode[]): Json {
  return calls.map((c) => ({
    to: '0x' + bytesToHex(c.to),
    fn: c.fn,
    ...(c.value > 0n ? { value: c.value.toString() } : {}),
    static: c.static,
    gas: c.gas,
    gasUsed: c.gasUsed,
    status: c.status,
    returnHex: '0x' + bytesToHex(c.returnData),
    ...(c.revertReason ? { revertReason: '0x' + bytesToHex(c.revertReason) } : {}),
    ...(c.kind ? { kind: c.kind } : {}),
    calls: callTreeJson(c.calls),
  })) as Json;
}

/**
 * JSON.stringify(callTreeJson([c])[0]), written directly: a receipt may hold a call per
 * ~700 gas (try_call to nobody), each one written as the receipt is (cli/render.ts).
 */
export function callNodeText(c: CallNode): string {
  let s = `{"to":"0x${bytesToHex(c.to)}","fn":${JSON.stringify(c.fn)}`;
  if (c.value > 0n) s += `,"value":"${c.value}"`;
  s += `,"static":${c.static},"gas":${c.gas},"gasUsed":${c.gasUsed},"status":${JSON.stringify(c.status)},"returnHex":"0x${bytesToHex(c.returnData)}"`;
  if (c.revertReason) s += `,"revertReason":"0x${bytesToHex(c.revertReason)}"`;
  if (c.kind) s += `,"kind":${JSON.stringify(c.kind)}`;
  let inner = '';
  for (let i = 0; i < c.calls.length; i++) inner += (i ? ',' : '') + callNodeText(c.calls[i]);
  return `${s},"calls":[${inner}]}`;
}

/** --trace for nested frames: the callee's instructions, indented by depth. */
export function nestedTracer(emit: (line: string) => void) {
  return (module: LoadedModule, depth: number, address: Uint8Array, fn: string, gas: number): FrameTrace => {
    const pad = '  '.repeat(depth);
    emit(`${pad}--> ${short(address)}.${fn}()  depth ${depth}  gas ${gas}`);
    const s = traceSession(module, undefined, (line) => emit(pad + line));
    return {
      tracer: s.tracer,
      finish: (status, gasUsed, gasLeft) => {
        s.finish(gasLeft);
        emit(`${pad}<-- ${short(address)}.${fn}()  ${status}  used ${gasUsed}`);
      },
    };
  };
}
