import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import type { SortitionProgress } from '@app/sortition';
import { DrawEntity, type DrawError, type DrawResultSummary, type DrawStatus, type LegacyComparison } from './entities/draw.entity.js';

export type NewDraw = Pick<
  DrawEntity,
  'assemblyId' | 'poolId' | 'kind' | 'size' | 'algorithm' | 'lotterySize' | 'quotasCsv' | 'poolCsv' | 'householdRule' | 'instanceDigest' | 'continuingPersonIds' | 'requestedBy'
>;

/** Draws that hold the assembly's one open slot. */
export const OPEN_DRAW_STATUSES: DrawStatus[] = ['queued', 'running', 'computed'];

/** Every query on `draws`, including the job queue (claim, lease, heartbeat). */
@Injectable()
export class DrawRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private draws(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(DrawEntity);
  }

  insert(draw: NewDraw, manager: EntityManager): Promise<DrawEntity> {
    return this.draws(manager).save(this.draws(manager).create(draw));
  }

  findById(id: string, manager?: EntityManager): Promise<DrawEntity | null> {
    return this.draws(manager).findOneBy({ id });
  }

  lockById(id: string, manager: EntityManager): Promise<DrawEntity | null> {
    return this.draws(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Without the heavy columns (pool, quotas, bundle), newest first. */
  listByAssembly(assemblyId: string): Promise<DrawEntity[]> {
    return this.draws()
      .createQueryBuilder('d')
      .select(['d.id', 'd.assemblyId', 'd.poolId', 'd.kind', 'd.size', 'd.algorithm', 'd.lotterySize', 'd.status', 'd.instanceDigest', 'd.lotteryDigest', 'd.progress'])
      .addSelect(['d.seed', 'd.drawnIndex', 'd.panel', 'd.error', 'd.createdAt', 'd.startedAt', 'd.computedAt', 'd.seededAt', 'd.endedAt', 'd.householdRule', 'd.requestedBy'])
      .addSelect(['d.attempts', 'd.leaseUntil', 'd.continuingPersonIds'])
      .where('d.assembly_id = :assemblyId', { assemblyId })
      .orderBy('d.created_at', 'DESC')
      .getMany();
  }

  findOpen(assemblyId: string, manager: EntityManager): Promise<DrawEntity | null> {
    return this.draws(manager).findOne({ select: { id: true, status: true }, where: { assemblyId, status: In(OPEN_DRAW_STATUSES) } });
  }

  findSeededInitial(assemblyId: string, manager: EntityManager): Promise<DrawEntity | null> {
    return this.draws(manager).findOne({ select: { id: true, poolId: true }, where: { assemblyId, kind: 'initial', status: 'seeded' } });
  }

  /**
   * Takes the oldest queued job, or a running one whose instance stopped renewing its lease, and
   * leases it to the caller. SKIP LOCKED lets several instances claim concurrently without waiting.
   */
  async claimNext(leaseSeconds: number, maxAttempts: number): Promise<DrawEntity | null> {
    const rows = await this.dataSource.query<[Array<{ id: string }>, number]>(
      `UPDATE draws SET status = 'running', attempts = attempts + 1, lease_until = now() + make_interval(secs => $1),
              started_at = COALESCE(started_at, now())
        WHERE id = (SELECT id FROM draws
                     WHERE (status = 'queued' OR (status = 'running' AND lease_until < now())) AND attempts < $2
                     ORDER BY created_at FOR UPDATE SKIP LOCKED LIMIT 1)
        RETURNING id`,
      [leaseSeconds, maxAttempts],
    );
    const id = rows[0][0]?.id;
    return id === undefined ? null : this.findById(id);
  }

  /** Running jobs whose lease ran out after their last allowed attempt. */
  async failAbandoned(maxAttempts: number, error: DrawError): Promise<Array<{ id: string; assemblyId: string }>> {
    const rows = await this.dataSource.query<[Array<{ id: string; assembly_id: string }>, number]>(
      `UPDATE draws SET status = 'failed', error = $2::jsonb, ended_at = now(), lease_until = NULL
        WHERE status = 'running' AND lease_until < now() AND attempts >= $1 RETURNING id, assembly_id`,
      [maxAttempts, JSON.stringify(error)],
    );
    return rows[0].map((row) => ({ id: row.id, assemblyId: row.assembly_id }));
  }

  /** Renews the lease and stores the progress; false when the job is no longer ours to run (cancelled). */
  async heartbeat(id: string, leaseSeconds: number, progress: SortitionProgress | null): Promise<boolean> {
    const rows = await this.dataSource.query<[unknown[], number]>(
      `UPDATE draws SET lease_until = now() + make_interval(secs => $2), progress = COALESCE($3::jsonb, progress)
        WHERE id = $1 AND status = 'running' RETURNING id`,
      [id, leaseSeconds, progress === null ? null : JSON.stringify(progress)],
    );
    return rows[1] > 0;
  }

  /** Stores the computed lottery, if the job is still running (not cancelled meanwhile). */
  async complete(id: string, outcome: { bundle: string; lotteryDigest: string; result: DrawResultSummary }, manager: EntityManager): Promise<boolean> {
    const result = await this.draws(manager)
      .createQueryBuilder()
      .update()
      .set({ status: 'computed', bundle: outcome.bundle, lotteryDigest: outcome.lotteryDigest, result: outcome.result, computedAt: () => 'now()', leaseUntil: null })
      .where('id = :id AND status = :running', { id, running: 'running' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  async fail(id: string, error: DrawError, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<[unknown[], number]>(
      `UPDATE draws SET status = 'failed', error = $2::jsonb, ended_at = now(), lease_until = NULL WHERE id = $1 AND status = 'running' RETURNING id`,
      [id, JSON.stringify(error)],
    );
    return rows[1] > 0;
  }

  /** Puts a running job back in the queue (this instance is shutting down). */
  async release(id: string): Promise<void> {
    await this.draws().createQueryBuilder().update().set({ status: 'queued', leaseUntil: null }).where('id = :id AND status = :running', { id, running: 'running' }).execute();
  }

  async cancel(id: string, manager: EntityManager): Promise<void> {
    await this.draws(manager).update({ id }, { status: 'cancelled', endedAt: new Date(), leaseUntil: null });
  }

  /**
   * Starts LEGACY's comparison on a computed or seeded draw unless one is running (a run whose
   * instance died is taken over after `staleSeconds`). False when another run holds it.
   */
  async claimLegacyComparison(id: string, runs: number, startedAt: string, staleSeconds: number): Promise<boolean> {
    const rows = await this.dataSource.query<[unknown[], number]>(
      `UPDATE draws SET legacy_comparison = jsonb_build_object('status', 'running', 'runs', $2::int, 'startedAt', $3::text)
        WHERE id = $1 AND status IN ('computed', 'seeded')
          AND (legacy_comparison IS NULL OR legacy_comparison->>'status' <> 'running'
               OR (legacy_comparison->>'startedAt')::timestamptz < now() - make_interval(secs => $4))
        RETURNING id`,
      [id, runs, startedAt, staleSeconds],
    );
    return rows[1] > 0;
  }

  /** Stores the outcome of the run started at `startedAt` (not one that took it over since). */
  async settleLegacyComparison(id: string, startedAt: string, outcome: LegacyComparison): Promise<boolean> {
    const rows = await this.dataSource.query<[unknown[], number]>(
      `UPDATE draws SET legacy_comparison = $3::jsonb
        WHERE id = $1 AND legacy_comparison->>'status' = 'running' AND legacy_comparison->>'startedAt' = $2 RETURNING id`,
      [id, startedAt, JSON.stringify(outcome)],
    );
    return rows[1] > 0;
  }

  async seed(
    id: string,
    seeded: { seed: string; drawnIndex: number; panel: string[]; bundle: string; at: Date; seedGivenBy: string | null; present: string[] | null },
    manager: EntityManager,
  ): Promise<DrawEntity> {
    await this.draws(manager).update(
      { id },
      { status: 'seeded', seed: seeded.seed, drawnIndex: seeded.drawnIndex, panel: seeded.panel, bundle: seeded.bundle, seededAt: seeded.at, seedGivenBy: seeded.seedGivenBy, present: seeded.present },
    );
    return (await this.findById(id, manager))!;
  }
}
