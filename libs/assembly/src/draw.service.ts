import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, APP_CONFIG, AuditLogService, CLOCK, type AppConfig, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import {
  anonymisedPoolCsv,
  applySeed,
  DEFAULT_LOTTERY_SIZE,
  drawRecordPdf,
  instanceDigest,
  publishedInstance,
  quotasCsv,
  replacementInstance,
  runInWorker,
  type Algorithm,
  type DrawBundle,
  type RecordLanguage,
  type SortitionInstance,
} from '@app/sortition';
import { AssemblyAccess } from './assembly-access.js';
import { AssemblyException } from './assembly.exception.js';
import { AssemblyRepository } from './assembly.repository.js';
import { DrawEvents } from './draw-events.js';
import { DrawRepository } from './draw.repository.js';
import { DrawRunner } from './draw-runner.js';
import type { AssemblyEntity } from './entities/assembly.entity.js';
import type { DrawEntity, LegacyComparison } from './entities/draw.entity.js';
import type { PoolEntity } from './entities/pool.entity.js';
import { PoolRepository } from './pool.repository.js';
import { QuotaChecker } from './quota-checker.js';

export interface DrawRequest {
  poolId?: string;
  algorithm?: Algorithm;
  lotterySize?: number;
}

function poolInstance(pool: PoolEntity, size: number): SortitionInstance {
  return publishedInstance({ quotasCsv: pool.quotasCsv, poolCsv: pool.poolCsv, size, householdRule: pool.householdColumns.length > 0 });
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a);
  return left.size === new Set(b).size && b.every((id) => left.has(id));
}

/**
 * Draws: requested (202, a job), computed in a worker (lottery digest published), then seeded in
 * public, which selects the panel and seats it. Replacement draws fill vacancies the same way.
 */
@Injectable()
export class DrawService {
  private readonly logger = new Logger('DrawService');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assemblies: AssemblyRepository,
    private readonly pools: PoolRepository,
    private readonly draws: DrawRepository,
    private readonly access: AssemblyAccess,
    private readonly checker: QuotaChecker,
    private readonly runner: DrawRunner,
    private readonly events: DrawEvents,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The first draw of an assembly: `seats` members from a pool (the latest unless named). */
  async requestInitial(principal: Principal, assemblyId: string, request: DrawRequest): Promise<DrawEntity> {
    const draw = await this.insertDraw(principal, assemblyId, async (manager, assembly) => {
      if ((await this.draws.findSeededInitial(assemblyId, manager)) !== null) throw AssemblyException.alreadyDrawn();
      const pool = request.poolId === undefined ? await this.pools.latestOfAssembly(assemblyId, manager) : await this.pools.findById(request.poolId, manager);
      if (pool === null) throw request.poolId === undefined ? AssemblyException.noPool() : AssemblyException.poolNotFound();
      if (pool.assemblyId !== assemblyId) throw AssemblyException.poolNotOfAssembly();
      const instance = poolInstance(pool, assembly.seats);
      return { pool, instance, kind: 'initial' as const, continuingPersonIds: null };
    }, request);
    this.runner.wake();
    return draw;
  }

  /**
   * Replacements for members who left: among the pool's never-drawn volunteers, as many as there are
   * empty seats, under the quotas minus what the continuing members hold (libs/sortition
   * replacementInstance). Feasibility is checked first, outside the transaction; the transaction then
   * confirms the members did not change meanwhile.
   */
  async requestReplacement(principal: Principal, assemblyId: string, request: Omit<DrawRequest, 'poolId'>): Promise<DrawEntity> {
    await this.access.requireOrganiser(principal, assemblyId, 'draw replacements');
    const planned = await this.planReplacement(assemblyId);
    await this.checker.requireFeasible(planned.plan.instance, planned.plan.overQuota);
    const draw = await this.insertDraw(principal, assemblyId, async (manager) => {
      const now = await this.planReplacement(assemblyId, manager);
      if (!sameSet(now.continuing, planned.continuing) || now.pool.id !== planned.pool.id) throw AssemblyException.drawStale();
      return { pool: now.pool, instance: now.plan.instance, kind: 'replacement' as const, continuingPersonIds: now.continuing };
    }, request);
    this.runner.wake();
    return draw;
  }

  private async planReplacement(assemblyId: string, manager: EntityManager = this.dataSource.manager) {
    const assembly = await this.assemblies.findById(assemblyId, manager);
    if (assembly === null) throw AssemblyException.assemblyNotFound();
    const initial = await this.draws.findSeededInitial(assemblyId, manager);
    if (initial === null) throw AssemblyException.notDrawn();
    const pool = (await this.pools.findById(initial.poolId, manager))!;
    const seated = (await this.assemblies.activeDrawn(assemblyId, manager)).filter((m) => m.role === 'member' && m.poolId === pool.id);
    const vacancies = assembly.seats - seated.length;
    if (vacancies <= 0) throw AssemblyException.noVacancies();
    const continuing = seated.map((m) => m.personId!);
    const everDrawn = await this.assemblies.everDrawnPersonIds(assemblyId, pool.id, manager);
    const plan = replacementInstance(poolInstance(pool, assembly.seats), new Set(continuing), new Set(everDrawn), vacancies);
    return { pool, continuing, plan };
  }

  private async insertDraw(
    principal: Principal,
    assemblyId: string,
    prepare: (
      manager: EntityManager,
      assembly: AssemblyEntity,
    ) => Promise<{ pool: PoolEntity; instance: SortitionInstance; kind: 'initial' | 'replacement'; continuingPersonIds: string[] | null }>,
    request: DrawRequest,
  ): Promise<DrawEntity> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const assembly = await this.assemblies.lockById(assemblyId, manager);
        if (assembly === null) throw AssemblyException.assemblyNotFound();
        await this.access.requireOrganiser(principal, assemblyId, 'run draws', manager);
        if (assembly.status === 'ended') throw AssemblyException.assemblyEnded();
        const open = await this.draws.findOpen(assemblyId, manager);
        if (open !== null) throw AssemblyException.drawInProgress(open.id);
        const { pool, instance, kind, continuingPersonIds } = await prepare(manager, assembly);
        const algorithm = request.algorithm ?? 'leximin';
        const draw = await this.draws.insert(
          {
            assemblyId,
            poolId: pool.id,
            kind,
            size: instance.size,
            algorithm,
            lotterySize: request.lotterySize ?? DEFAULT_LOTTERY_SIZE,
            quotasCsv: quotasCsv(instance),
            poolCsv: anonymisedPoolCsv(instance),
            householdRule: instance.householdColumns.length > 0,
            instanceDigest: instanceDigest(instance),
            continuingPersonIds,
            requestedBy: principal.accountId,
          },
          manager,
        );
        await this.audit.record(
          {
            actor: actorOf(principal.accountId),
            action: 'draw.requested',
            subjectType: 'assembly',
            subjectId: assemblyId,
            data: { drawId: draw.id, kind, poolId: pool.id, size: draw.size, algorithm, lotterySize: draw.lotterySize, instanceDigest: draw.instanceDigest },
          },
          manager,
        );
        return draw;
      });
    } catch (error) {
      // Two requests at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw AssemblyException.drawInProgress();
      throw error;
    }
  }

  async get(drawId: string): Promise<DrawEntity> {
    const draw = await this.draws.findById(drawId);
    if (draw === null) throw AssemblyException.drawNotFound();
    return draw;
  }

  async list(assemblyId: string): Promise<DrawEntity[]> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    return this.draws.listByAssembly(assemblyId);
  }

  /** Stops a queued or running draw, or discards a computed one before its seed. Audited. */
  async cancel(principal: Principal, drawId: string, reason: string): Promise<DrawEntity> {
    const cancelled = await inTransaction(this.dataSource, async (manager) => {
      const draw = await this.draws.lockById(drawId, manager);
      if (draw === null) throw AssemblyException.drawNotFound();
      await this.access.requireOrganiser(principal, draw.assemblyId, 'cancel draws', manager);
      if (!['queued', 'running', 'computed'].includes(draw.status)) throw AssemblyException.drawNotCancellable(draw.status);
      await this.draws.cancel(drawId, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'draw.cancelled', subjectType: 'assembly', subjectId: draw.assemblyId, data: { drawId, from: draw.status, reason: reason.trim() } },
        manager,
      );
      return (await this.draws.findById(drawId, manager))!;
    });
    this.runner.abort(drawId);
    this.events.publish({ drawId, assemblyId: cancelled.assemblyId, status: 'cancelled', progress: cancelled.progress });
    return cancelled;
  }

  /**
   * The public seed picks one panel of the published lottery (libs/sortition drawFromLottery); its
   * members are seated at once, in the same transaction.
   */
  async seed(principal: Principal, drawId: string, entered: { seed: string; seedGivenBy?: string; present?: string[] }): Promise<DrawEntity> {
    const { seed } = entered;
    const seeded = await inTransaction(this.dataSource, async (manager) => {
      const unlocked = await this.draws.findById(drawId, manager);
      if (unlocked === null) throw AssemblyException.drawNotFound();
      // Lock order everywhere: assembly, then draw.
      const assembly = (await this.assemblies.lockById(unlocked.assemblyId, manager))!;
      const draw = (await this.draws.lockById(drawId, manager))!;
      await this.access.requireOrganiser(principal, draw.assemblyId, 'enter seeds', manager);
      if (draw.status === 'seeded') throw AssemblyException.drawAlreadySeeded();
      if (draw.status !== 'computed') throw AssemblyException.drawNotComputed(draw.status);
      if (assembly.status === 'ended') throw AssemblyException.assemblyEnded();
      if (draw.kind === 'replacement') {
        const seated = (await this.assemblies.activeDrawn(draw.assemblyId, manager)).filter((m) => m.role === 'member' && m.poolId === draw.poolId);
        if (!sameSet(seated.map((m) => m.personId!), draw.continuingPersonIds ?? [])) throw AssemblyException.drawStale();
      }
      const bundle = applySeed(JSON.parse(draw.bundle!) as DrawBundle, seed);
      const result = await this.draws.seed(
        drawId,
        {
          seed,
          drawnIndex: bundle.draw!.index,
          panel: bundle.draw!.panel,
          bundle: JSON.stringify(bundle, null, 2),
          at: this.clock.now(),
          seedGivenBy: entered.seedGivenBy ?? null,
          present: entered.present ?? null,
        },
        manager,
      );
      await this.assemblies.insertMemberships(
        bundle.draw!.panel.map((personId) => ({ assemblyId: draw.assemblyId, role: 'member' as const, poolId: draw.poolId, personId, drawId })),
        manager,
      );
      await this.audit.record(
        {
          actor: actorOf(principal.accountId),
          action: 'draw.seeded',
          subjectType: 'assembly',
          subjectId: draw.assemblyId,
          data: { drawId, kind: draw.kind, seed, seedGivenBy: entered.seedGivenBy ?? null, present: entered.present ?? [], lotteryDigest: draw.lotteryDigest, index: bundle.draw!.index, panel: bundle.draw!.panel },
        },
        manager,
      );
      return result;
    });
    this.events.publish({ drawId, assemblyId: seeded.assemblyId, status: 'seeded', progress: seeded.progress });
    return seeded;
  }

  /**
   * LEGACY's empirical distribution (`runs` runs) on the draw's own instance, beside the fair one:
   * computed in a worker, in the background (202); the draw's socket room hears when it is done. It
   * changes nothing in the draw. Asking again while it runs follows the same run.
   */
  async compareWithLegacy(principal: Principal, drawId: string, runs: number): Promise<DrawEntity> {
    const draw = await this.get(drawId);
    await this.access.requireOrganiser(principal, draw.assemblyId, 'compare draws with LEGACY');
    if (draw.status !== 'computed' && draw.status !== 'seeded') throw AssemblyException.drawNotComputed(draw.status);
    if (draw.legacyComparison?.status === 'computed' && draw.legacyComparison.runs === runs) return draw;
    const startedAt = this.clock.now().toISOString();
    const budgetMs = this.config.sortitionTimeBudgetSeconds * 1000;
    if (await this.draws.claimLegacyComparison(drawId, runs, startedAt, budgetMs / 1000 + 60)) void this.runLegacyComparison(draw, runs, startedAt, budgetMs);
    return this.get(drawId);
  }

  private async runLegacyComparison(draw: DrawEntity, runs: number, startedAt: string, budgetMs: number): Promise<void> {
    let outcome: LegacyComparison;
    try {
      const instance = publishedInstance({ quotasCsv: draw.quotasCsv, poolCsv: draw.poolCsv, size: draw.size, householdRule: draw.householdRule });
      const result = await runInWorker({ kind: 'distribution', solver: this.config.sortitionSolver, instance, algorithm: 'legacy', legacyRuns: runs }, { timeBudgetMs: budgetMs });
      outcome = {
        status: 'computed',
        runs,
        failures: result.legacy?.failures ?? 0,
        minProbability: result.minProbability,
        maxProbability: result.maxProbability,
        gini: result.gini,
        probabilities: result.probabilities,
        computedAt: this.clock.now().toISOString(),
      };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.logger.warn({ msg: 'LEGACY comparison failed', drawId: draw.id, error: message });
      outcome = { status: 'failed', runs, code: 'LEGACY_COMPARISON_FAILED', message: `LEGACY could not be run on this instance: ${message}`, endedAt: this.clock.now().toISOString() };
    }
    try {
      if (await this.draws.settleLegacyComparison(draw.id, startedAt, outcome)) {
        const current = await this.get(draw.id);
        this.events.publish({ drawId: draw.id, assemblyId: draw.assemblyId, status: current.status, progress: current.progress });
      }
    } catch (error) {
      this.logger.warn({ msg: 'could not store the LEGACY comparison', drawId: draw.id, error: String(error) }); // asking again takes it over later
    }
  }

  /** The draw's audit bundle (JSON), once its lottery is computed; with the seed and panel once seeded. */
  async bundle(drawId: string): Promise<{ fileName: string; json: string }> {
    const draw = await this.get(drawId);
    if (draw.bundle === null) throw AssemblyException.drawNotComputed(draw.status);
    return { fileName: bundleFileName(draw), json: draw.bundle };
  }

  /**
   * The official record (procès-verbal) of a seeded draw, as a PDF to print and sign: organisers of
   * the assembly only, since it names the people present. The lottery digest counts as published
   * when the draw was computed (GET /draws/:id shows it from then on).
   */
  async recordPdf(principal: Principal, drawId: string, language: RecordLanguage): Promise<{ fileName: string; pdf: Buffer }> {
    const draw = await this.get(drawId);
    await this.access.requireOrganiser(principal, draw.assemblyId, 'download official records');
    if (draw.status !== 'seeded') throw AssemblyException.drawNotSeeded(draw.status);
    const assembly = (await this.assemblies.findById(draw.assemblyId))!;
    const pdf = await drawRecordPdf(
      JSON.parse(draw.bundle!) as DrawBundle,
      {
        assembly: assembly.name,
        drawnAt: draw.seededAt!.toISOString(),
        ...(draw.computedAt === null ? {} : { publishedAt: draw.computedAt.toISOString() }),
        ...(draw.seedGivenBy === null ? {} : { seedGivenBy: draw.seedGivenBy }),
        present: draw.present ?? [],
        bundleFile: bundleFileName(draw),
      },
      language,
    );
    return { fileName: `${language === 'fr' ? 'proces-verbal' : 'record'}-draw-${draw.id}.pdf`, pdf };
  }
}

function bundleFileName(draw: DrawEntity): string {
  return `draw-${draw.id}.json`;
}
