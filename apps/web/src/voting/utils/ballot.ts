/** A grade as the ballot shows it: its index in the poll's scale (0 = worst) and its name. */
export interface GradeChoice {
  index: number;
  label: string;
}

/**
 * The grades in the order the ballot shows them: best first, as Paris's participatory budget and
 * MieuxVoter's ballots read ("J'adore" … "Je ne suis pas convaincu·e"; "Excellent" … "À rejeter").
 * The API lists them worst first.
 */
export function gradesBestFirst(grades: readonly string[]): GradeChoice[] {
  return grades.map((label, index) => ({ index, label })).reverse();
}

export interface BallotProgress {
  graded: number;
  total: number;
  /** Options not graded yet, in ballot order. */
  missing: string[];
}

export function ballotProgress(optionIds: readonly string[], chosen: ReadonlyMap<string, number>): BallotProgress {
  const missing = optionIds.filter((id) => !chosen.has(id));
  return { graded: optionIds.length - missing.length, total: optionIds.length, missing };
}

/** What an ungraded option counts as, by the poll's rule (`skipped`), and whether the ballot can go as it is. */
export function canSubmit(progress: BallotProgress, skipped: 'refuse' | 'worst' | 'median'): boolean {
  if (progress.graded === 0) return false; // the API refuses a ballot that grades nothing
  return skipped !== 'refuse' || progress.missing.length === 0;
}

/** The request body: option id → grade index. */
export function ballotGrades(chosen: ReadonlyMap<string, number>): Record<string, number> {
  return Object.fromEntries(chosen);
}
