// Work of one pq.verify per parameter set, in units (the `pq_units` measure, priced at
// PQ_VERIFY_PER_UNIT): the verification's CPU time with @noble/post-quantum, in steps of
// 10 us, measured on the reference host (Node 20, 2 shared cores, the same run as the
// arithmetic baseline's 1.8 ns per gas), with a margin for the worst case an attacker can
// choose: x1.2 for ML-DSA (valid signatures: 1.3 / 1.8 / 2.9 ms), x1.5 for SLH-DSA, whose
// WOTS chains lengthen with the message digest's digits (2.2-9.9 ms SHA2, 10.7-48.7 ms
// SHAKE). Before, SLH-DSA paid 60,000 or 300,000 gas whatever its size (27-141x the
// baseline's ns per gas) and ML-DSA ~11,000 (9-130x). Consensus: spec/STDLIB.md §6 lists them.
export const PQ_UNITS: Readonly<Record<string, number>> = {
  'ML-DSA-44': 160,
  'ML-DSA-65': 218,
  'ML-DSA-87': 345,
  'SLH-DSA-SHA2-128s': 327,
  'SLH-DSA-SHA2-128f': 916,
  'SLH-DSA-SHA2-192s': 552,
  'SLH-DSA-SHA2-192f': 1381,
  'SLH-DSA-SHA2-256s': 731,
  'SLH-DSA-SHA2-256f': 1482,
  'SLH-DSA-SHAKE-128s': 1603,
  'SLH-DSA-SHAKE-128f': 4887,
  'SLH-DSA-SHAKE-192s': 2306,
  'SLH-DSA-SHAKE-192f': 7304,
  'SLH-DSA-SHAKE-256s': 3513,
  'SLH-DSA-SHAKE-256f': 7304,
};

/** The most units any parameter set takes (the static estimator's bound). */
export const PQ_MAX_UNITS = Math.max(...Object.values(PQ_UNITS));
