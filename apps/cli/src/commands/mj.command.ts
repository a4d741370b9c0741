import { Command, Option } from 'commander';
import { readFileSync } from 'node:fs';
import {
  PADDING_POLICIES,
  rankingToJson,
  rankOptions,
  recountBulletinBoard,
  talliesFromJson,
  TallyError,
  TIE_BREAKS,
  type BulletinBoard,
  type PaddingPolicy,
  type TieBreak,
} from '@app/majority-judgment';
import { COMMANDS } from './catalogue.js';

function readJson(file: string): unknown {
  const text = file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new TallyError('NO_OPTIONS', `${file} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function fail(error: unknown): never {
  if (error instanceof TallyError) {
    process.stderr.write(`pnyx mj: ${error.code}: ${error.message}\n`);
    process.exit(2);
  }
  throw error;
}

/** `pnyx mj`: majority judgment on files, no server needed. */
export function mjCommand(): Command {
  const mj = new Command('mj').description(COMMANDS.mj.description);

  mj.command('rank')
    .description('Rank options from their tallies: { "grades": [worst…best], "tallies": { "<option>": [count per grade, worst first] } }')
    .requiredOption('--tallies <file>', 'the tallies (JSON; - for stdin); counts beyond 2^53 as decimal strings')
    .addOption(new Option('--tie-break <rule>', 'how equal majority grades are ordered').choices(TIE_BREAKS).default('majority-value'))
    .addOption(
      new Option(
        '--pad <policy>',
        'when options have different totals: worst or median complete ballots where options were skipped; normalise compares grade shares (published survey percentages, decimals allowed)',
      ).choices(PADDING_POLICIES),
    )
    .action((options: { tallies: string; tieBreak: TieBreak; pad?: PaddingPolicy }) => {
      try {
        const { grades, tallies } = talliesFromJson(readJson(options.tallies), { shares: options.pad === 'normalise' });
        const result = rankOptions(grades.length, tallies, { tieBreak: options.tieBreak, padding: options.pad });
        process.stdout.write(`${JSON.stringify(rankingToJson(result, grades), null, 2)}\n`);
      } catch (error) {
        fail(error);
      }
    });

  mj.command('recount')
    .description('Recount a bulletin board published by the API (GET /api/polls/:id/bulletin-board): digest and result')
    .requiredOption('--bulletin-board <file>', 'the bulletin board JSON (- for stdin)')
    .option('--json', 'print the full report as JSON')
    .action((options: { bulletinBoard: string; json?: boolean }) => {
      try {
        const report = recountBulletinBoard(readJson(options.bulletinBoard) as BulletinBoard);
        if (options.json === true) process.stdout.write(`${JSON.stringify(report.result.recomputed, null, 2)}\n`);
        else {
          process.stdout.write(`${report.digest.ok ? 'ok  ' : 'FAIL'} digest of the ballots: ${report.digest.recomputed}${report.digest.ok ? '' : ` (published ${report.digest.published})`}\n`);
          process.stdout.write(`${report.result.ok ? 'ok  ' : 'FAIL'} result recounted from ${report.result.recomputed.voters} ballots\n`);
          for (const difference of report.result.differences) process.stdout.write(`     ${difference}\n`);
          process.stdout.write(report.ok ? 'the published result is reproduced\n' : 'the published result is NOT reproduced\n');
        }
        if (!report.ok) process.exitCode = 1;
      } catch (error) {
        fail(error);
      }
    });
  return mj;
}
