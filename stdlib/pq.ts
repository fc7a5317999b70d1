// stdlib.pq (also pq_verify): post-quantum signature checks and address derivation.
//   verify(alg, pubkey, msg, sig) -> bool: FIPS 204 ML-DSA / FIPS 205 SLH-DSA, pure mode,
//     empty context. A key or signature of the wrong length is simply False.
//   address(alg, pubkey) -> sha3_256(u16be(alg id) || pubkey)[:address_bytes]
// `alg` is an id or a FIPS name (stdlib/pq_algs.ts). Prices in spec/GAS.md §5.
import { sha3_256 } from '@noble/hashes/sha3.js';
import { StateError, VmError } from '../spec/errors.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import type { Machine, StdImpl } from '../core/machine.js';
import { typeName, type Value } from '../core/values.js';
import { needBytes, words } from './args.js';
import { PQ_BY_ID, PQ_BY_NAME, type PqAlg } from './pq_algs.js';

const VERIFY = STDLIB_BY_NAME.get('pq.verify')!;
const ADDRESS = STDLIB_BY_NAME.get('pq.address')!;

function needAlg(fn: string, v: Value): PqAlg {
  let a: PqAlg | undefined;
  if (typeof v === 'number') a = PQ_BY_ID.get(v);
  else if (typeof v === 'string') a = PQ_BY_NAME.get(v);
  else if (typeof v !== 'bigint') throw new VmError('TypeError', `${fn}() argument 'alg' must be int or str, not ${typeName(v)}`);
  if (!a) throw new VmError('ValueError', `${fn}(): unknown signature algorithm ${typeof v === 'string' ? JSON.stringify(v) : String(v)}`);
  return a;
}

export function pqAddress(alg: PqAlg, pubkey: Uint8Array, addressBytes: number): Uint8Array {
  const pre = new Uint8Array(2 + pubkey.length);
  pre[0] = alg.id >> 8;
  pre[1] = alg.id & 0xff;
  pre.set(pubkey, 2);
  return sha3_256(pre).slice(0, addressBytes);
}

export const verify: StdImpl = (m, a, b) => {
  const alg = needAlg('pq.verify', a[b]);
  const pk = needBytes('pq.verify', 'pubkey', a[b + 1]);
  const msg = needBytes('pq.verify', 'msg', a[b + 2]);
  const sig = needBytes('pq.verify', 'sig', a[b + 3]);
  const total = pk.length + msg.length + sig.length;
  if (total > m.limits.max_syscall_in_bytes) throw new VmError('ValueError', `pq.verify(): ${total} input bytes, the cap is ${m.limits.max_syscall_in_bytes}`);
  m.charge(VERIFY.base + alg.surcharge + VERIFY.dynamic.words * (words(pk.length) + words(msg.length) + words(sig.length)));
  if (pk.length !== alg.publicKeyBytes || sig.length !== alg.signatureBytes) return false;
  return alg.verify(sig, msg, pk);
};

export const address: StdImpl = (m: Machine, a, b) => {
  const alg = needAlg('pq.address', a[b]);
  const pk = needBytes('pq.address', 'pubkey', a[b + 1]);
  if (pk.length !== alg.publicKeyBytes)
    throw new VmError('ValueError', `pq.address(): a ${alg.name} public key is ${alg.publicKeyBytes} bytes, got ${pk.length}`);
  m.charge(ADDRESS.base + ADDRESS.dynamic.words * words(2 + pk.length));
  if (m.limits.address_bytes > 32) throw new StateError(`pq.address() derives at most 32 bytes; limits.address_bytes is ${m.limits.address_bytes}`);
  return pqAddress(alg, pk, m.limits.address_bytes);
};
