import { compareIds, type BudgetProject, type Selection } from './greedy.js';
import { Rational } from './rational.js';

export interface EqualSharesRound {
  id: string;
  cost: Rational;
  /** The payment per unit of utility: each approver pays min(what they have left, ρ · cost). */
  rho: Rational;
  /** The full share paid by approvers who had enough (ρ · cost), and how many paid it. */
  share: Rational;
  paidShare: number;
  /** Approvers who gave all they had left (less than the share), and what they gave together. */
  paidAllTheyHad: number;
  paidByThem: Rational;
  approvals: number;
}

export interface EqualSharesResult extends Selection {
  rounds: EqualSharesRound[];
  /** Each voter's equal share of the budget at the start. */
  perVoter: Rational;
  /** What each voter has left at the end (their share minus what they paid). */
  moneyLeft: Rational[];
}

/**
 * The Method of Equal Shares with cost utilities (Peters, Pierczyński, Skowron, "Proportional
 * Participatory Budgeting with Additive Utilities", NeurIPS 2021; https://equalshares.net): the
 * budget is split equally among the n voters; a project is affordable when its approvers have
 * enough left together to pay its cost; each round funds the affordable project that asks the
 * smallest ρ, where every approver pays min(their money left, ρ · cost) and the payments sum to the
 * cost; it stops when nothing is affordable. Ties: more approvals, then lower cost, then the
 * smaller id. Exact arithmetic throughout: no voter pays more than their share, every funded
 * project is paid in full.
 *
 * `approvals[v]` lists the indexes (in `projects`) of the projects voter v approves; voters who
 * approve nothing still count in n, as in the method's definition.
 *
 * Voters whose money left is the same are kept as one class (each round moves whole classes), so a
 * round costs one pass over the approvals plus work on the few distinct amounts.
 */
export function equalShares(projects: readonly BudgetProject[], approvals: ReadonlyArray<readonly number[]>, budget: Rational): EqualSharesResult {
  const n = approvals.length;
  const perVoter = n === 0 ? Rational.ZERO : budget.div(Rational.of(BigInt(n)));
  // Money classes: class 0 is the untouched share; each voter points to a class.
  const classes: Rational[] = [perVoter];
  const voterClass = new Int32Array(n);
  const approvers: number[][] = projects.map(() => []);
  approvals.forEach((list, voter) => {
    for (const index of list) {
      if (index < 0 || index >= projects.length) throw new RangeError(`voter ${voter} approves project #${index}, which does not exist`);
      approvers[index].push(voter);
    }
  });
  const funded = new Set<number>();
  const rounds: EqualSharesRound[] = [];
  let spent = Rational.ZERO;

  for (;;) {
    // Floating point finds the few projects that can be the round's choice; exact arithmetic decides
    // among them. A project is skipped only when its approximate ρ is clearly above the best one's, or
    // clearly unaffordable (a 1e-9 margin, far above the rounding error of summing ≤ 10⁶ amounts).
    const approx = classes.map(toNumber);
    const estimates = projects.map((project, index) => (funded.has(index) || approvers[index].length === 0 ? null : estimate(toNumber(project.cost), approvers[index], voterClass, approx)));
    let bestEstimate = Infinity;
    for (const value of estimates) if (value !== null && value.rho !== null && value.rho < bestEstimate) bestEstimate = value.rho;
    let best: { index: number; rho: Rational; share: Rational } | null = null;
    for (let index = 0; index < projects.length; index += 1) {
      const value = estimates[index];
      if (value === null) continue;
      const near = value.borderline || (value.rho !== null && value.rho <= bestEstimate * (1 + MARGIN) + MARGIN);
      if (!near) continue;
      const project = projects[index];
      const share = shareFor(project.cost, approvers[index], voterClass, classes);
      if (share === null) continue;
      const rho = project.cost.isZero() ? Rational.ZERO : share.div(project.cost);
      if (best === null || better({ index, rho }, best, projects, approvers)) best = { index, rho, share };
    }
    if (best === null) break;
    const { index, rho, share } = best;
    funded.add(index);
    // Pay: a class with at most the share gives everything (its voters go to zero), the others pay the share.
    // Decided once per class (its voters all have the same money), then applied voter by voter.
    const moved = new Map<number, { to: number; all: boolean; money: Rational }>();
    let paidShare = 0;
    let paidAllTheyHad = 0;
    let paidByThem = Rational.ZERO;
    for (const voter of approvers[index]) {
      const from = voterClass[voter];
      let decision = moved.get(from);
      if (decision === undefined) {
        const money = classes[from];
        const all = money.lte(share);
        decision = { to: classes.push(all ? Rational.ZERO : money.sub(share)) - 1, all, money };
        moved.set(from, decision);
      }
      if (decision.all) {
        if (!decision.money.isZero()) paidAllTheyHad += 1;
      } else paidShare += 1;
      voterClass[voter] = decision.to;
    }
    for (const [from, decision] of moved) {
      if (!decision.all || decision.money.isZero()) continue;
      const count = approvers[index].reduce((n, voter) => n + (voterClass[voter] === decision.to ? 1 : 0), 0);
      paidByThem = paidByThem.add(classes[from].mul(Rational.of(BigInt(count))));
    }
    spent = spent.add(projects[index].cost);
    rounds.push({ id: projects[index].id, cost: projects[index].cost, rho, share, paidShare, paidAllTheyHad, paidByThem, approvals: approvers[index].length });
  }
  const moneyLeft = Array.from(voterClass, (id) => classes[id]);
  return { selected: rounds.map((round) => round.id), rounds, spent, left: budget.sub(spent), perVoter, moneyLeft };
}

const MARGIN = 1e-9;

function toNumber(value: Rational): number {
  const num = Number(value.num);
  const den = Number(value.den);
  if (Number.isFinite(num) && Number.isFinite(den)) return num / den;
  // Beyond doubles' range: drop the same number of digits from both.
  const shift = BigInt(Math.max(value.num.toString().length, value.den.toString().length) - 300);
  return Number(value.num / 10n ** shift) / Number(value.den / 10n ** shift);
}

/**
 * The floating-point ρ of a project (null when it looks unaffordable), and whether its
 * affordability is too close to call in floating point.
 */
function estimate(cost: number, voters: readonly number[], voterClass: Int32Array, approx: readonly number[]): { rho: number | null; borderline: boolean } {
  // Counts per class in a typed array (classes are small integers), touched ones listed.
  const counts = new Int32Array(approx.length);
  const touched: number[] = [];
  let total = 0;
  for (const voter of voters) {
    const id = voterClass[voter];
    if (counts[id] === 0) touched.push(id);
    counts[id] += 1;
    total += approx[id];
  }
  const borderline = Math.abs(total - cost) <= MARGIN * Math.max(1, cost);
  if (total < cost && !borderline) return { rho: null, borderline: false };
  if (cost === 0) return { rho: 0, borderline };
  touched.sort((a, b) => approx[a] - approx[b]);
  let remaining = cost;
  let payers = voters.length;
  for (const id of touched) {
    const money = approx[id];
    const even = remaining / payers;
    if (even <= money) return { rho: even / cost, borderline };
    remaining -= money * counts[id];
    payers -= counts[id];
  }
  return { rho: null, borderline };
}

/**
 * The share q = ρ · cost that the approvers pay (those with less pay all they have), or null when
 * all they have together does not cover the cost.
 */
function shareFor(cost: Rational, voters: readonly number[], voterClass: Int32Array, classes: readonly Rational[]): Rational | null {
  const counts = new Map<number, number>();
  for (const voter of voters) counts.set(voterClass[voter], (counts.get(voterClass[voter]) ?? 0) + 1);
  const amounts = [...counts].map(([id, count]) => ({ money: classes[id], count })).sort((a, b) => a.money.cmp(b.money));
  let remaining = cost;
  let payers = voters.length;
  for (const { money, count } of amounts) {
    // If everyone still paying can give `money`, the rest of the cost splits evenly among them.
    const even = remaining.div(Rational.of(BigInt(payers)));
    if (even.lte(money)) return even;
    remaining = remaining.sub(money.mul(Rational.of(BigInt(count))));
    payers -= count;
  }
  return remaining.cmp(Rational.ZERO) <= 0 ? Rational.ZERO : null;
}

function better(candidate: { index: number; rho: Rational }, best: { index: number; rho: Rational }, projects: readonly BudgetProject[], approvers: readonly number[][]): boolean {
  const byRho = candidate.rho.cmp(best.rho);
  if (byRho !== 0) return byRho < 0;
  const byApprovals = approvers[candidate.index].length - approvers[best.index].length;
  if (byApprovals !== 0) return byApprovals > 0;
  const byCost = projects[candidate.index].cost.cmp(projects[best.index].cost);
  if (byCost !== 0) return byCost < 0;
  return compareIds(projects[candidate.index].id, projects[best.index].id) < 0;
}
