// sha3_256 for the tries: Node's native one when the host has it (about 6x faster than the
// JS one on 500-byte branch nodes, measured under load: 10 us vs 67 us), else @noble/hashes.
// Both compute the same function (FIPS 202 SHA3-256), so roots do not depend on the host.
// process.getBuiltinModule (Node >= 20.16) is used instead of an import so the package
// entry stays free of Node built-ins and still loads in browsers.
import { sha3_256 as nobleSha3 } from '@noble/hashes/sha3.js';

type NodeCrypto = { createHash(alg: string): { update(b: Uint8Array): { digest(): Uint8Array } } };
const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
const native = proc?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;

export const sha3 = (b: Uint8Array): Uint8Array => {
  if (native === undefined) return nobleSha3(b);
  const d = native.createHash('sha3-256').update(b).digest();
  return new Uint8Array(d.buffer, d.byteOffset, d.length);
};
