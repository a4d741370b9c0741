import { compareIds, equalShares, greedy, Rational } from '@app/budget-rules';
import type { ResultLine, SharesRound } from './entities/envelope-result.entity.js';

export interface EnvelopeVote {
  budgetCents: bigint;
  /** The envelope's projects in the poll's option order. */
  projects: Array<{ id: string; costCents: bigint; optionId: string }>;
  /** Majority-judgment rank of each option (1 = best), from the poll's result. */
  rankOf: ReadonlyMap<string, number>;
  /** Each ballot's grade per option (option order), null when skipped: counted as the worst grade. */
  ballots: ReadonlyArray<ReadonlyArray<number | null>>;
  rule: 'greedy' | 'equal-shares';
  completion: 'greedy' | null;
  /** Equal shares: grades at or above this index are approvals. */
  approvalThreshold: number;
}

export interface EnvelopeWinners {
  lines: ResultLine[];
  rounds: SharesRound[];
  spentCents: bigint;
}

/**
 * An envelope's winners by the edition's rule (libs/budget-rules), in the order `pnyx pb select`
 * recomputes them from the exported pabulib file: projects ranked by their majority-judgment rank,
 * ties by lower cost then the smaller id; greedy in that order, or equal shares (approvals: grades
 * at or above the threshold) completed greedily in that order when the edition says so.
 */
export function envelopeWinners(vote: EnvelopeVote): EnvelopeWinners {
  const budget = Rational.of(vote.budgetCents);
  const projects = vote.projects.map((project) => ({ id: project.id, cost: Rational.of(project.costCents), rank: vote.rankOf.get(project.optionId) ?? Number.MAX_SAFE_INTEGER }));
  const ranked = [...projects].sort((a, b) => a.rank - b.rank || a.cost.cmp(b.cost) || compareIds(a.id, b.id));
  const funded = new Map<string, ResultLine['by']>();
  const leftBefore = new Map<string, Rational>();
  let rounds: SharesRound[] = [];
  let spent: Rational;
  if (vote.rule === 'greedy') {
    const result = greedy(ranked, budget);
    for (const line of result.lines) {
      leftBefore.set(line.id, line.leftBefore);
      if (line.funded) funded.set(line.id, 'greedy');
    }
    spent = result.spent;
  } else {
    const approvals = vote.ballots.map((grades) => approvalsOf(grades, vote.approvalThreshold));
    const shares = equalShares(projects, approvals, budget);
    for (const id of shares.selected) funded.set(id, 'equal-shares');
    rounds = shares.rounds.map((round) => ({ projectId: round.id, share: round.share.toString(), paidShare: round.paidShare, paidAllTheyHad: round.paidAllTheyHad, paidByThem: round.paidByThem.toString(), approvals: round.approvals }));
    spent = shares.spent;
    if (vote.completion === 'greedy') {
      const completion = greedy(
        ranked.filter((project) => !funded.has(project.id)),
        budget,
        shares.spent,
      );
      for (const line of completion.lines) {
        leftBefore.set(line.id, line.leftBefore);
        if (line.funded) funded.set(line.id, 'greedy');
      }
      spent = completion.spent;
    }
  }
  const lines = ranked.map((project) => ({
    projectId: project.id,
    rank: project.rank,
    costCents: project.cost.toString(),
    funded: funded.has(project.id),
    by: funded.get(project.id) ?? null,
    leftBeforeCents: leftBefore.get(project.id)?.toString() ?? null,
  }));
  if (spent.cmp(budget) > 0 || spent.den !== 1n) throw new Error(`envelope overspent or fractional: ${spent.toString()}`);
  return { lines, rounds, spentCents: spent.num };
}

/** The options a ballot approves: graded at or above the threshold (ungraded counts as the worst). A plain loop: this runs once per ballot of a city. */
function approvalsOf(grades: ReadonlyArray<number | null>, threshold: number): number[] {
  const approved: number[] = [];
  for (let index = 0; index < grades.length; index += 1) if ((grades[index] ?? 0) >= threshold) approved.push(index);
  return approved;
}
