import { compareIds, type BudgetProject } from './greedy.js';
import type { PabulibElection } from './pabulib.js';
import { Rational } from './rational.js';

export interface ProjectSupport extends BudgetProject {
  /** Voters who named the project. */
  votes: number;
  /** Approval and choose-1: the votes; cumulative, ordinal and scoring: the sum of points. */
  score: Rational;
}

/** Each project's votes and score, counted from the VOTES section (never from PROJECTS' columns). */
export function supportOf(election: PabulibElection): ProjectSupport[] {
  const votes = new Map<string, number>();
  const scores = new Map<string, Rational>();
  const byPoints = election.voteType === 'cumulative' || election.voteType === 'ordinal' || election.voteType === 'scoring';
  for (const vote of election.votes) {
    vote.projects.forEach((id, i) => {
      votes.set(id, (votes.get(id) ?? 0) + 1);
      const points = byPoints ? (vote.points?.[i] ?? Rational.ZERO) : Rational.of(1n);
      scores.set(id, (scores.get(id) ?? Rational.ZERO).add(points));
    });
  }
  return election.projects.map((project) => ({ id: project.id, cost: project.cost, votes: votes.get(project.id) ?? 0, score: scores.get(project.id) ?? Rational.ZERO }));
}

/**
 * Projects by score, highest first; ties by lower cost, then the smaller id. Projects nobody
 * supported (score 0) are left out: greedy never funds a project without a single vote.
 */
export function rankBySupport(support: readonly ProjectSupport[]): ProjectSupport[] {
  return support
    .filter((project) => project.score.cmp(Rational.ZERO) > 0)
    .sort((a, b) => b.score.cmp(a.score) || a.cost.cmp(b.cost) || compareIds(a.id, b.id));
}

/**
 * Approvals for equal shares: every project a vote names (approval, choose-1, cumulative, ordinal);
 * for scoring votes, those with at least META `approval_threshold` points (Pnyx's exports write
 * it: the edition's threshold grade), else those with positive points.
 */
export function approvalsOf(election: PabulibElection): number[][] {
  const indexOf = new Map(election.projects.map((project, i) => [project.id, i]));
  const thresholdText = election.meta.get('approval_threshold');
  const threshold = thresholdText === undefined ? null : Rational.parse(thresholdText);
  return election.votes.map((vote) =>
    vote.projects
      .filter((_, i) => {
        if (election.voteType !== 'scoring') return true;
        const points = vote.points?.[i] ?? Rational.ZERO;
        return threshold === null ? points.cmp(Rational.ZERO) > 0 : threshold.lte(points);
      })
      .map((id) => indexOf.get(id)!),
  );
}
