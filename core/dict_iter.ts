// Iterating a dict or a dict view: live over the dict, as CPython's dict iterator. No copy of
// the keys is made at the start (ITER_INIT is O(1)); each FOR_ITER step reads the next entry.
import { VmError } from '../spec/errors.js';
import { PyDict, PyDictView, PyTuple, type Value } from './values.js';

/**
 * The state a `for` over a dict (kind 0: keys, 1: values, 2: items) keeps in its loop slot.
 * As CPython's dictiter: every step first checks that the dict's size is the one it had at
 * the start (RuntimeError "dictionary changed size during iteration", also on the step that
 * would end the loop); then it takes the first live entry at or after its position in the
 * dict's entry table; the iterator yields at most as many entries as the dict had, and one
 * more (keys deleted and others added, size unchanged) raises "dictionary keys changed during
 * iteration". A JS Map iterator visits entries in insertion order, skips deleted ones and sees
 * added ones, as CPython's scan of its table does, until CPython compacts the table (a resize
 * on insertion, clear, popitem): then the position counts in the compacted table, and the
 * iterator restarts there (PyDict tracks CPython's layout for this).
 * It is a view of its dict too, so that a loop slot read as a value (IR is untrusted) is still
 * a contract value.
 */
export class DictIter extends PyDictView {
  private it: Iterator<[Value, Value, number]> | null;
  private readonly used: number;
  private left: number;
  /** CPython's di_pos: the table position after the last entry yielded */
  private pos = 0;
  private resizes: number;
  constructor(dict: PyDict, kind: 0 | 1 | 2) {
    super(dict, kind);
    this.it = dict.map.values();
    this.used = this.left = dict.size;
    this.resizes = dict.resizes;
  }

  /** The next item, or undefined once the dict is exhausted. */
  next(): Value | undefined {
    if (this.it === null) return undefined;
    const d = this.dict;
    if (d.size !== this.used) throw new VmError('RuntimeError', 'dictionary changed size during iteration');
    let r: IteratorResult<[Value, Value, number]>;
    if (d.resizes !== this.resizes) {
      // the table was compacted: the first entry now at or after pos (skipping the ones
      // before it walks at most the live entries, paid for by the inserts that forced the resize)
      this.resizes = d.resizes;
      this.it = d.map.values();
      do r = this.it.next();
      while (r.done !== true && r.value[2] < this.pos);
    } else r = this.it.next();
    if (r.done === true) {
      this.it = null;
      return undefined;
    }
    if (this.left === 0) {
      this.it = null;
      throw new VmError('RuntimeError', 'dictionary keys changed during iteration');
    }
    this.left--;
    const e = r.value;
    this.pos = e[2] + 1;
    return this.kind === 0 ? e[0] : this.kind === 1 ? e[1] : new PyTuple([e[0], e[1]]);
  }
}

/**
 * `for k in reversed(d)` (or of a view): CPython's reverse dict iterator. Every step first
 * checks that the dict's size is the one it had at the start (RuntimeError, as the forward
 * iterator); then it walks the entry table down from its position, skipping deleted entries,
 * so keys added by the body (always after the start) are never seen and deleted ones are
 * skipped. The table positions of the entries at the start are kept in order; a compaction
 * (size unchanged: a delete and an insert) renumbers them, and the walk goes on from the same
 * position in the new numbering, as CPython's index into the new table does.
 */
export class DictRevIter extends DictIter {
  private order: [Value, Value, number][];
  /** CPython's di_pos: the next table position to look at (walking down) */
  private rpos: number;
  private idx: number;
  private readonly used0: number;
  private seen: number;
  private done = false;
  constructor(dict: PyDict, kind: 0 | 1 | 2) {
    super(dict, kind);
    this.order = Array.from(dict.map.values());
    this.rpos = dict.nent - 1;
    this.idx = this.order.length - 1;
    this.used0 = dict.size;
    this.seen = dict.resizes;
  }

  /** The entry count the walk starts from (the loop is charged its items up front). */
  get length(): number {
    return this.order.length;
  }

  override next(): Value | undefined {
    if (this.done) return undefined;
    const d = this.dict;
    if (d.size !== this.used0) throw new VmError('RuntimeError', 'dictionary changed size during iteration');
    if (d.resizes !== this.seen) {
      this.seen = d.resizes;
      this.order = Array.from(d.map.values());
      this.idx = this.order.length - 1;
    }
    // the live entry with the greatest position <= rpos (an entry object leaves the map when deleted)
    for (; this.idx >= 0; this.idx--) {
      const e = this.order[this.idx];
      if (e[2] > this.rpos || e[2] < 0) continue;
      this.rpos = e[2] - 1;
      this.idx--;
      return this.kind === 0 ? e[0] : this.kind === 1 ? e[1] : new PyTuple([e[0], e[1]]);
    }
    this.done = true;
    return undefined;
  }
}

/**
 * A list's reverse iterator (CPython's listreviter), stepped by FOR_ITER as the dict iterators
 * are: from the last index down; an index that the body's pops have put past the end, or below
 * zero, ends it. Live: stores into the list are seen. It is a view of an empty dict only so
 * that FOR_ITER steps it as the others; it never becomes a contract value.
 */
export class ListRevIter extends DictIter {
  private i: number;
  constructor(private readonly list: Value[]) {
    super(new PyDict(), 0);
    this.i = list.length - 1;
  }

  override next(): Value | undefined {
    const i = this.i;
    if (i >= 0 && i < this.list.length) {
      this.i = i - 1;
      return this.list[i];
    }
    this.i = -1;
    return undefined;
  }
}
