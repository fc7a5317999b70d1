// Output for people and for tools. Human output is short and names what happened; JSON
// output is one object on the last line of stdout.
import { DiagnosticsError, VmPyError } from '../spec/errors.js';
import { valueToJson, type Json } from '../node/abi/json.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import type { Receipt } from '../node/execute.js';
import { bytesToHex } from '../core/hex.js';
import { callNodeText } from './calltree.js';
import { renderDiagnostic, Source } from '../validate/source.js';
import { formatTraceback, framesOf } from '../testing/traceback.js';
import type { Value } from '../core/values.js';

const utf8d = new TextDecoder('utf-8', { fatal: false });

export interface DecodedEvent {
  name: string;
  args: Record<string, Json>;
}

export function decodeEvents(r: Receipt): DecodedEvent[] {
  return r.logs.map(decodeEvent);
}

function decodeEvent(l: Receipt['logs'][number]): DecodedEvent {
  const args: Record<string, Json> = Object.create(null);
  for (const [k, v] of decodeEventData(l.data)) args[k] = valueToJson(v as Value);
  return { name: utf8d.decode(l.name), args };
}

/** The receipt as JSON; its `events` are made one by one when receiptJsonText writes them. */
export function receiptJson(r: Receipt, extra: Record<string, Json> = {}): Record<string, Json> {
  const out: Record<string, Json> = { ok: r.status === 'SUCCESS', status: r.status };
  if (r.status === 'SUCCESS') out.return = r.returnValue === undefined ? null : valueToJson(r.returnValue);
  out.returnHex = '0x' + bytesToHex(r.returnData);
  out.gasUsed = r.gasUsed;
  out.events = EVENTS;
  if (r.refund) out.refund = r.refund;
  if (r.error) {
    const err: Record<string, Json> = { code: r.error.code, message: r.error.message };
    if (r.error.kind) err.kind = r.error.kind;
    if (r.error.location) err.location = { ...r.error.location } as Json;
    if (r.error.traceback) err.traceback = r.error.traceback.map((f) => ({ function: f.function, ...(f.location ?? {}) })) as Json;
    out.error = err;
  }
  if (r.revertReason) out.revertReason = '0x' + bytesToHex(r.revertReason);
  return { ...out, ...extra };
}

/** Stands for the events in receiptJson's object until receiptJsonText writes them. */
const EVENTS: Json = [];
/** Stands for the call tree (`calls`, the receipt's r.calls) until receiptJsonText writes it, call by call. */
export const CALLS: Json = [];

/**
 * JSON.stringify(j) for j from receiptJson(r, ...), in pieces: each event (with its data, as
 * `vm-py decode --event` reads it back) is made when it is written, so a call's 1,024 events
 * of 64 KB never sit in memory as one text; nor does a call tree (CALLS), written call by call. Bytes are written as hex digits straight into a
 * buffer (JSON strings of hex need no escaping): no string per byte, no UTF-8 re-encoding.
 */
export function* receiptJsonText(r: Receipt, j: Record<string, Json>): Generator<string | Uint8Array> {
  let sep = '{';
  for (const k of Object.keys(j)) {
    const v = j[k];
    if (v === undefined) continue;
    if (v === CALLS) {
      yield `${sep}${JSON.stringify(k)}:[`;
      sep = ',';
      const calls = r.calls ?? [];
      for (let i = 0; i < calls.length; i++) yield (i ? ',' : '') + callNodeText(calls[i]);
      yield ']';
      continue;
    }
    if (v !== EVENTS) {
      yield `${sep}${JSON.stringify(k)}:${JSON.stringify(v)}`;
      sep = ',';
      continue;
    }
    yield `${sep}${JSON.stringify(k)}:[`;
    sep = ',';
    for (let i = 0; i < r.logs.length; i++) yield* eventJsonText(r.logs[i], i ? ',' : '');
    yield ']';
  }
  yield sep === '{' ? '{}' : '}';
}

/** JSON.stringify({ name, args, data }) of one log, bytes as quoted 0x-hex. */
function* eventJsonText(l: Receipt['logs'][number], pre: string): Generator<string | Uint8Array> {
  let head = `${pre}{"name":${JSON.stringify(utf8d.decode(l.name))},"args":{`;
  let comma = '';
  const fields = decodeEventData(l.data);
  for (let i = 0; i < fields.length; i++) {
    const k = fields[i][0];
    const v = fields[i][1];
    if (v instanceof Uint8Array) {
      yield `${head}${comma}${JSON.stringify(k)}:`;
      yield quotedHex(v);
      head = '';
    } else head += `${comma}"${k}":${scalarJson(v)}`; // k: an ASCII identifier (the decoder checks), no escaping
    comma = ',';
  }
  yield `${head}},"data":`;
  yield quotedHex(l.data);
  yield '}';
}

/** JSON.stringify(valueToJson(v)) of an event's int, bool, str or None, without the detour for ints. */
function scalarJson(v: Value): string {
  if (typeof v === 'bigint') return `"${v}"`; // decimal digits and '-' need no escaping
  if (typeof v === 'number') return v === 0 ? '0' : String(v);
  return JSON.stringify(v);
}

const DIGITS = Uint8Array.from('0123456789abcdef', (c) => c.charCodeAt(0));

/** `"0x..."` as UTF-8 bytes. */
function quotedHex(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(2 * b.length + 4);
  out[0] = 0x22;
  out[1] = 0x30;
  out[2] = 0x78;
  for (let i = 0, o = 3; i < b.length; i++, o += 2) {
    out[o] = DIGITS[b[i] >>> 4];
    out[o + 1] = DIGITS[b[i] & 15];
  }
  out[out.length - 1] = 0x22;
  return out;
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
  for (const l of r.logs) {
    const e = decodeEvent(l);
    lines.push(`event ${e.name} ${JSON.stringify(e.args)}`);
  }
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
