// Post-quantum signature algorithms contracts can name, by id or by FIPS name. The ids and
// the key and signature sizes (FIPS 204 / 205) are consensus: the ids enter pq.address and
// the sizes decide which inputs are checked at all, so they are written here rather than
// read from the library (tests/pq.test.ts checks they agree). spec/STDLIB.md §5 lists them.
import { PQ_UNITS } from '../spec/pq_units.js';
import { STDLIB_BY_NAME } from '../spec/table.js';
import { nobleImpl } from './pq_noble.js';

export interface PqAlg {
  id: number;
  name: string;
  publicKeyBytes: number;
  signatureBytes: number;
  /** gas on top of pq.verify's base and per-word parts: its units of work (spec/pq_units.ts) at PQ_VERIFY_PER_UNIT */
  surcharge: number;
  verify(sig: Uint8Array, msg: Uint8Array, publicKey: Uint8Array): boolean;
}

function alg(id: number, name: string, publicKeyBytes: number, signatureBytes: number): PqAlg {
  return {
    id,
    name,
    publicKeyBytes,
    signatureBytes,
    surcharge: PQ_UNITS[name] * PER_UNIT,
    verify: (s, m, p) => {
      const impl = nobleImpl(name); // outside the try: a library that fails to load is not a verdict
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

// each parameter set's work: pq.verify's pq_units measure (spec/pq_units.ts), at its price
const PER_UNIT = STDLIB_BY_NAME.get('pq.verify')!.dynamic.pq_units;

export const PQ_ALGS: readonly PqAlg[] = [
  alg(0x01, 'ML-DSA-44', 1312, 2420),
  alg(0x02, 'ML-DSA-65', 1952, 3309),
  alg(0x03, 'ML-DSA-87', 2592, 4627),
  alg(0x10, 'SLH-DSA-SHA2-128s', 32, 7856),
  alg(0x11, 'SLH-DSA-SHA2-128f', 32, 17088),
  alg(0x12, 'SLH-DSA-SHA2-192s', 48, 16224),
  alg(0x13, 'SLH-DSA-SHA2-192f', 48, 35664),
  alg(0x14, 'SLH-DSA-SHA2-256s', 64, 29792),
  alg(0x15, 'SLH-DSA-SHA2-256f', 64, 49856),
  alg(0x20, 'SLH-DSA-SHAKE-128s', 32, 7856),
  alg(0x21, 'SLH-DSA-SHAKE-128f', 32, 17088),
  alg(0x22, 'SLH-DSA-SHAKE-192s', 48, 16224),
  alg(0x23, 'SLH-DSA-SHAKE-192f', 48, 35664),
  alg(0x24, 'SLH-DSA-SHAKE-256s', 64, 29792),
  alg(0x25, 'SLH-DSA-SHAKE-256f', 64, 49856),
];

export const PQ_BY_ID: ReadonlyMap<number, PqAlg> = new Map(PQ_ALGS.map((a) => [a.id, a]));
export const PQ_BY_NAME: ReadonlyMap<string, PqAlg> = new Map(PQ_ALGS.map((a) => [a.name, a]));
