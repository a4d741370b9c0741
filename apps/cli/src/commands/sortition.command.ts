import { Command, Option } from 'commander';
import { createReadStream, readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import {
  ALGORITHMS,
  applySeed,
  checkFeasibility,
  DEFAULT_LOTTERY_SIZE,
  drawInvitations,
  drawRecordPdf,
  invitationRecordPdf,
  invitedCsv,
  verifyInvitations,
  type InvitationDraw,
  type SourceList,
  InfeasibleQuotasError,
  InvitationDrawError,
  readSourceList,
  SourceListError,
  STRATA,
  type Stratum,
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

/** Each check as a line (or the whole report as JSON), then the verdict; exit 1 when one fails. */
function printChecks(result: { ok: boolean; checks: Array<{ check: string; ok: boolean; detail?: string }> }, json: boolean | undefined, what: string): void {
  if (json === true) process.stdout.write(`${JSON.stringify(result)}\n`);
  else {
    for (const check of result.checks) process.stdout.write(`${check.ok ? 'ok  ' : 'FAIL'} ${check.check}${check.detail === undefined ? '' : ` (${check.detail})`}\n`);
    process.stdout.write(result.ok ? `${what} reproduces\n` : `${what} does NOT reproduce\n`);
  }
  if (!result.ok) process.exitCode = 1;
}

/** Reads the source lists as they stream from disk, rows counted on stderr; undefined (exit 2, problems by line) if one has problems. */
async function readLists(files: string[], labels: string[]): Promise<SourceList[] | undefined> {
  const lists: SourceList[] = [];
  for (const [i, file] of files.entries()) {
    const list = await readSourceList(
      { label: labels[i], file: basename(file), chunks: createReadStream(file) },
      { onProgress: (rows) => process.stderr.write(`  ${basename(file)}: ${rows.toLocaleString('en')} rows\r`) },
    );
    process.stderr.write('\n');
    if (list.problemCount > 0) {
      process.stderr.write(`${new SourceListError(list.file, list.problems, list.problemCount).message}\n`);
      process.exitCode = 2;
      return undefined;
    }
    lists.push(list);
  }
  return lists;
}

/** Earlier invitations: lines "source:id", or a CSV with columns source,id. */
function readExcluded(file: string): Set<string> {
  const excluded = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split(/\r?\n/)) {
    const [source, id] = line.includes(':') ? [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1)] : line.split(',');
    if (source !== undefined && id !== undefined && source.trim() !== '' && source.trim() !== 'source') excluded.add(`${source.trim()}:${id.trim()}`);
  }
  return excluded;
}

/** What an official record asks beyond the draw itself: who gave the seed, who was there, which language. */
function addRecordOptions(command: Command): Command {
  return command
    .option('--seed-by <who>', 'who gave the seed, for the record')
    .option('--present <person>', 'a person present, with their role, for the record (repeat the option for each)', (value: string, previous: string[]) => [...previous, value], [] as string[])
    .addOption(new Option('--lang <lang>', 'language of the record').choices(['fr', 'en']).default('fr'));
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
      printChecks(result, options.json, 'the draw');
    });
  const invite = sortition
    .command('invite')
    .description("Stage 1: draw the invitations from the city's lists (a mix across sources, proportional by stratum, one per address)")
    .requiredOption('--lists <files>', 'the source lists, comma-separated (CSV: id, family name, given names, birth date, address, postal code or district)')
    .requiredOption('--sources <labels>', 'a label per list, same order (e.g. roll,foreign,young)')
    .requiredOption('--count <n>', 'how many invitations')
    .option('--mix <weights>', 'whole-number weights of the sources, same order (e.g. 80,15,5); default: in proportion to the lists')
    .option('--strata <names>', `what splits each source proportionally: ${STRATA.join(', ')} (comma-separated)`, 'district')
    .requiredOption('--seed <text>', 'the public seed, exactly as announced')
    .option('--on <date>', 'the day ages are counted on, YYYY-MM-DD (default: today in Paris); part of what is published')
    .option('--exclude <file>', 'people invited by earlier draws of the assembly: lines "source:id" (or a CSV with columns source,id)')
    .option('--out <file>', 'also write the invited people as CSV (id, source, stratum)')
    .option('--record <file>', "also write the draw's official record (procès-verbal) as a PDF to sign")
    .option('--assembly <name>', "the assembly's name, for the record");
  addRecordOptions(invite)
    .option('--json', 'print JSON: { invited, allocation, digests, … }')
    .action(
      async (options: {
        lists: string;
        sources: string;
        count: string;
        mix?: string;
        strata: string;
        seed: string;
        on?: string;
        exclude?: string;
        out?: string;
        record?: string;
        assembly?: string;
        seedBy?: string;
        present: string[];
        lang: 'fr' | 'en';
        json?: boolean;
      }) => {
        if (options.record !== undefined && options.assembly === undefined) throw new Error("--record needs --assembly, the assembly's name");
        const files = options.lists.split(',').map((f) => f.trim());
        const labels = options.sources.split(',').map((l) => l.trim());
        if (files.length !== labels.length) throw new Error(`${files.length} lists for ${labels.length} source labels: give one label per list`);
        const lists = await readLists(files, labels);
        if (lists === undefined) return;
        const mix = options.mix === undefined ? lists.map((list) => list.ids.length) : options.mix.split(',').map((w) => Number(w.trim()));
        const on = options.on ?? new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
        const excluded = options.exclude === undefined ? new Set<string>() : readExcluded(options.exclude);
        let draw;
        try {
          draw = drawInvitations(lists, { count: Number(options.count), mix, strata: options.strata.split(',').map((s) => s.trim()) as Stratum[], on }, options.seed, { excluded });
        } catch (error) {
          if (!(error instanceof InvitationDrawError)) throw error;
          process.stderr.write(`pnyx sortition invite: ${error.code}: ${error.message}\n`);
          process.exitCode = 2;
          return;
        }
        if (options.out !== undefined) writeFileSync(options.out, invitedCsv(draw).csv);
        if (options.record !== undefined) {
          const pdf = await invitationRecordPdf(
            draw,
            {
              assembly: options.assembly!,
              drawnAt: new Date().toISOString(),
              ...(options.seedBy === undefined ? {} : { seedGivenBy: options.seedBy }),
              present: options.present,
              lists: Object.fromEntries(lists.map((list, i) => [list.label, { file: basename(files[i]), people: list.ids.length }])),
            },
            options.lang,
          );
          writeFileSync(options.record, pdf);
        }
        if (options.json === true) process.stdout.write(`${JSON.stringify(draw)}\n`);
        else {
          process.stdout.write(`${draw.invited.length} invitations (parameters digest ${draw.parametersDigest}, ages on ${on})\n`);
          for (const [label, digest] of Object.entries(draw.digests)) process.stdout.write(`  ${label}: ${draw.allocation[label].seats} seats, list SHA-256 ${digest}\n`);
          if (draw.shortfall > 0) process.stdout.write(`  ${draw.shortfall} seats left empty: strata ran out of addresses not yet invited\n`);
          if (draw.excluded > 0) process.stdout.write(`  ${draw.excluded} people left out: invited by an earlier draw\n`);
        }
      },
    );
  sortition
    .command('verify-invitations')
    .description('Check a published invitation draw against the lists: their SHA-256, the parameters digest, and a re-run with the seed')
    .requiredOption('--published <file>', 'the draw as published (`pnyx sortition invite --json` output)')
    .requiredOption('--lists <files>', 'the source lists, comma-separated, in the order of the published sources')
    .option('--exclude <file>', 'the earlier invitations given to the draw, if any (lines "source:id")')
    .option('--json', 'print JSON')
    .action(async (options: { published: string; lists: string; exclude?: string; json?: boolean }) => {
      const published = JSON.parse(readFileSync(options.published, 'utf8')) as InvitationDraw;
      const files = options.lists.split(',').map((f) => f.trim());
      const labels = Object.keys(published.digests ?? {});
      const lists = await readLists(
        files,
        files.map((_, i) => labels[i] ?? `list ${i + 1}`),
      );
      if (lists === undefined) return;
      const result = verifyInvitations(lists, published, options.exclude === undefined ? new Set() : readExcluded(options.exclude));
      printChecks(result, options.json, 'the invitations');
    });

  const record = sortition
    .command('record')
    .description('The official record of a draw (procès-verbal) as a PDF to sign: files and digests, quotas, algorithm, lottery digest, seed, members drawn with the quota check')
    .requiredOption('--bundle <file>', 'the drawn bundle (after `pnyx sortition draw`)')
    .requiredOption('--out <file>', 'where to write the PDF')
    .requiredOption('--assembly <name>', "the assembly's name")
    .option('--drawn-at <iso>', 'when the seed was applied (ISO 8601; default: now)')
    .option('--published-at <iso>', 'when the lottery digest was published (ISO 8601)');
  addRecordOptions(record).action(async (options: { bundle: string; out: string; assembly: string; drawnAt?: string; publishedAt?: string; seedBy?: string; present: string[]; lang: 'fr' | 'en' }) => {
    const bundle = JSON.parse(readFileSync(options.bundle, 'utf8')) as DrawBundle;
    for (const [name, value] of [['--drawn-at', options.drawnAt], ['--published-at', options.publishedAt]] as const) {
      if (value !== undefined && Number.isNaN(Date.parse(value))) throw new Error(`${name} must be a date and time, ISO 8601 (e.g. 2026-12-05T10:30:00+01:00)`);
    }
    if (bundle.draw === undefined) throw new Error(`${options.bundle} has no draw yet: apply the seed with \`pnyx sortition draw --bundle … --seed …\` first`);
    const pdf = await drawRecordPdf(
      bundle,
      {
        assembly: options.assembly,
        drawnAt: options.drawnAt ?? new Date().toISOString(),
        ...(options.publishedAt === undefined ? {} : { publishedAt: options.publishedAt }),
        ...(options.seedBy === undefined ? {} : { seedGivenBy: options.seedBy }),
        present: options.present,
        bundleFile: basename(options.bundle),
      },
      options.lang,
    );
    writeFileSync(options.out, pdf);
    process.stdout.write(`record of panel #${bundle.draw.index} (lottery ${bundle.lotteryDigest}) written to ${options.out}\n`);
  });
  return sortition;
}

