// Hex digits of a safe integer. V8's Number.prototype.toString(16) goes through its general
// double-to-radix conversion, ~0.5-1 us for a value past 2^32 (a dict key such as a
// timestamp or an amount); two 32-bit halves take a fraction of that, with the same digits.

/** x.toString(16) for a safe integer x. */
export function intHex(x: number): string {
  const a = x < 0 ? -x : x;
  if (a < 4294967296) return x.toString(16);
  const hi = Math.floor(a / 4294967296);
  const lo = (a - hi * 4294967296).toString(16);
  return (x < 0 ? '-' : '') + hi.toString(16) + '00000000'.slice(lo.length) + lo;
}
