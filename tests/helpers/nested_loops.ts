// A chain of private functions `_c0` .. `_c<depth>`, each looping over `_c<k-1>`: call depth
// and loop work grow together, which is what the tier's call and budget paths are tested on.
export function nestedLoopChain(depth: number): string {
  const fns = ['def _c0(n: int) -> int:\n    t = 0\n    for i in range(n):\n        t = t + i\n    return t\n'];
  for (let k = 1; k <= depth; k++) {
    fns.push(`def _c${k}(n: int) -> int:\n    t = 0\n    for i in range(n):\n        t = t + _c${k - 1}(i)\n    return t\n`);
  }
  return fns.join('\n');
}
