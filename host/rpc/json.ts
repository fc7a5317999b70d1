// JSON forms of the node's data for the RPC: bytes as 0x-hex, integers beyond JSON's safe
// range (and every bigint) as decimal strings, maps with their keys as given.
import { bytesToHex, hexToBytes } from '../../core/hex.js';
import { AbiError } from '../../spec/errors.js';

export type J = null | boolean | number | string | J[] | { [k: string]: J };

export function toJson(v: unknown, depth = 0): J {
  if (depth > 64) throw new AbiError('value nests too deep for JSON');
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isSafeInteger(v) ? v : String(v);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof Uint8Array) return '0x' + bytesToHex(v);
  if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), toJson(x, depth + 1)]));
  if (Array.isArray(v)) return v.map((x) => toJson(x, depth + 1));
  if (typeof v === 'object') {
    const o: { [k: string]: J } = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) if (x !== undefined) o[k] = toJson(x, depth + 1);
    return o;
  }
  throw new AbiError(`cannot put a ${typeof v} in JSON`);
}

/** 0x-hex (or bare hex) -> bytes; `len` checks the length. */
export function bytesParam(v: unknown, name: string, len?: number): Uint8Array {
  if (typeof v !== 'string' || !/^(0x)?([0-9a-fA-F]{2})*$/.test(v)) throw new AbiError(`${name} must be 0x-hex bytes`);
  const b = hexToBytes(v.replace(/^0x/, '').toLowerCase());
  if (len !== undefined && b.length !== len) throw new AbiError(`${name} must be ${len} bytes, got ${b.length}`);
  return b;
}

/** a non-negative integer given as a JSON number or a decimal / 0x string */
export function bigParam(v: unknown, name: string): bigint {
  if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === 'string' && /^(0x[0-9a-fA-F]+|[0-9]+)$/.test(v)) return BigInt(v);
  throw new AbiError(`${name} must be a non-negative integer (number, decimal string or 0x-hex)`);
}

export function intParam(v: unknown, name: string): number {
  const n = bigParam(v, name);
  if (n > BigInt(Number.MAX_SAFE_INTEGER)) throw new AbiError(`${name} must be a safe integer`);
  return Number(n);
}
