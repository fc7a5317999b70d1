// A guard against pathologically deep sources: the converter, checker and compiler recurse
// over the tree, so a source nested thousands of levels deep would exhaust the JS stack.
// Measured iteratively on the lezer tree, before any recursion.
import type { Tree } from '@lezer/common';

/** Deeper than any real contract (CPython itself stops at 200 nested parentheses). */
export const MAX_TREE_DEPTH = 400;

/** Offset of the first node deeper than `max`, or -1. */
export function findTooDeep(tree: Tree, max = MAX_TREE_DEPTH): number {
  const c = tree.cursor();
  let depth = 0;
  for (;;) {
    if (depth > max) return c.from;
    if (c.firstChild()) {
      depth++;
      continue;
    }
    while (!c.nextSibling()) {
      if (!c.parent()) return -1;
      depth--;
    }
  }
}
