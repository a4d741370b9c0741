import { describe, expect, it } from '@jest/globals';
import { TickBatcher } from './tick-batcher.js';

describe('TickBatcher', () => {
  it('runs the lookups of one turn as one batch, each caller getting its own answer', async () => {
    const batches: number[][] = [];
    const batcher = new TickBatcher<number, string>((keys) => {
      batches.push(keys);
      return Promise.resolve(new Map(keys.filter((key) => key % 2 === 0).map((key) => [key, `v${key}`])));
    });
    const answers = await Promise.all([1, 2, 3, 4, 2].map((key) => batcher.load(key)));
    expect(answers).toEqual([undefined, 'v2', undefined, 'v4', 'v2']);
    expect(batches).toEqual([[1, 2, 3, 4]]); // the repeated key looked up once
    // The next turn is a batch of its own.
    expect(await batcher.load(6)).toBe('v6');
    expect(batches).toEqual([[1, 2, 3, 4], [6]]);
  });

  it('fails every caller of a failed batch, and the next batch runs anew', async () => {
    let fail = true;
    const batcher = new TickBatcher<number, number>((keys) => (fail ? Promise.reject(new Error('database down')) : Promise.resolve(new Map(keys.map((key) => [key, key])))));
    const results = await Promise.allSettled([batcher.load(1), batcher.load(2)]);
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected']);
    fail = false;
    expect(await batcher.load(3)).toBe(3);
  });

  it('flushes at once when a batch is full', async () => {
    const sizes: number[] = [];
    const batcher = new TickBatcher<number, number>((keys) => {
      sizes.push(keys.length);
      return Promise.resolve(new Map<number, number>());
    }, 3);
    await Promise.all([1, 2, 3, 4, 5].map((key) => batcher.load(key)));
    expect(sizes).toEqual([3, 2]);
  });
});
