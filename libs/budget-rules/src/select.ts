import { equalShares, type EqualSharesRound } from './equal-shares.js';
import { greedy, type GreedyLine } from './greedy.js';
import type { PabulibElection } from './pabulib.js';
import { type Rational } from './rational.js';
import { approvalsOf, rankBySupport, supportOf } from './support.js';

export const RULES = ['greedy', 'equal-shares'] as const;
export type BudgetRule = (typeof RULES)[number];

export interface PabulibSelection {
  rule: BudgetRule;
  completion: 'greedy' | null;
  selected: string[];
  cost: Rational;
  budget: Rational;
  /** Greedy (or the completion): every project in ranking order, funded or not, with what was left. */
  lines: GreedyLine[];
  /** Equal shares: the rounds, in order. */
  rounds: EqualSharesRound[];
}

/**
 * Selects the projects of a pabulib election by a rule: `greedy` in ranking order, or the Method of
 * Equal Shares, optionally completed greedily in ranking order with what it left. The ranking is
 * by score counted from the votes (`rankBySupport`) unless `ranking` gives the ids in order (a
 * majority-judgment ranking computed by the caller, for Pnyx's exports).
 */
export function selectFromPabulib(election: PabulibElection, rule: BudgetRule, options: { completion?: 'greedy'; ranking?: readonly string[] } = {}): PabulibSelection {
  const byId = new Map(election.projects.map((project) => [project.id, project]));
  const ranked = options.ranking === undefined ? rankBySupport(supportOf(election)) : options.ranking.map((id) => byId.get(id)!).filter(Boolean);
  if (rule === 'greedy') {
    const result = greedy(ranked, election.budget);
    return { rule, completion: null, selected: result.selected, cost: result.spent, budget: election.budget, lines: result.lines, rounds: [] };
  }
  const shares = equalShares(election.projects, approvalsOf(election), election.budget);
  if (options.completion !== 'greedy') return { rule, completion: null, selected: shares.selected, cost: shares.spent, budget: election.budget, lines: [], rounds: shares.rounds };
  const chosen = new Set(shares.selected);
  const completion = greedy(ranked.filter((project) => !chosen.has(project.id)), election.budget, shares.spent);
  return { rule, completion: 'greedy', selected: [...shares.selected, ...completion.selected], cost: completion.spent, budget: election.budget, lines: completion.lines, rounds: shares.rounds };
}


