import { beforeAll, describe, expect, it } from '@jest/globals';
import { prepareBundle, verifyBundle } from './bundle.js';
import { ALGORITHM_VERSION, type Solvers } from './distribution.js';
import { loadSolver } from './solvers/load.js';
import { loadFixture } from './testing/fixtures.js';

let solvers: Solvers;
beforeAll(async () => {
  solvers = { mip: await loadSolver('glpk'), lp: await loadSolver('highs') };
});

const rerun = 're-running the algorithm reproduces the lottery bit for bit';

describe('bundles and the algorithm version that made them', () => {
  it('records the current version, and verifies bit for bit', () => {
    const { bundle } = prepareBundle(loadFixture('sf_fixture_150'), solvers, { algorithm: 'leximin', lotterySize: 100 });
    expect(bundle.software.algorithmVersion).toBe(ALGORITHM_VERSION);
    expect(verifyBundle(bundle, solvers).ok).toBe(true);
  });

  it('re-runs a draw made by pnyx-sortition-1 with that version, whose panels differ', () => {
    for (const algorithm of ['leximin', 'maximin'] as const) {
      const { bundle } = prepareBundle(loadFixture('sf_fixture_150'), solvers, { algorithm, lotterySize: 100, algorithmVersion: 'pnyx-sortition-1' });
      expect(bundle.software.algorithmVersion).toBe('pnyx-sortition-1');
      expect(verifyBundle(bundle, solvers)).toMatchObject({ ok: true });
      // The same lottery claimed by the current version does not re-run: the versions differ.
      const relabelled = { ...bundle, software: { ...bundle.software, algorithmVersion: ALGORITHM_VERSION } };
      expect(verifyBundle(relabelled, solvers).checks.find((check) => check.check === rerun)).toMatchObject({ ok: false });
    }
  });

  it('says which versions it can re-run when the bundle names another', () => {
    const { bundle } = prepareBundle(loadFixture('example_small_20'), solvers, { algorithm: 'leximin', lotterySize: 20 });
    const future = { ...bundle, software: { ...bundle.software, algorithmVersion: 'pnyx-sortition-9' } };
    const report = verifyBundle(future, solvers);
    expect(report.ok).toBe(false);
    expect(report.checks.find((check) => check.check === rerun)).toEqual({
      check: rerun,
      ok: false,
      detail: 'made by algorithm version pnyx-sortition-9; this Pnyx re-runs pnyx-sortition-1 and pnyx-sortition-2',
    });
    // The quick checks do not re-run anything, so they still pass.
    expect(verifyBundle(future, solvers, { quick: true }).ok).toBe(true);
  });
});
