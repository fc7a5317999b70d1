// Post-quantum signature algorithms contracts can name, by id or by FIPS name. The ids are
// consensus (they enter pq.address); spec/STDLIB.md §5 lists them.
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import * as slh from '@noble/post-quantum/slh-dsa.js';
import { CONSTANTS } from '../spec/table.js';

export interface PqAlg {
  id: number;
  name: string;
  publicKeyBytes: number;
  signatureBytes: number;
  /** gas on top of pq.verify's base and per-word parts */
  surcharge: number;
  verify(sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array): boolean;
}

interface Impl {
  lengths: { publicKey?: number; signature?: number };
  verify(sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array): boolean;
}

function alg(id: number, name: string, impl: Impl, surcharge: number): PqAlg {
  return {
    id,
    name,
    publicKeyBytes: impl.lengths.publicKey!,
    signatureBytes: impl.lengths.signature!,
    surcharge,
    verify: (s, m, p) => {
      // The lengths are checked by the caller; a throw on other malformed encodings is the
      // same verdict as a bad signature, and the same for every node.
      try {
        return impl.verify(s, m, p);
      } catch {
        return false;
      }
    },
  };
}

const SHA2 = CONSTANTS.PQ_SLH_SHA2_SURCHARGE;
const SHAKE = CONSTANTS.PQ_SLH_SHAKE_SURCHARGE;

export const PQ_ALGS: readonly PqAlg[] = [
  alg(0x01, 'ML-DSA-44', ml_dsa44, 0),
  alg(0x02, 'ML-DSA-65', ml_dsa65, 0),
  alg(0x03, 'ML-DSA-87', ml_dsa87, 0),
  alg(0x10, 'SLH-DSA-SHA2-128s', slh.slh_dsa_sha2_128s, SHA2),
  alg(0x11, 'SLH-DSA-SHA2-128f', slh.slh_dsa_sha2_128f, SHA2),
  alg(0x12, 'SLH-DSA-SHA2-192s', slh.slh_dsa_sha2_192s, SHA2),
  alg(0x13, 'SLH-DSA-SHA2-192f', slh.slh_dsa_sha2_192f, SHA2),
  alg(0x14, 'SLH-DSA-SHA2-256s', slh.slh_dsa_sha2_256s, SHA2),
  alg(0x15, 'SLH-DSA-SHA2-256f', slh.slh_dsa_sha2_256f, SHA2),
  alg(0x20, 'SLH-DSA-SHAKE-128s', slh.slh_dsa_shake_128s, SHAKE),
  alg(0x21, 'SLH-DSA-SHAKE-128f', slh.slh_dsa_shake_128f, SHAKE),
  alg(0x22, 'SLH-DSA-SHAKE-192s', slh.slh_dsa_shake_192s, SHAKE),
  alg(0x23, 'SLH-DSA-SHAKE-192f', slh.slh_dsa_shake_192f, SHAKE),
  alg(0x24, 'SLH-DSA-SHAKE-256s', slh.slh_dsa_shake_256s, SHAKE),
  alg(0x25, 'SLH-DSA-SHAKE-256f', slh.slh_dsa_shake_256f, SHAKE),
];

export const PQ_BY_ID: ReadonlyMap<number, PqAlg> = new Map(PQ_ALGS.map((a) => [a.id, a]));
export const PQ_BY_NAME: ReadonlyMap<string, PqAlg> = new Map(PQ_ALGS.map((a) => [a.name, a]));
