/**
 * Largest-remainder apportionment (Hamilton's method): `total` seats shared in proportion to
 * integer `weights`. Each share gets ⌊total·w/W⌋, then the seats left go one each to the largest
 * remainders total·w mod W, ties to the earlier share. Integer arithmetic throughout, so anyone
 * re-running it gets the same seats (total·w stays below 2^53 for any list a city holds).
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`the total must be a whole number ≥ 0 (got ${total})`);
  if (weights.some((w) => !Number.isSafeInteger(w) || w < 0)) throw new RangeError('weights must be whole numbers ≥ 0');
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum === 0) {
    if (total === 0) return weights.map(() => 0);
    throw new RangeError('cannot share seats when every weight is 0');
  }
  if (!Number.isSafeInteger(total * sum)) throw new RangeError('total × weights is too large to share exactly');
  const seats = weights.map((w) => Math.floor((total * w) / sum));
  const remainders = weights.map((w, i) => ({ i, remainder: (total * w) % sum }));
  let left = total - seats.reduce((a, b) => a + b, 0);
  remainders.sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of remainders) {
    if (left === 0) break;
    seats[i] += 1;
    left -= 1;
  }
  return seats;
}
