import { describe, expect, it } from '@jest/globals';
import { runInWorker, SortitionCancelled, type SortitionProgress } from '@app/sortition';
import { loadFixture } from '../../libs/sortition/src/testing/fixtures.js';

// The worker thread runs the built library (`npm test` builds first).
describe('sortition in a worker thread', () => {
  it('computes a distribution off the main thread and reports progress', async () => {
    const progress: SortitionProgress[] = [];
    const result = await runInWorker(
      { kind: 'distribution', instance: loadFixture('example_small_20'), solver: 'glpk', algorithm: 'leximin' },
      { onProgress: (p) => progress.push(p) },
    );
    expect(result.minProbability).toBeCloseTo(0.1, 6);
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['feasibility', 'leximin']));
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const running = runInWorker({ kind: 'distribution', instance: loadFixture('paris_synthetic_2000'), solver: 'glpk', algorithm: 'leximin' }, { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    await expect(running).rejects.toEqual(new SortitionCancelled('cancelled'));
  });

  it('stops at its time budget', async () => {
    const running = runInWorker({ kind: 'distribution', instance: loadFixture('paris_synthetic_2000'), solver: 'glpk', algorithm: 'leximin' }, { timeBudgetMs: 300 });
    await expect(running).rejects.toEqual(new SortitionCancelled('time-budget'));
  });

  it('passes an infeasibility report back across the thread', async () => {
    const instance = loadFixture('example_small_20');
    instance.categories[0].values[0].min = 19;
    instance.categories[1].values[0].min = 19;
    await expect(runInWorker({ kind: 'distribution', instance, solver: 'glpk', algorithm: 'leximin' })).rejects.toMatchObject({
      name: 'InfeasibleQuotasError',
      report: { feasible: false },
    });
  });
});
