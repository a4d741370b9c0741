import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { PabulibError, parsePabulib, RULES, selectFromPabulib, type BudgetRule, type PabulibElection, type Rational } from '@app/budget-rules';
import { rankOptions } from '@app/majority-judgment';

/**
 * The majority-judgment ranking of a scoring file whose META says `ranking;majority-judgment`
 * (Pnyx's exports: points are grade indexes, worst 0, and `grades` counts them), ties by lower cost
 * then smaller id as for other rankings.
 */
function majorityJudgmentRanking(election: PabulibElection): string[] | undefined {
  if (election.meta.get('ranking') !== 'majority-judgment') return undefined;
  const gradeCount = Number(election.meta.get('grades') ?? '0');
  if (!Number.isInteger(gradeCount) || gradeCount < 2) throw new PabulibError(1, 'META "ranking;majority-judgment" needs "grades" (the number of grades)');
  const tallies = new Map(election.projects.map((project) => [project.id, Array.from({ length: gradeCount }, () => 0n)]));
  for (const vote of election.votes) {
    vote.projects.forEach((id, i) => {
      const grade = Number(vote.points?.[i]?.toString());
      if (!Number.isInteger(grade) || grade < 0 || grade >= gradeCount) throw new PabulibError(1, `voter ${vote.voterId} gives project ${id} the grade ${vote.points?.[i]?.toString()}, outside 0…${gradeCount - 1}`);
      tallies.get(id)![grade] += 1n;
    });
  }
  const cost = new Map(election.projects.map((project) => [project.id, project.cost]));
  const { ranking } = rankOptions(gradeCount, tallies, { padding: 'worst', voters: BigInt(election.votes.length) });
  return ranking
    .sort((a, b) => a.rank - b.rank || cost.get(a.option)!.cmp(cost.get(b.option)!) || (a.option < b.option ? -1 : 1))
    .map((entry) => entry.option);
}

/** `pnyx pb`: participatory budgeting on pabulib files, no server needed. */
export function pbCommand(): Command {
  const pb = new Command('pb').description('Participatory budgeting: select the winning projects of a pabulib (.pb) file');

  pb.command('select')
    .description('Select projects within the budget: greedy in ranking order, or the Method of Equal Shares')
    .requiredOption('--pb <file>', 'the election, in the pabulib format (- for stdin)')
    .addOption(new Option('--rule <rule>', 'the selection rule').choices(RULES).makeOptionMandatory())
    .addOption(new Option('--completion <rule>', 'equal shares: spend what is left in ranking order').choices(['greedy']))
    .option('--json', 'print {"selected": [ids…], "cost": …}')
    .action((options: { pb: string; rule: BudgetRule; completion?: 'greedy'; json?: boolean }) => {
      let election: PabulibElection;
      let ranking: string[] | undefined;
      try {
        election = parsePabulib(readFileSync(options.pb === '-' ? 0 : options.pb, 'utf8'));
        ranking = majorityJudgmentRanking(election);
      } catch (error) {
        if (error instanceof PabulibError) {
          process.stderr.write(`pnyx pb: ${options.pb}: ${error.message}\n`);
          process.exit(2);
        }
        throw error;
      }
      const result = selectFromPabulib(election, options.rule, { completion: options.completion, ranking });
      if (options.json === true) {
        process.stdout.write(`${JSON.stringify({ selected: result.selected, cost: result.cost.toJSON() })}\n`);
        return;
      }
      // Exact amounts, with a rounded reading beside the ones that are fractions.
      const amount = (value: Rational): string => {
        const exact = value.toString();
        return exact.includes('/') ? `≈${(Number(value.num) / Number(value.den)).toFixed(2)} (${exact})` : exact;
      };
      const names = new Map(election.projects.map((project) => [project.id, project.fields.name ?? '']));
      const label = (id: string): string => `${id}${names.get(id) ? ` ${names.get(id)}` : ''}`;
      process.stdout.write(`rule: ${result.rule}${result.completion === null ? '' : ` completed by ${result.completion}`}; budget ${result.budget.toString()}\n`);
      for (const round of result.rounds) {
        process.stdout.write(`funded  ${label(round.id)}: cost ${round.cost.toString()}, ${round.approvals} approvers; ${round.paidShare} paid ${amount(round.share)} each, ${round.paidAllTheyHad} paid all they had (${amount(round.paidByThem)} together)\n`);
      }
      for (const line of result.lines) {
        process.stdout.write(line.funded ? `funded  ${label(line.id)}: cost ${line.cost.toString()}\n` : `skipped ${label(line.id)}: cost ${line.cost.toString()} does not fit: ${line.leftBefore.toString()} left\n`);
      }
      process.stdout.write(`selected ${result.selected.length} projects for ${result.cost.toString()}; ${result.budget.sub(result.cost).toString()} left\n`);
    });
  return pb;
}
