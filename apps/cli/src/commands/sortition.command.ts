import { Command, Option } from 'commander';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  ALGORITHMS,
  applySeed,
  checkFeasibility,
  DEFAULT_LOTTERY_SIZE,
  InfeasibleQuotasError,
  loadSolver,
  readInstance,
  runInWorker,
  SOLVER_NAMES,
  SortitionCancelled,
  type WorkerOptions,
  type Algorithm,
  type DrawBundle,
  type FeasibilityReport,
  type SolverName,
  type Solvers,
  type SortitionInstance,
} from '@app/sortition';
import { COMMANDS } from './catalogue.js';

interface InputOptions {
  categories?: string;
  respondents?: string;
  features?: string;
  candidates?: string;
  size?: string;
  householdColumns?: string;
  algorithm: Algorithm;
  solver: SolverName;
  json?: boolean;
  timeBudget?: string;
  legacyRuns?: string;
  lotterySize?: string;
}

function addInputOptions(command: Command): Command {
  return command
    .option('--categories <file>', 'Panelot quotas: category,feature,min,max')
    .option('--respondents <file>', 'Panelot pool: one column per category (id column optional)')
    .option('--features <file>', 'Sortition Foundation quotas: feature,value,min,max[,min_flex,max_flex]')
    .option('--candidates <file>', 'Sortition Foundation pool (id column nationbuilder_id or id)')
    .option('--size <k>', 'panel size')
    .option('--household-columns <a,b>', 'at most one person per household: columns that together identify it')
    .addOption(new Option('--algorithm <name>', 'selection algorithm').choices(ALGORITHMS).default('leximin'))
    .addOption(new Option('--solver <name>', 'ILP solver for the panel searches (LPs use HiGHS)').choices(SOLVER_NAMES).default('glpk'))
    .option('--time-budget <seconds>', 'stop with an error after this long')
    .option('--legacy-runs <n>', 'LEGACY: number of runs for its empirical distribution', '10000')
    .option('--json', 'print JSON');
}

function readInputs(options: InputOptions): SortitionInstance {
  const panelot = options.categories !== undefined || options.respondents !== undefined;
  const quotasFile = panelot ? options.categories : options.features;
  const poolFile = panelot ? options.respondents : options.candidates;
  if (quotasFile === undefined || poolFile === undefined) {
    throw new Error('give --categories and --respondents (Panelot), or --features and --candidates (Sortition Foundation)');
  }
  const size = Number(options.size);
  if (options.size === undefined || !Number.isInteger(size) || size < 1) throw new Error('--size must be a whole number ≥ 1');
  return readInstance({
    quotas: { name: basename(quotasFile), text: readFileSync(quotasFile, 'utf8') },
    pool: { name: basename(poolFile), text: readFileSync(poolFile, 'utf8') },
    size,
    householdColumns: (options.householdColumns ?? '').split(',').map((c) => c.trim()).filter(Boolean),
  });
}

async function solversFor(options: InputOptions): Promise<Solvers> {
  return { mip: await loadSolver(options.solver), lp: await loadSolver('highs') };
}

/** Progress on stderr, at most once a second, so stdout stays clean for --json. */
function workerOptions(options: { timeBudget?: string }): WorkerOptions {
  let last = 0;
  const budget = options.timeBudget === undefined ? undefined : Number(options.timeBudget);
  return {
    ...(budget !== undefined && Number.isFinite(budget) && budget > 0 ? { timeBudgetMs: budget * 1000 } : {}),
    onProgress: (progress) => {
      if (Date.now() - last < 1000) return;
      last = Date.now();
      const parts = [`${progress.phase} #${progress.iteration}`];
      if (progress.minProbability !== undefined) parts.push(`minimum probability ${(progress.minProbability * 100).toFixed(3)}%`);
      if (progress.settledPeople !== undefined) parts.push(`${progress.settledPeople}/${progress.people} people settled`);
      if (progress.panelsGenerated !== undefined) parts.push(`${progress.panelsGenerated} panels`);
      process.stderr.write(`pnyx sortition: ${parts.join(', ')}\n`);
    },
  };
}

function printFeasibility(report: FeasibilityReport, json: boolean | undefined): void {
  if (json === true) {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    return;
  }
  process.stdout.write(report.feasible ? 'feasible: a panel meets every quota\n' : 'INFEASIBLE: no panel meets every quota\n');
  for (const issue of report.issues) process.stdout.write(`  ${issue.severity} ${issue.code}: ${issue.message}\n`);
  if (report.relaxation !== undefined) {
    process.stdout.write('smallest relaxation that allows a panel:\n');
    for (const change of report.relaxation) process.stdout.write(`  ${change.sentence}\n`);
  }
  if (report.relaxationImpossible !== undefined) process.stdout.write(`${report.relaxationImpossible}\n`);
  for (const note of report.notes) process.stdout.write(`note: ${note}\n`);
}

function writeJson(file: string, value: unknown): void {
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Exit 2: infeasible quotas (with the report); exit 3: out of time budget. */
function handleInfeasible(error: unknown, json: boolean | undefined): never {
  if (error instanceof InfeasibleQuotasError) {
    printFeasibility(error.report, json);
    process.exit(2);
  }
  if (error instanceof SortitionCancelled) {
    process.stderr.write(`pnyx sortition: ${error.message}\n`);
    process.exit(3);
  }
  throw error;
}

export function sortitionCommand(): Command {
  const sortition = new Command('sortition').description(COMMANDS.sortition.description);

  addInputOptions(sortition.command('check').description('Can the quotas be met? If not, the smallest relaxation')).action(async (options: InputOptions) => {
    const report = checkFeasibility(readInputs(options), (await solversFor(options)).mip);
    printFeasibility(report, options.json);
    if (!report.feasible) process.exitCode = 2;
  });

  addInputOptions(sortition.command('distribution').description("Each volunteer's selection probability and the panels behind them")).action(
    async (options: InputOptions) => {
      const instance = readInputs(options);
      try {
        const result = await runInWorker(
          { kind: 'distribution', instance, solver: options.solver, algorithm: options.algorithm, legacyRuns: Number(options.legacyRuns) },
          workerOptions(options),
        );
        if (options.json === true) {
          process.stdout.write(`${JSON.stringify(result)}\n`);
        } else {
          const pct = (p: number): string => `${(p * 100).toFixed(2)}%`;
          process.stdout.write(
            `${result.algorithm}: ${result.poolSize} volunteers, panel of ${result.size}, ${result.panels.length} panels\n` +
              `minimum ${pct(result.minProbability)}, maximum ${pct(result.maxProbability)}, Gini ${result.gini.toFixed(4)}, k/n ${pct(result.kOverN)}\n`,
          );
        }
      } catch (error) {
        handleInfeasible(error, options.json);
      }
    },
  );

  addInputOptions(sortition.command('lottery').description('Round to a uniform lottery of m panels and print its digest (publish it before the seed)'))
    .option('--lottery-size <m>', 'number of equally likely panels', String(DEFAULT_LOTTERY_SIZE))
    .requiredOption('--out <file>', 'where to write the draw bundle (without seed)')
    .action(async (options: InputOptions & { out: string }) => {
      const instance = readInputs(options);
      try {
        const { bundle, maxDeviation } = await runInWorker(
          {
            kind: 'bundle',
            instance,
            solver: options.solver,
            algorithm: options.algorithm,
            lotterySize: Number(options.lotterySize),
            legacyRuns: Number(options.legacyRuns),
          },
          workerOptions(options),
        );
        writeJson(options.out, bundle);
        const summary = { lotteryDigest: bundle.lotteryDigest, panels: bundle.lottery.panels.length, maxDeviation, bound: bundle.size / bundle.lottery.panels.length, bundle: options.out };
        process.stdout.write(options.json === true ? `${JSON.stringify(summary)}\n` : `lottery digest ${bundle.lotteryDigest} (${summary.panels} panels) written to ${options.out}\n`);
      } catch (error) {
        handleInfeasible(error, options.json);
      }
    });

  addInputOptions(sortition.command('draw').description('Pick the panel with a public seed: from a published bundle (--bundle), or computing everything'))
    .requiredOption('--seed <text>', 'the public seed, e.g. dice rolled in public, exactly as entered')
    .option('--bundle <file>', 'a bundle written by `pnyx sortition lottery`')
    .option('--lottery-size <m>', 'number of equally likely panels', String(DEFAULT_LOTTERY_SIZE))
    .option('--out <file>', 'where to write the completed bundle')
    .action(async (options: InputOptions & { seed: string; bundle?: string; out?: string }) => {
      let bundle: DrawBundle;
      if (options.bundle !== undefined) {
        bundle = JSON.parse(readFileSync(options.bundle, 'utf8')) as DrawBundle;
      } else {
        try {
          bundle = (
            await runInWorker(
              {
                kind: 'bundle',
                instance: readInputs(options),
                solver: options.solver,
                algorithm: options.algorithm,
                lotterySize: Number(options.lotterySize),
                legacyRuns: Number(options.legacyRuns),
              },
              workerOptions(options),
            )
          ).bundle;
        } catch (error) {
          handleInfeasible(error, options.json);
        }
      }
      const drawn = applySeed(bundle, options.seed);
      if (options.out !== undefined) writeJson(options.out, drawn);
      const summary = { lotteryDigest: drawn.lotteryDigest, seed: drawn.seed, index: drawn.draw!.index, panel: drawn.draw!.panel };
      process.stdout.write(options.json === true ? `${JSON.stringify(summary)}\n` : `panel #${summary.index} of lottery ${summary.lotteryDigest}:\n${summary.panel.join('\n')}\n`);
    });

  sortition
    .command('verify')
    .description('Re-run a published draw from its bundle and say whether it reproduces')
    .requiredOption('--bundle <file>', 'the published draw bundle')
    .option('--quick', 'check digests, panels and the seed without re-running the algorithm')
    .addOption(new Option('--solver <name>', 'ILP solver (default: the one the bundle names)').choices(SOLVER_NAMES))
    .option('--json', 'print JSON')
    .action(async (options: { bundle: string; quick?: boolean; solver?: SolverName; json?: boolean }) => {
      const bundle = JSON.parse(readFileSync(options.bundle, 'utf8')) as DrawBundle;
      const solver = options.solver ?? (bundle.software?.solvers?.startsWith('highs ') === true ? 'highs' : 'glpk');
      const result = await runInWorker({ kind: 'verify', bundle, solver, quick: options.quick === true }, workerOptions({}));
      if (options.json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
      else {
        for (const check of result.checks) process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}${check.detail === undefined ? '' : ` (${check.detail})`}\n`);
        process.stdout.write(result.ok ? 'the draw reproduces\n' : 'the draw does NOT reproduce\n');
      }
      if (!result.ok) process.exitCode = 1;
    });
  return sortition;
}
