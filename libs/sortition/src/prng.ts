import { createHmac } from 'node:crypto';

/**
 * The public draw's random number generator, specified so anyone can reimplement it:
 *
 *   block_i = HMAC-SHA256(key = UTF-8(seed), message = UTF-8("pnyx-draw-v1:" + lotteryDigest + ":" + i))
 *
 * for i = 0, 1, 2, … (decimal, no padding; lotteryDigest in lower-case hex). The blocks are read
 * as consecutive 32-bit big-endian unsigned integers x_0, x_1, … To draw an index below m:
 * reject x ≥ 2^32 − (2^32 mod m), otherwise return x mod m (rejection sampling: every index
 * equally likely, no modulo bias). The seed is used exactly as entered.
 */
export class HmacCounterRandom {
  private counter = 0;
  private buffer = Buffer.alloc(0);
  private offset = 0;

  constructor(
    private readonly seed: string,
    private readonly context: string,
  ) {}

  private nextUint32(): number {
    if (this.offset + 4 > this.buffer.length) {
      this.buffer = createHmac('sha256', Buffer.from(this.seed, 'utf8'))
        .update(`pnyx-draw-v1:${this.context}:${this.counter}`, 'utf8')
        .digest();
      this.counter += 1;
      this.offset = 0;
    }
    const value = this.buffer.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  /** A uniform integer in [0, bound). */
  below(bound: number): number {
    if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) throw new RangeError(`bound must be an integer in [1, 2^32] (got ${bound})`);
    const limit = 2 ** 32 - (2 ** 32 % bound);
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % bound;
    }
  }
}

/** Randomness as a port: algorithms never call Math.random. */
export interface RandomSource {
  /** A uniform integer in [0, bound). */
  below(bound: number): number;
}
