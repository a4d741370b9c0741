import type { Schemas } from '../../app/api/client';

type Phase = Schemas['DrawProgressDto']['phase'];

/**
 * How much of a draw is done, 0–1, or null when it cannot be told. LEXIMIN settles people one
 * group at a time: its share is settled / people, within the span of its phase; the other phases
 * count as steps of the way.
 */
export function progressShare(status: Schemas['DrawDto']['status'], progress: Schemas['DrawProgressDto'] | undefined): number | null {
  if (status === 'computed' || status === 'seeded') return 1;
  if (status !== 'running' || progress === undefined) return status === 'queued' ? 0 : null;
  // Weights of the phases in a typical run: the optimisation is most of it.
  const span: Record<Phase, [number, number]> = {
    feasibility: [0, 0.05],
    'initial-panels': [0.05, 0.15],
    leximin: [0.15, 0.85],
    maximin: [0.15, 0.85],
    legacy: [0.15, 0.85],
    'final-distribution': [0.85, 0.9],
    expansion: [0.9, 0.95],
    lottery: [0.95, 1],
  };
  const [from, to] = span[progress.phase];
  const within = progress.settledPeople !== undefined && progress.people !== undefined && progress.people > 0 ? progress.settledPeople / progress.people : 0;
  return Math.min(1, from + (to - from) * within);
}
