/** What a long computation reports while it runs. */
export interface SortitionProgress {
  phase: 'feasibility' | 'initial-panels' | 'leximin' | 'maximin' | 'final-distribution' | 'expansion' | 'legacy' | 'lottery' | 'invitations';
  iteration: number;
  /** The lowest selection probability guaranteed so far (LEXIMIN/MAXIMIN). */
  minProbability?: number;
  /** People whose probability is settled (LEXIMIN). */
  settledPeople?: number;
  people?: number;
  panelsGenerated?: number;
}

export class SortitionCancelled extends Error {
  constructor(readonly reason: 'cancelled' | 'time-budget') {
    super(reason === 'cancelled' ? 'the computation was cancelled' : 'the computation ran out of its time budget');
    this.name = 'SortitionCancelled';
  }
}

export interface RunControl {
  onProgress?: (progress: SortitionProgress) => void;
  /** Polled between solver calls; true stops the run with SortitionCancelled. */
  isCancelled?: () => boolean;
  /** Epoch milliseconds after which the run stops with SortitionCancelled('time-budget'). */
  deadline?: number;
  now?: () => number;
}

export function checkpoint(control: RunControl | undefined): void {
  if (control?.isCancelled?.() === true) throw new SortitionCancelled('cancelled');
  if (control?.deadline !== undefined && (control.now ?? Date.now)() > control.deadline) throw new SortitionCancelled('time-budget');
}
