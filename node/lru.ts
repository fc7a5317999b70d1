// A small least-recently-used cache for compiled and decoded code: results depend only on the
// key, so a hit or a miss never changes an outcome.

const CACHE_SIZE = 64;

export function remember<T>(cache: Map<string, T>, key: string, make: () => T): T {
  const hit = cache.get(key);
  if (hit !== undefined) {
    // refresh: Map iteration order is insertion order, so the first key is the least recent
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const v = make();
  cache.set(key, v);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return v;
}
