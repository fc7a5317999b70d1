// Function selectors of animica:abi:v1 (spec/ABI.md §3). Lives in compiler/ because the
// IR export table is keyed by selector; it must not import runtime/ (a later stage), so the
// caller passes parameter types already in canonical form (int bool bytes str address
// list<T> tuple(T,...)) — runtime/abi/types.ts canonicalTypeName produces them.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { AbiError } from '../spec/errors.js';

export const SELECTOR_DOMAIN = 'animica:abi:v1|';
export const SELECTOR_LENGTH = 8;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
// Canonical type names only: lowercase base names and the list/tuple brackets, no spaces.
const CANONICAL_TYPE = /^[a-z<>(),]+$/;

/** `name(type,type)`, the string the selector hashes. */
export function signatureOf(name: string, canonicalParamTypes: readonly string[]): string {
  if (!IDENT.test(name)) throw new AbiError(`function name ${JSON.stringify(name)} is not an identifier`);
  for (const t of canonicalParamTypes) {
    if (!CANONICAL_TYPE.test(t)) throw new AbiError(`parameter type ${JSON.stringify(t)} of ${name} is not in canonical form`);
  }
  return `${name}(${canonicalParamTypes.join(',')})`;
}

/** sha3_256(utf8("animica:abi:v1|" + signature))[0..8]. */
export function selectorOf(name: string, canonicalParamTypes: readonly string[]): Uint8Array {
  const sig = SELECTOR_DOMAIN + signatureOf(name, canonicalParamTypes);
  // The signature is ASCII (checked above), so a byte per char is its UTF-8.
  const bytes = new Uint8Array(sig.length);
  for (let i = 0; i < sig.length; i++) bytes[i] = sig.charCodeAt(i);
  return sha3_256(bytes).slice(0, SELECTOR_LENGTH);
}

export function selectorHex(sel: Uint8Array): string {
  let s = '';
  for (const b of sel) s += b.toString(16).padStart(2, '0');
  return s;
}
