import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import { writeFileSync } from 'node:fs';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BudgetException } from '@app/budget';
import { compareIds, PabulibError, parsePabulib, Rational, RULES, selectFromPabulib, writePabulib, type BudgetRule, type PabulibElection } from '@app/budget-rules';
import { rankOptions } from '@app/majority-judgment';
import { withAppContext } from '../context.js';
import { COMMANDS } from './catalogue.js';

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
    .sort((a, b) => a.rank - b.rank || cost.get(a.option)!.cmp(cost.get(b.option)!) || compareIds(a.option, b.option))
    .map((entry) => entry.option);
}

/** `pnyx pb`: participatory budgeting on pabulib files, no server needed. */
export function pbCommand(): Command {
  const pb = new Command('pb').description(COMMANDS.pb.description);

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
  pb.command('export')
    .description("Write an envelope's closed vote as a pabulib file (vote_type scoring, points = grade indexes, worst 0), from the database, for other PB tools and pb select")
    .requiredOption('--edition <id>', 'the edition')
    .requiredOption('--envelope <id>', 'the envelope')
    .option('--out <file>', 'where to write it (default: standard output)')
    .action(async (options: { edition: string; envelope: string; out?: string }) => {
      const text = await withAppContext(async (context) => {
        const dataSource = context.get<DataSource>(getDataSourceToken());
        const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
        if (!uuid.test(options.edition)) throw BudgetException.notFound('EDITION');
        if (!uuid.test(options.envelope)) throw BudgetException.notFound('ENVELOPE');
        const [edition] = await dataSource.query<Array<{ id: string; title: string; rule: string; completion: string | null; grades: string[]; approval_threshold: number; vote_closes_at: Date }>>(
          `SELECT id, title, rule, completion, grades, approval_threshold, vote_closes_at FROM budget_editions WHERE id = $1`,
          [options.edition],
        );
        if (edition === undefined) throw BudgetException.notFound('EDITION');
        const [envelope] = await dataSource.query<Array<{ id: string; name: string; amount_cents: string; poll_id: string | null }>>(
          `SELECT id, name, amount_cents::text, poll_id FROM budget_envelopes WHERE id = $1 AND edition_id = $2`,
          [options.envelope, edition.id],
        );
        if (envelope === undefined) throw BudgetException.notFound('ENVELOPE');
        if (envelope.poll_id === null) throw BudgetException.of('conflict', 'RESULTS_NOT_READY', 'This envelope has no vote (the ballot is not fixed, or it had fewer than two projects)');
        const pollId = envelope.poll_id;
        // The closed poll's ballots as its bulletin board lists them (by receipt hash), options in poll order.
        // Sealing follows the close in the background: wait for it (a few seconds on a large vote).
        let poll: { status: string; digest: string | null } | undefined;
        for (let waited = 0; ; waited += 500) {
          [poll] = await dataSource.query<Array<{ status: string; digest: string | null }>>(`SELECT status, result->>'bulletinBoardDigest' AS digest FROM polls WHERE id = $1`, [pollId]);
          if (!['closed', 'published'].includes(poll.status)) throw BudgetException.of('conflict', 'RESULTS_NOT_READY', 'The vote is not closed yet');
          if (poll.digest !== null) break;
          if (waited >= 60_000) throw BudgetException.of('conflict', 'RESULTS_NOT_READY', 'The bulletin board is not sealed yet: try again in a minute');
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        const pollOptions = await dataSource.query<Array<{ id: string }>>(`SELECT id FROM poll_options WHERE poll_id = $1 ORDER BY position`, [pollId]);
        const ballots = await dataSource.query<Array<{ grades: Array<number | null> }>>(`SELECT grades FROM ballots WHERE poll_id = $1 ORDER BY receipt_hash COLLATE "C"`, [pollId]);
        const board = { digest: poll.digest, ballots };
        const projects = await dataSource.query<Array<{ id: string; title: string; cost_cents: string; poll_option_id: string }>>(
          `SELECT id, title, cost_cents::text, poll_option_id FROM budget_projects WHERE envelope_id = $1 AND poll_option_id IS NOT NULL`,
          [envelope.id],
        );
        const byOption = new Map(projects.map((project) => [project.poll_option_id, project]));
        const ordered = pollOptions.map((option) => byOption.get(option.id)!);
        const meta = new Map<string, string>([
          ['description', `${edition.title} — ${envelope.name}`],
          ['country', 'France'],
          ['unit', edition.title],
          ['subunit', envelope.name],
          ['instance', new Date(edition.vote_closes_at).toISOString().slice(0, 4)],
          ['num_projects', String(ordered.length)],
          ['num_votes', String(board.ballots.length)],
          ['budget', envelope.amount_cents],
          ['currency', 'EUR cents'],
          ['vote_type', 'scoring'],
          ['rule', edition.rule],
          ...(edition.completion === null ? [] : ([['completion', edition.completion]] as Array<[string, string]>)),
          ['ranking', 'majority-judgment'],
          ['grades', String(edition.grades.length)],
          ['grade_labels', edition.grades.join(' | ')],
          ['approval_threshold', String(edition.approval_threshold)],
          ['poll', pollId],
          ['bulletin_board_digest', board.digest],
        ]);
        const election: PabulibElection = {
          meta,
          budget: Rational.parse(envelope.amount_cents),
          voteType: 'scoring',
          projectColumns: ['project_id', 'cost', 'name'],
          projects: ordered.map((project) => ({ id: project.id, cost: Rational.parse(project.cost_cents), fields: { project_id: project.id, cost: project.cost_cents, name: project.title } })),
          voteColumns: ['voter_id', 'vote', 'points'],
          // Ballots in the bulletin board's order (by receipt hash): a voter number says nothing about who or when.
          votes: board.ballots.map((ballot, i) => {
            const points = ballot.grades.map((grade) => String(grade ?? 0)); // skipped counts as the worst grade, as in the poll
            return { voterId: String(i + 1), projects: ordered.map((project) => project.id), fields: { voter_id: String(i + 1), vote: ordered.map((project) => project.id).join(','), points: points.join(',') } };
          }),
        };
        return writePabulib(election);
      });
      if (options.out === undefined) process.stdout.write(text);
      else writeFileSync(options.out, text);
    });
  return pb;
}
