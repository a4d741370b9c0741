import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { equalShares } from './equal-shares.js';
import { greedy, type BudgetProject } from './greedy.js';
import { parsePabulib } from './pabulib.js';
import { Rational } from './rational.js';
import { approvalsOf, rankBySupport, supportOf } from './support.js';

const money = (value: number): Rational => Rational.of(BigInt(value));
const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'pabulib');

/** Random instances: projects with whole costs, voters approving random subsets, a budget. */
const instances = fc
  .record({
    costs: fc.array(fc.integer({ min: 0, max: 60 }), { minLength: 1, maxLength: 8 }),
    voters: fc.array(fc.array(fc.nat(7), { maxLength: 8 }), { minLength: 1, maxLength: 30 }),
    budget: fc.integer({ min: 0, max: 200 }),
  })
  .map(({ costs, voters, budget }) => ({
    projects: costs.map((cost, i): BudgetProject => ({ id: String(i + 1), cost: money(cost) })),
    approvals: voters.map((list) => [...new Set(list.filter((index) => index < costs.length))]),
    budget: money(budget),
  }));

describe('greedy', () => {
  it('takes projects in ranking order, skipping one that does not fit and funding later ones that do', () => {
    const result = greedy([{ id: 'A', cost: money(60) }, { id: 'B', cost: money(50) }, { id: 'C', cost: money(40) }], money(100));
    expect(result.selected).toEqual(['A', 'C']);
    expect(result.lines.map((line) => [line.id, line.funded, line.leftBefore.toString()])).toEqual([
      ['A', true, '100'],
      ['B', false, '40'],
      ['C', true, '40'],
    ]);
    expect([result.spent.toString(), result.left.toString()]).toEqual(['100', '0']);
  });

  it('never exceeds the budget, and funds a project whenever it fits', () => {
    fc.assert(
      fc.property(instances, ({ projects, budget }) => {
        const result = greedy(projects, budget);
        expect(result.spent.lte(budget)).toBe(true);
        for (const line of result.lines) expect(line.funded).toBe(line.cost.lte(line.leftBefore));
      }),
    );
  });
});

describe('the Method of Equal Shares', () => {
  it('is proportional where greedy is not: 51 voters want P1…P10, 49 want Q1…Q10, 100 to spend on projects of 10', () => {
    const projects = [...Array.from({ length: 10 }, (_, i) => ({ id: `P${i + 1}`, cost: money(10) })), ...Array.from({ length: 10 }, (_, i) => ({ id: `Q${i + 1}`, cost: money(10) }))];
    const approvals = [...Array.from({ length: 51 }, () => Array.from({ length: 10 }, (_, i) => i)), ...Array.from({ length: 49 }, () => Array.from({ length: 10 }, (_, i) => 10 + i))];
    const budget = money(100);
    // Greedy by approvals: the majority takes everything.
    const ranked = projects.map((project, i) => ({ ...project, votes: i < 10 ? 51 : 49 })).sort((a, b) => b.votes - a.votes);
    expect(greedy(ranked, budget).selected).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'P6', 'P7', 'P8', 'P9', 'P10']);
    // Equal shares: each voter has 1; the 51 pay for five P projects (50, 1 left among them), the 49 for four Q (40, 9 left).
    const result = equalShares(projects, approvals, budget);
    expect(result.selected).toEqual(['P1', 'P2', 'P3', 'P4', 'P5', 'Q1', 'Q2', 'Q3', 'Q4']);
    expect(result.rounds[0]).toMatchObject({ share: Rational.of(10n, 51n), paidShare: 51, paidAllTheyHad: 0 });
    expect(result.spent.toString()).toBe('90');
    // Completed greedily in ranking order with what is left (10): P6 fits.
    const completion = greedy(ranked.filter((project) => !result.selected.includes(project.id)), budget, result.spent);
    expect(completion.selected).toEqual(['P6']);
  });

  it('breaks ties by more approvals, then lower cost, then the smaller id', () => {
    // ρ ties: cost 10 with 2 approvers each paying 5 (ρ = 1/2) against cost 20 with 4 approvers paying 5 (ρ = 1/4)… choose by ρ first:
    const byRho = equalShares([{ id: '2', cost: money(10) }, { id: '1', cost: money(20) }], [[0, 1], [0, 1], [1], [1]], money(40));
    expect(byRho.selected[0]).toBe('1');
    // Same ρ and approvals, different costs: the cheaper first.
    const byCost = equalShares([{ id: '1', cost: money(20) }, { id: '2', cost: money(10) }], [[0], [1]], money(100));
    expect(byCost.rounds.map((round) => round.id)).toEqual(['2', '1']);
    // Everything equal: the smaller id ("9" before "10").
    const byId = equalShares([{ id: '10', cost: money(10) }, { id: '9', cost: money(10) }], [[0], [1]], money(100));
    expect(byId.selected).toEqual(['9', '10']);
  });

  it('chooses as the method’s definition does, computed the plain way (each voter’s money, every round, exactly)', () => {
    /** The definition, voter by voter, without classes or floating point: a reference for the fast code. */
    const reference = (projects: BudgetProject[], approvals: number[][], budget: Rational): string[] => {
      const moneyOf = approvals.map(() => budget.div(money(approvals.length)));
      const chosen: string[] = [];
      for (;;) {
        let best: { index: number; rho: Rational; share: Rational; count: number } | null = null;
        projects.forEach((project, index) => {
          if (chosen.includes(project.id)) return;
          const payers = approvals.map((list, voter) => (list.includes(index) ? voter : -1)).filter((voter) => voter >= 0);
          if (payers.length === 0) return;
          const total = payers.reduce((sum, voter) => sum.add(moneyOf[voter]), Rational.ZERO);
          if (total.lt(project.cost)) return;
          // The smallest share q with Σ min(money, q) = cost, by trying each voter's money as the cap.
          const sorted = payers.map((voter) => moneyOf[voter]).sort((a, b) => a.cmp(b));
          let share = Rational.ZERO;
          let paid = Rational.ZERO;
          for (let i = 0; i < sorted.length; i += 1) {
            const even = project.cost.sub(paid).div(money(sorted.length - i));
            if (even.lte(sorted[i])) {
              share = even;
              break;
            }
            paid = paid.add(sorted[i]);
          }
          const rho = project.cost.isZero() ? Rational.ZERO : share.div(project.cost);
          const better =
            best === null || rho.cmp(best.rho) < 0 || (rho.cmp(best.rho) === 0 && (payers.length > best.count || (payers.length === best.count && (project.cost.cmp(projects[best.index].cost) < 0 || (project.cost.cmp(projects[best.index].cost) === 0 && Number(project.id) < Number(projects[best.index].id))))));
          if (better) best = { index, rho, share, count: payers.length };
        });
        if (best === null) return chosen;
        const { index, share } = best;
        chosen.push(projects[index].id);
        approvals.forEach((list, voter) => {
          if (list.includes(index)) moneyOf[voter] = moneyOf[voter].lte(share) ? Rational.ZERO : moneyOf[voter].sub(share);
        });
      }
    };
    fc.assert(
      fc.property(instances, ({ projects, approvals, budget }) => {
        expect(equalShares(projects, approvals, budget).selected).toEqual(reference(projects, approvals, budget));
      }),
      { numRuns: 300 },
    );
  });

  it('never exceeds the budget; no voter pays more than their share; every funded project is paid in full', () => {
    fc.assert(
      fc.property(instances, ({ projects, approvals, budget }) => {
        const result = equalShares(projects, approvals, budget);
        expect(result.spent.lte(budget)).toBe(true);
        const perVoter = budget.div(money(approvals.length));
        let left = Rational.ZERO;
        for (const remaining of result.moneyLeft) {
          expect(remaining.cmp(Rational.ZERO) >= 0 && remaining.lte(perVoter)).toBe(true);
          left = left.add(remaining);
        }
        // What voters paid is exactly the cost of what was funded…
        expect(budget.sub(left).cmp(result.spent)).toBe(0);
        // …round by round: the full shares plus what those short of it gave.
        for (const round of result.rounds) expect(round.share.mul(money(round.paidShare)).add(round.paidByThem).cmp(round.cost)).toBe(0);
        // And it stops only when nothing left is affordable by its approvers.
        const moneyOf = (index: number): Rational => approvals.reduce((sum, list, voter) => (list.includes(index) ? sum.add(result.moneyLeft[voter]) : sum), Rational.ZERO);
        projects.forEach((project, index) => {
          const approved = approvals.some((list) => list.includes(index));
          if (!result.selected.includes(project.id) && approved) expect(moneyOf(index).lt(project.cost)).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('published outcomes (pabulib), reproduced', () => {
  for (const file of ['Poland_Warszawa_2019_Piaski.pb', 'Poland_Krakow_2024_Lagiewniki-Borek_Falecki.pb', 'Poland_Czestochowa_2024_Podjasnogorska.pb']) {
    it(`${file}: greedy selects the projects the city funded`, () => {
      const election = parsePabulib(readFileSync(join(FIXTURES, file), 'utf8'));
      expect(election.meta.get('rule')).toBe('greedy');
      const published = election.projects.filter((project) => project.fields.selected.trim() === '1').map((project) => project.id);
      expect(published.length).toBeGreaterThan(0);
      const result = greedy(rankBySupport(supportOf(election)), election.budget);
      expect([...result.selected].sort()).toEqual([...published].sort());
      // The votes counted from VOTES are the file's own `votes` column.
      for (const project of supportOf(election)) {
        const row = election.projects.find((candidate) => candidate.id === project.id)!;
        if (row.fields.votes !== undefined) expect({ id: project.id, votes: project.votes }).toEqual({ id: project.id, votes: Number(row.fields.votes) });
      }
    });
  }

  it('approvals for equal shares are the projects a vote names', () => {
    const election = parsePabulib(readFileSync(join(FIXTURES, 'Poland_Warszawa_2019_Piaski.pb'), 'utf8'));
    const approvals = approvalsOf(election);
    expect(approvals.length).toBe(election.votes.length);
    expect(approvals[0].map((index) => election.projects[index].id)).toEqual(election.votes[0].projects);
  });
});
