import { Rational } from './rational.js';

export interface BudgetProject {
  id: string;
  cost: Rational;
}

export interface GreedyLine {
  id: string;
  cost: Rational;
  funded: boolean;
  /** What was left when the project's turn came (for a skipped one: "does not fit: €X left"). */
  leftBefore: Rational;
}

export interface Selection {
  selected: string[];
  spent: Rational;
  left: Rational;
}

/**
 * The greedy rule (Paris's Budget Participatif, CONSUL, most cities in pabulib): projects in ranking
 * order, each funded when its cost still fits in what is left, otherwise skipped — the next ones may
 * still fit. Never spends more than the budget.
 */
export function greedy(ranked: readonly BudgetProject[], budget: Rational, alreadySpent: Rational = Rational.ZERO): Selection & { lines: GreedyLine[] } {
  let left = budget.sub(alreadySpent);
  const lines: GreedyLine[] = [];
  const selected: string[] = [];
  for (const project of ranked) {
    const funded = project.cost.lte(left);
    lines.push({ id: project.id, cost: project.cost, funded, leftBefore: left });
    if (funded) {
      selected.push(project.id);
      left = left.sub(project.cost);
    }
  }
  return { selected, lines, spent: budget.sub(left), left };
}

/** Smaller id first, numbers within ids compared as numbers ("9" before "10", "P2" before "P10"). */
export function compareIds(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(left.length, right.length); i += 1) {
    const [x, y] = [left[i], right[i]];
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const diff = BigInt(x) - BigInt(y);
      if (diff !== 0n) return diff < 0n ? -1 : 1;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return left.length - right.length || (a < b ? -1 : a > b ? 1 : 0);
}
