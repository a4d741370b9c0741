/**
 * Worker-thread entry: the WASM solvers are synchronous and can run for minutes, so they never run
 * on the event loop of the API or the CLI. Receives one task, posts progress, posts the result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { applySeed, prepareBundle, verifyBundle } from './bundle.js';
import { computeDistribution } from './distribution.js';
import { checkFeasibility } from './feasibility.js';
import type { SortitionProgress } from './progress.js';
import { loadSolver } from './solvers/load.js';
import type { WorkerReply, WorkerTask } from './worker-runner.js';

const task = workerData as WorkerTask;
const post = (reply: WorkerReply): void => parentPort!.postMessage(reply);

async function main(): Promise<void> {
  const solvers = { mip: await loadSolver(task.solver), lp: await loadSolver('highs') };
  const control = {
    ...(task.deadline === undefined ? {} : { deadline: task.deadline }),
    onProgress: (progress: SortitionProgress) => post({ kind: 'progress', progress }),
  };
  switch (task.kind) {
    case 'distribution': {
      const { result } = computeDistribution(task.instance, solvers, { algorithm: task.algorithm, legacyRuns: task.legacyRuns, control });
      post({ kind: 'result', value: result });
      return;
    }
    case 'bundle': {
      const prepared = prepareBundle(task.instance, solvers, { algorithm: task.algorithm, lotterySize: task.lotterySize, legacyRuns: task.legacyRuns, control });
      const bundle = task.seed === undefined ? prepared.bundle : applySeed(prepared.bundle, task.seed);
      post({ kind: 'result', value: { bundle, distribution: prepared.computed.result, maxDeviation: prepared.maxDeviation } });
      return;
    }
    case 'verify':
      post({ kind: 'result', value: verifyBundle(task.bundle, solvers, { quick: task.quick, control }) });
      return;
    case 'check': {
      const { witness: _witness, ...report } = checkFeasibility(task.instance, solvers.mip);
      post({ kind: 'result', value: report });
      return;
    }
  }
}

main().catch((error: unknown) => {
  const err = error instanceof Error ? error : new Error(String(error));
  post({ kind: 'error', name: err.name, message: err.message, details: (err as { report?: unknown }).report });
});
