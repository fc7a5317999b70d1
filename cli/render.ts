// Output for people and for tools. Human output is short and names what happened; JSON
// output is one object on the last line of stdout.
import { DiagnosticsError, VmPyError } from '../spec/errors.js';
import { valueToJson, type Json } from '../node/abi/json.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import type { Receipt } from '../node/execute.js';
import { bytesToHex } from '../core/hex.js';
import { renderDiagnostic, Source } from '../validate/source.js';
import { formatTraceback, framesOf } from '../testing/traceback.js';
import type { Value } from '../core/values.js';

const utf8d = new TextDecoder('utf-8', { fatal: false });

export interface DecodedEvent {
  name: string;
  args: Record<string, Json>;
}

export function decodeEvents(r: Receipt): DecodedEvent[] {
  return r.logs.map((l) => {
    const args: Record<string, Json> = Object.create(null);
    for (const [k, v] of decodeEventData(l.data)) args[k] = valueToJson(v as Value);
    return { name: utf8d.decode(l.name), args };
  });
}

export function receiptJson(r: Receipt, extra: Record<string, Json> = {}): Record<string, Json> {
  const out: Record<string, Json> = { ok: r.status === 'SUCCESS', status: r.status };
  if (r.status === 'SUCCESS') out.return = r.returnValue === undefined ? null : valueToJson(r.returnValue);
  out.returnHex = '0x' + bytesToHex(r.returnData);
  out.gasUsed = r.gasUsed;
  // each event's data too, as `vm-py decode --event` reads it back
  out.events = decodeEvents(r).map((e, i) => ({ ...e, data: '0x' + bytesToHex(r.logs[i].data) })) as unknown as Json;
  if (r.refund) out.refund = r.refund;
  if (r.error) {
    const err: Record<string, Json> = { code: r.error.code, message: r.error.message };
    if (r.error.kind) err.kind = r.error.kind;
    if (r.error.location) err.location = { ...r.error.location } as Json;
    if (r.error.traceback) err.traceback = r.error.traceback.map((f) => ({ function: f.function, ...(f.location ?? {}) })) as Json;
    out.error = err;
  }
  if (r.revertReason) out.revertReason = '0x' + Buffer.from(r.revertReason).toString('hex');
  return { ...out, ...extra };
}

/** `sources`: source text by file name, for the traceback's source lines. */
export function receiptHuman(r: Receipt, fn: string, sources?: ReadonlyMap<string, string>): string {
  const lines: string[] = [];
  // a failure inside the contract: where, frame by frame (the last line below says what)
  if (r.error?.traceback?.length && (r.status !== 'REVERT' || r.error.traceback.length > 1))
    lines.push(formatTraceback(framesOf(r.error, sources ?? new Map())));
  const loc = r.error?.location ? ` at ${r.error.location.file}:${r.error.location.line}` : '';
  if (r.status === 'SUCCESS') {
    const ret = r.returnValue === undefined || r.returnValue === null ? 'None' : JSON.stringify(valueToJson(r.returnValue));
    lines.push(`${fn}() -> ${ret}`);
    lines.push(`return data: 0x${bytesToHex(r.returnData)}`);
  } else if (r.status === 'REVERT') lines.push(`${fn}() reverted${loc}: ${r.error?.message.replace(/^reverted: /, '')}`);
  else if (r.status === 'OOG') lines.push(`${fn}() ran out of gas${loc}`);
  else lines.push(`${fn}() failed${loc}: ${r.error?.message}`);
  lines.push(`gas used: ${r.gasUsed}${r.refund ? ` (after a refund of ${r.refund})` : ''}`);
  for (const e of decodeEvents(r)) lines.push(`event ${e.name} ${JSON.stringify(e.args)}`);
  if (r.status !== 'SUCCESS') lines.push('state unchanged');
  return lines.join('\n');
}

/** A one-line human message (with caret excerpts for source diagnostics). */
export function errorHuman(e: VmPyError, src?: Source): string {
  if (e instanceof DiagnosticsError)
    return e.diagnostics.map((d) => renderDiagnostic(d, src)).join('\n') + `\n${e.diagnostics.length} error${e.diagnostics.length === 1 ? '' : 's'}`;
  if (e.location && src) return renderDiagnostic(e, src);
  return `error: ${e.oneLine()}`;
}

export function errorJson(e: VmPyError): Record<string, Json> {
  return { ok: false, status: 'ERROR', error: e.toJSON() as Json };
}
