// vm-py decode: read call payloads, return data and event data with a manifest's ABI, the
// inverse of what `vm-py run` prints (returnHex, calldata) and what receipts carry (logs).
import { readFileSync } from 'node:fs';
import { selectorHex, selectorOf } from '../compiler/selector.js';
import { decodeArgs, decodeValueExact, splitCall } from '../core/abi/codec.js';
import { canonicalTypeName } from '../core/abi/types.js';
import { hexToBytes } from '../core/hex.js';
import type { Value } from '../core/values.js';
import { valueToJson, type Json } from '../node/abi/json.js';
import { normalizeManifest, type AbiFunction, type NormalizedManifest } from '../node/manifest.js';
import { ManifestError } from '../spec/errors.js';
import { decodeEventData } from '../stdlib/event_codec.js';
import { UsageError } from './fail.js';

export interface DecodeArgs {
  manifest: string;
  calldata?: string;
  /** [function name, 0x-hex] */
  return?: string[];
  event?: string;
  /** the event's name, when its fields alone do not say which event it is */
  name?: string;
  json: boolean;
}

function bytesArg(flag: string, text: string): Uint8Array {
  if (!/^0x(?:[0-9a-fA-F]{2})*$/.test(text))
    throw new UsageError(`${flag} must be 0x-hex with an even number of digits, got ${text.length > 40 ? text.slice(0, 37) + '...' : text}`, 'E-ARGS');
  return hexToBytes(text);
}

function readManifest(path: string): NormalizedManifest {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read manifest ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`, 'E-FILE');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ManifestError(`${path}: not valid JSON: ${(e as Error).message}`);
  }
  return normalizeManifest(raw);
}

function named(names: readonly string[], values: readonly Value[]): Record<string, Json> {
  const out: Record<string, Json> = {};
  values.forEach((v, i) => (out[names[i] || `arg${i}`] = valueToJson(v)));
  return out;
}

/** The decoded form as one JSON object; its human text is the same object, indented. */
export function decode(a: DecodeArgs): Record<string, Json> {
  const given = [a.calldata, a.return, a.event].filter((x) => x !== undefined).length;
  if (given !== 1) throw new UsageError('give exactly one of --calldata 0x.., --return <function> 0x.. or --event 0x..');
  const m = readManifest(a.manifest);
  if (a.calldata !== undefined) return decodeCalldata(m, bytesArg('--calldata', a.calldata));
  if (a.return !== undefined) {
    if (a.return.length !== 2) throw new UsageError('--return takes two values: the function name and the 0x-hex return data');
    return decodeReturn(m, a.return[0], bytesArg('--return', a.return[1]));
  }
  return decodeEvent(m, bytesArg('--event', a.event!), a.name);
}

function decodeCalldata(m: NormalizedManifest, data: Uint8Array): Record<string, Json> {
  const { selector, args } = splitCall(data);
  const sel = selectorHex(selector);
  const fn = m.abi.functions.find(
    (f) =>
      selectorHex(
        selectorOf(
          f.name,
          f.inputs.map((p) => canonicalTypeName(p.type)),
        ),
      ) === sel,
  );
  if (!fn)
    throw new UsageError(
      `selector 0x${sel} is not a function of ${m.name} (its functions: ${m.abi.functions.map((f) => f.name).join(', ') || 'none'})`,
      'E-UNKNOWN-FUNCTION',
    );
  const values = decodeArgs(
    fn.inputs.map((p) => p.type),
    args,
  );
  return {
    function: fn.name,
    selector: sel,
    args: named(
      fn.inputs.map((p) => p.name),
      values,
    ),
  };
}

function decodeReturn(m: NormalizedManifest, name: string, data: Uint8Array): Record<string, Json> {
  const fn: AbiFunction | undefined = m.abi.functions.find((f) => f.name === name);
  if (!fn)
    throw new UsageError(
      `${m.name} has no function '${name}' (its functions: ${m.abi.functions.map((f) => f.name).join(', ') || 'none'})`,
      'E-UNKNOWN-FUNCTION',
    );
  const outs = fn.outputs;
  if (outs.length === 0) {
    // a function without outputs returns None, encoded as no bytes (node/execute.ts)
    if (data.length) throw new UsageError(`${name} declares no outputs, so its return data is empty; got ${data.length} bytes`, 'E-ABI');
    return { function: name, return: null };
  }
  if (outs.length === 1) return { function: name, return: valueToJson(decodeValueExact(outs[0].type, data)) };
  // Several outputs (a tuple, or a dict by output name): the outputs' encodings in order.
  const values = decodeArgs(
    outs.map((o) => o.type),
    data,
  );
  return {
    function: name,
    return: outs.every((o) => o.name)
      ? named(
          outs.map((o) => o.name!),
          values,
        )
      : values.map(valueToJson),
  };
}

function decodeEvent(m: NormalizedManifest, data: Uint8Array, name: string | undefined): Record<string, Json> {
  const fields = decodeEventData(data);
  const keys = fields.map(([k]) => k);
  const sameFields = (names: string[]) => names.length === keys.length && [...names].sort().every((n, i) => n === keys[i]);
  const ev = m.abi.events.filter((e) => (name === undefined || e.name === name) && sameFields(e.inputs.map((p) => p.name)));
  if (name !== undefined && !m.abi.events.some((e) => e.name === name)) throw new UsageError(`${m.name} declares no event '${name}'`, 'E-UNKNOWN-EVENT');
  if (ev.length === 0)
    throw new UsageError(
      `no event of ${m.name} has exactly the fields ${keys.join(', ') || '(none)'}${name ? ` (event ${name} does not)` : ''}`,
      'E-UNKNOWN-EVENT',
    );
  if (ev.length > 1) throw new UsageError(`events ${ev.map((e) => e.name).join(', ')} all have the fields ${keys.join(', ')}: name one with --name`, 'E-ARGS');
  const e = ev[0];
  const args: Record<string, Json> = {};
  // declaration order, as a reader of the manifest expects (the encoding sorts the keys)
  for (const p of e.inputs) args[p.name] = valueToJson(fields.find(([k]) => k === p.name)![1]);
  return { event: e.name, args };
}

export function decodeCommand(a: DecodeArgs, out: (s: string) => void): number {
  const r = decode(a);
  out(a.json ? JSON.stringify(r) : JSON.stringify(r, null, 2));
  return 0;
}
