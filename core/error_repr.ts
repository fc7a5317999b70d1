// The operand an error message names (KeyError(k), "x is not in list"). CPython renders it
// with repr(); so does this, through repr()'s own walk and formula (the `repr` builtin's table
// entry: G_RENDER_WORD per word of text, G_CONVERT_STEP per convert step of a big int), charged
// as the text grows and bounded by max_value_depth. A message therefore costs what repr(x)
// costs, fails (RecursionError, out of gas) at the same point on every host, and never walks
// a value with the host's own recursion (JS String() of a nested array overflowed the native
// stack at a depth that depends on --stack-size).
import { BUILTIN_BY_NAME } from '../spec/table.js';
import { repr, reprStr } from './builtins/format.js';
import type { Machine } from './machine.js';
import type { Value } from './values.js';

const REPR = BUILTIN_BY_NAME.get('repr')!.dynamic;

/**
 * repr(v) for an error message, charged as repr() is. Without a machine (a str.format field's
 * `[key]`, whose key is text of the format string, already paid for) only a str or an int can
 * reach here.
 */
export function reprForError(v: Value, m: Machine | undefined): string {
  if (m !== undefined) return repr(m, v, REPR.words, REPR.convert_steps);
  return typeof v === 'string' ? reprStr(v) : String(v);
}
