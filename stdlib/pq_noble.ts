// The signature implementations behind stdlib/pq_algs.ts, by FIPS name. Kept apart and
// reached only through nobleImpl() so the CLI bundle can leave @noble/post-quantum (and its
// start-up table building) uninitialized for contracts that never verify a signature
// (scripts/build.mjs makes this module's import lazy there).
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import * as slh from '@noble/post-quantum/slh-dsa.js';

export interface PqImpl {
  lengths: { publicKey?: number; signature?: number };
  verify(sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array): boolean;
}

const BY_NAME: Readonly<Record<string, PqImpl>> = {
  'ML-DSA-44': ml_dsa44,
  'ML-DSA-65': ml_dsa65,
  'ML-DSA-87': ml_dsa87,
  'SLH-DSA-SHA2-128s': slh.slh_dsa_sha2_128s,
  'SLH-DSA-SHA2-128f': slh.slh_dsa_sha2_128f,
  'SLH-DSA-SHA2-192s': slh.slh_dsa_sha2_192s,
  'SLH-DSA-SHA2-192f': slh.slh_dsa_sha2_192f,
  'SLH-DSA-SHA2-256s': slh.slh_dsa_sha2_256s,
  'SLH-DSA-SHA2-256f': slh.slh_dsa_sha2_256f,
  'SLH-DSA-SHAKE-128s': slh.slh_dsa_shake_128s,
  'SLH-DSA-SHAKE-128f': slh.slh_dsa_shake_128f,
  'SLH-DSA-SHAKE-192s': slh.slh_dsa_shake_192s,
  'SLH-DSA-SHAKE-192f': slh.slh_dsa_shake_192f,
  'SLH-DSA-SHAKE-256s': slh.slh_dsa_shake_256s,
  'SLH-DSA-SHAKE-256f': slh.slh_dsa_shake_256f,
};

export function nobleImpl(name: string): PqImpl {
  const impl = BY_NAME[name];
  if (impl === undefined) throw new Error(`no implementation for signature algorithm ${name}`);
  return impl;
}
