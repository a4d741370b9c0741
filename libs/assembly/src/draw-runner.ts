import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AuditLogService, type AppConfig } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { InfeasibleQuotasError, publishedInstance, runInWorker, SortitionCancelled, type SortitionProgress } from '@app/sortition';
import { AssemblyErrorCode } from './assembly.exception.js';
import { DrawEvents } from './draw-events.js';
import { DrawRepository } from './draw.repository.js';
import type { DrawEntity, DrawError } from './entities/draw.entity.js';

/** A running job renews its lease this often; another instance takes over a job whose lease expired. */
const HEARTBEAT_MS = 5_000;
const LEASE_SECONDS = 30;
/** Looks for queued or abandoned jobs this often (a request also wakes the runner at once). */
const SWEEP_MS = 10_000;
/** A job interrupted this many times (crashes, restarts) fails instead of starting again. */
const MAX_ATTEMPTS = 3;
/** Progress events to sockets at most this often per job. */
const PROGRESS_EVENT_MS = 250;

interface RunningJob {
  controller: AbortController;
  /** Why we aborted: the draw was cancelled, or this instance is stopping (the job goes back to the queue). */
  reason?: 'cancelled' | 'shutdown';
  done: Promise<void>;
}

/**
 * Runs draw jobs: claims them from the `draws` table (SKIP LOCKED, leased), computes the lottery in
 * a worker thread with progress and a time budget, and stores the result. Jobs survive restarts and
 * instance crashes: an expired lease puts a job back up for grabs, up to MAX_ATTEMPTS; the
 * computation is deterministic, so a re-run gives the same lottery.
 */
@Injectable()
export class DrawRunner implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('DrawRunner');
  private readonly running = new Map<string, RunningJob>();
  private sweepTimer: NodeJS.Timeout | undefined;
  private pumping = false;
  private pumpAgain = false;
  private stopping = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly draws: DrawRepository,
    private readonly events: DrawEvents,
    private readonly audit: AuditLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.sweepTimer = setInterval(() => this.wake(), SWEEP_MS);
    this.sweepTimer.unref();
    this.wake();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearInterval(this.sweepTimer);
    for (const job of this.running.values()) {
      job.reason ??= 'shutdown';
      job.controller.abort();
    }
    await Promise.allSettled([...this.running.values()].map((job) => job.done));
  }

  /** Looks for work now (after a request, or on the sweep timer). */
  wake(): void {
    if (this.stopping) return;
    void this.pump().catch((error: unknown) => this.logger.error({ msg: 'draw queue sweep failed', error: String(error) }));
  }

  /** Stops the job here if this instance runs it (other instances notice at their next heartbeat). */
  abort(drawId: string): void {
    const job = this.running.get(drawId);
    if (job === undefined) return;
    job.reason = 'cancelled';
    job.controller.abort();
  }

  private async pump(): Promise<void> {
    if (this.pumping) {
      this.pumpAgain = true;
      return;
    }
    this.pumping = true;
    try {
      do {
        this.pumpAgain = false;
        const interrupted = { code: AssemblyErrorCode.DRAW_INTERRUPTED, message: `The draw was interrupted ${MAX_ATTEMPTS} times` };
        for (const { id, assemblyId } of await this.draws.failAbandoned(MAX_ATTEMPTS, interrupted)) {
          await this.audit.record({ actor: 'system', action: 'draw.failed', subjectType: 'assembly', subjectId: assemblyId, data: { drawId: id, code: interrupted.code } });
        }
        while (!this.stopping && this.running.size < this.config.sortitionConcurrency) {
          const draw = await this.draws.claimNext(LEASE_SECONDS, MAX_ATTEMPTS);
          if (draw === null) break;
          this.start(draw);
        }
      } while (this.pumpAgain && !this.stopping);
    } finally {
      this.pumping = false;
    }
  }

  private start(draw: DrawEntity): void {
    const controller = new AbortController();
    const job: RunningJob = { controller, done: Promise.resolve() };
    this.running.set(draw.id, job);
    job.done = this.run(draw, job)
      .catch((error: unknown) => this.logger.error({ msg: 'draw job crashed', drawId: draw.id, error: String(error) }))
      .finally(() => {
        this.running.delete(draw.id);
        this.wake();
      });
  }

  private async run(draw: DrawEntity, job: RunningJob): Promise<void> {
    this.events.publish({ drawId: draw.id, assemblyId: draw.assemblyId, status: 'running', progress: draw.progress });
    let latest: SortitionProgress | null = null;
    let lastEvent = 0;
    const heartbeat = setInterval(() => {
      void this.draws.heartbeat(draw.id, LEASE_SECONDS, latest).then(
        (stillOurs) => {
          if (!stillOurs) this.abort(draw.id);
        },
        (error: unknown) => this.logger.warn({ msg: 'draw heartbeat failed', drawId: draw.id, error: String(error) }),
      );
    }, HEARTBEAT_MS);
    try {
      const outcome = await runInWorker(
        {
          kind: 'bundle',
          solver: this.config.sortitionSolver,
          instance: publishedInstance({ quotasCsv: draw.quotasCsv, poolCsv: draw.poolCsv, size: draw.size, householdRule: draw.householdRule }),
          algorithm: draw.algorithm,
          lotterySize: draw.lotterySize,
        },
        {
          signal: job.controller.signal,
          timeBudgetMs: this.config.sortitionTimeBudgetSeconds * 1000,
          onProgress: (progress) => {
            latest = progress;
            const now = Date.now();
            if (now - lastEvent < PROGRESS_EVENT_MS) return;
            lastEvent = now;
            this.events.publish({ drawId: draw.id, assemblyId: draw.assemblyId, status: 'running', progress });
          },
        },
      );
      const { distribution } = outcome;
      const result = {
        poolSize: distribution.poolSize,
        types: distribution.types,
        minProbability: distribution.minProbability,
        maxProbability: distribution.maxProbability,
        gini: distribution.gini,
        kOverN: distribution.size / distribution.poolSize,
        panelCount: distribution.panels.length,
        lotteryMaxDeviation: outcome.maxDeviation,
        probabilities: distribution.probabilities,
      };
      const stored = await inTransaction(this.dataSource, async (manager) => {
        const completed = await this.draws.complete(draw.id, { bundle: JSON.stringify(outcome.bundle, null, 2), lotteryDigest: outcome.bundle.lotteryDigest, result }, manager);
        if (completed) {
          await this.audit.record(
            {
              actor: 'system',
              action: 'draw.computed',
              subjectType: 'assembly',
              subjectId: draw.assemblyId,
              data: { drawId: draw.id, lotteryDigest: outcome.bundle.lotteryDigest, instanceDigest: outcome.bundle.instanceDigest, minProbability: result.minProbability },
            },
            manager,
          );
        }
        return completed;
      });
      if (stored) this.events.publish({ drawId: draw.id, assemblyId: draw.assemblyId, status: 'computed', progress: latest });
    } catch (error) {
      await this.settleFailure(draw, job, error);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async settleFailure(draw: DrawEntity, job: RunningJob, error: unknown): Promise<void> {
    if (error instanceof SortitionCancelled && error.reason === 'cancelled') {
      if (job.reason === 'shutdown') await this.draws.release(draw.id);
      return; // cancelled by an organiser: the row already says so
    }
    let failure: DrawError;
    if (error instanceof SortitionCancelled) {
      failure = { code: AssemblyErrorCode.DRAW_TIME_BUDGET_EXCEEDED, message: `The draw ran out of its time budget (${this.config.sortitionTimeBudgetSeconds} s)` };
    } else if (error instanceof InfeasibleQuotasError) {
      failure = { code: AssemblyErrorCode.QUOTAS_INFEASIBLE, message: error.message, details: error.report };
    } else {
      this.logger.error({ msg: 'draw computation failed', drawId: draw.id, error: error instanceof Error ? error.message : String(error) });
      failure = { code: AssemblyErrorCode.DRAW_FAILED, message: 'The computation failed; see the server log' };
    }
    const failed = await inTransaction(this.dataSource, async (manager) => {
      const changed = await this.draws.fail(draw.id, failure, manager);
      if (changed) {
        await this.audit.record({ actor: 'system', action: 'draw.failed', subjectType: 'assembly', subjectId: draw.assemblyId, data: { drawId: draw.id, code: failure.code } }, manager);
      }
      return changed;
    });
    if (failed) this.events.publish({ drawId: draw.id, assemblyId: draw.assemblyId, status: 'failed', progress: null });
  }
}
