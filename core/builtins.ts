// Builtin functions (CALL_BUILTIN), indexed by the id the gas table assigns to each name.
// Arguments are a[base .. base+argc); the compiler has already filled in defaults for the
// builtins that take keywords (see compiler/lower.ts CALL_SIGS). Gas: the wrapper charges
// the table's `base`; each implementation charges `per_item` times the items (or 32-byte
// words of bytes/str) it touches before doing the work.
import { BUILTINS } from '../spec/table.js';
import { CONVERT, type Impl } from './builtins/convert.js';
import { ITERABLES } from './builtins/iterables.js';
import { NUMERIC } from './builtins/numeric.js';
import { RADIX } from './builtins/radix.js';
import { ROUND } from './builtins/round.js';
import { sliceStep } from './builtins/slice_step.js';
import { reversedLive } from './builtins/reversed_live.js';
import { dictKey } from './builtins/dict_key.js';
import { sliceDel, sliceSet } from './builtins/slice_set.js';
import { unpackStar } from './builtins/unpack_star.js';
import { dictFromkeys } from './builtins/dict_fromkeys.js';
import { zipStar } from './builtins/zip_star.js';
import { pricedTable, type Dispatch } from './priced.js';

export { arity } from './builtins/util.js';

export type BuiltinImpl = Dispatch;

const IMPLS: Record<string, Impl> = {
  ...CONVERT,
  ...NUMERIC,
  ...ITERABLES,
  ...RADIX,
  ...ROUND,
  'slice.step': sliceStep,
  'reversed.live': reversedLive,
  'dict.key': dictKey,
  'slice.set': sliceSet,
  'slice.del': sliceDel,
  'unpack.star': unpackStar,
  'dict.fromkeys': dictFromkeys,
  'zip.star': zipStar,
};

export const BUILTIN_NAMES_IMPLEMENTED: ReadonlySet<string> = new Set(Object.keys(IMPLS));

export const BUILTIN_IMPLS: BuiltinImpl[] = pricedTable('builtin', BUILTINS, IMPLS);
