import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import type { QuotaLayout } from '@app/sortition';
import { AssemblyEntity } from './assembly.entity.js';

/**
 * A pool of volunteers with its quotas, frozen at upload: the database refuses any UPDATE of a pool
 * or its volunteers. The SHA-256 of each uploaded file lets organisers check (`sha256sum`) that the
 * frozen pool is the file they hold; `quotasCsv` and `poolCsv` are the published, personal-data-free
 * forms every draw from this pool starts from.
 */
@Entity({ name: 'pools' })
@Check('pools_layout_known', `"layout" IN ('panelot','sortition-foundation')`)
@Check('pools_volunteer_count_positive', `"volunteer_count" > 0`)
@Check('pools_digests_hex', `"quotas_sha256" ~ '^[0-9a-f]{64}$' AND "pool_sha256" ~ '^[0-9a-f]{64}$'`)
export class PoolEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pools_pkey' })
  id!: string;

  @Index('pools_assembly_id_idx')
  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'pools_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'text' })
  layout!: QuotaLayout;

  @Column({ type: 'text' })
  quotasFileName!: string;

  @Column({ type: 'text' })
  poolFileName!: string;

  @Column({ type: 'character', length: 64 })
  quotasSha256!: string;

  @Column({ type: 'character', length: 64 })
  poolSha256!: string;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  householdColumns!: string[];

  @Column({ type: 'integer' })
  volunteerCount!: number;

  /** The quotas in the Sortition Foundation layout, as published in draw bundles. */
  @Column({ type: 'text' })
  quotasCsv!: string;

  /** Pseudonymous ids, the quota features and opaque household labels: no personal data. */
  @Column({ type: 'text' })
  poolCsv!: string;

  @Column({ type: 'uuid' })
  uploadedBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'uploaded_by', foreignKeyConstraintName: 'pools_uploaded_by_fk' })
  uploader?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Volunteers' personal columns erased (the retention period after the assembly's term); ids and features stay, so draws re-run. */
  @Column({ type: 'timestamptz', nullable: true })
  personalPurgedAt!: Date | null;
}
