import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import type { Algorithm, SortitionProgress } from '@app/sortition';
import { AssemblyEntity } from './assembly.entity.js';
import { PoolEntity } from './pool.entity.js';

export const DRAW_KINDS = ['initial', 'replacement'] as const;
export type DrawKind = (typeof DRAW_KINDS)[number];
export const DRAW_STATUSES = ['queued', 'running', 'computed', 'seeded', 'failed', 'cancelled'] as const;
export type DrawStatus = (typeof DRAW_STATUSES)[number];

/** Published summary of the computed distribution. */
export interface DrawResultSummary {
  poolSize: number;
  types: number;
  minProbability: number;
  maxProbability: number;
  gini: number;
  kOverN: number;
  panelCount: number;
  lotteryMaxDeviation: number;
  probabilities: Record<string, number>;
}

/**
 * LEGACY's empirical distribution on the same instance, computed on request so organisers can show
 * what the fair algorithm changed (Flanigan et al. 2021 compare them the same way). It changes
 * nothing in the draw.
 */
export type LegacyComparison =
  | { status: 'running'; runs: number; startedAt: string }
  | { status: 'computed'; runs: number; failures: number; minProbability: number; maxProbability: number; gini: number; probabilities: Record<string, number>; computedAt: string }
  | { status: 'failed'; runs: number; code: string; message: string; endedAt: string };

export interface DrawError {
  code: string;
  message: string;
  details?: unknown;
}

/**
 * A draw job: queued → running → computed (lottery digest published) → seeded (panel chosen by the
 * public seed), or failed / cancelled. The instance it draws from (quotas and pseudonymous pool) is
 * frozen in the row when it is requested, so what runs is exactly what was asked for.
 */
@Entity({ name: 'draws' })
@Check('draws_kind_known', `"kind" IN ('initial','replacement')`)
@Check('draws_status_known', `"status" IN ('queued','running','computed','seeded','failed','cancelled')`)
@Check('draws_algorithm_known', `"algorithm" IN ('leximin','maximin','legacy')`)
@Check('draws_size_positive', `"size" > 0`)
@Check('draws_lottery_size_range', `"lottery_size" BETWEEN 1 AND 100000`)
@Check('draws_computed_has_lottery', `"status" NOT IN ('computed','seeded') OR ("lottery_digest" IS NOT NULL AND "bundle" IS NOT NULL AND "result" IS NOT NULL)`)
@Check('draws_seed_given_by_length', `"seed_given_by" IS NULL OR char_length("seed_given_by") BETWEEN 1 AND 200`)
@Check('draws_present_bounded', `"present" IS NULL OR cardinality("present") <= 30`)
@Check('draws_record_after_seed', `("seed_given_by" IS NULL AND "present" IS NULL) OR "status" = 'seeded'`)
@Check('draws_seeded_has_panel', `("status" = 'seeded') = ("seed" IS NOT NULL AND "drawn_index" IS NOT NULL AND "panel" IS NOT NULL)`)
@Index('draws_one_open_per_assembly', ['assemblyId'], { unique: true, where: `"status" IN ('queued','running','computed')` })
@Index('draws_one_initial_per_assembly', ['assemblyId'], { unique: true, where: `"kind" = 'initial' AND "status" = 'seeded'` })
@Index('draws_assembly_id_idx', ['assemblyId'])
@Index('draws_claimable', ['createdAt'], { where: `"status" IN ('queued','running')` })
export class DrawEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'draws_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'draws_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'uuid' })
  poolId!: string;

  @ManyToOne(() => PoolEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'draws_pool_fk' })
  pool?: Relation<PoolEntity>;

  @Column({ type: 'text' })
  kind!: DrawKind;

  @Column({ type: 'integer' })
  size!: number;

  @Column({ type: 'text' })
  algorithm!: Algorithm;

  @Column({ type: 'integer' })
  lotterySize!: number;

  @Column({ type: 'text', default: 'queued' })
  status!: DrawStatus;

  @Column({ type: 'text' })
  quotasCsv!: string;

  @Column({ type: 'text' })
  poolCsv!: string;

  @Column({ type: 'boolean' })
  householdRule!: boolean;

  @Column({ type: 'character', length: 64 })
  instanceDigest!: string;

  /** Replacement draws: the drawn members who stayed, when requested (seeding checks it still holds). */
  @Column({ type: 'text', array: true, nullable: true })
  continuingPersonIds!: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  progress!: SortitionProgress | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** While running: the instance running it renews this; past it, another instance may take over. */
  @Column({ type: 'timestamptz', nullable: true })
  leaseUntil!: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  result!: DrawResultSummary | null;

  /** The bundle's exact JSON text (kept as text so the download is byte-stable). */
  @Column({ type: 'text', nullable: true })
  bundle!: string | null;

  @Column({ type: 'character', length: 64, nullable: true })
  lotteryDigest!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  error!: DrawError | null;

  @Column({ type: 'text', nullable: true })
  seed!: string | null;

  @Column({ type: 'integer', nullable: true })
  drawnIndex!: number | null;

  @Column({ type: 'text', array: true, nullable: true })
  panel!: string[] | null;

  @Column({ type: 'jsonb', nullable: true })
  legacyComparison!: LegacyComparison | null;

  /** For the official record: who gave the seed, entered with it. */
  @Column({ type: 'text', nullable: true })
  seedGivenBy!: string | null;

  /** For the official record: the people present at the draw (name and role), entered with the seed. */
  @Column({ type: 'text', array: true, nullable: true })
  present!: string[] | null;

  @Column({ type: 'uuid' })
  requestedBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'requested_by', foreignKeyConstraintName: 'draws_requested_by_fk' })
  requester?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  computedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  seededAt!: Date | null;

  /** When it failed or was cancelled. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;
}
