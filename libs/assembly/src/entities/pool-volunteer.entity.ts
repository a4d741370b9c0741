import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { PoolEntity } from './pool.entity.js';

/**
 * One volunteer of a frozen pool. `personId` is the pseudonymous id the public sees (the file's
 * `id`/`nationbuilder_id`, else the row number); `personal` holds every other column (names,
 * contacts), for the assembly's organisers only.
 */
@Entity({ name: 'pool_volunteers' })
export class PoolVolunteerEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'pool_volunteers_pkey' })
  poolId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'pool_volunteers_pkey' })
  personId!: string;

  @ManyToOne(() => PoolEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pool_id', foreignKeyConstraintName: 'pool_volunteers_pool_fk' })
  pool?: Relation<PoolEntity>;

  /** 1-based data row in the uploaded file. */
  @Column({ type: 'integer' })
  rowNumber!: number;

  /** Category -> value, spelled as in the quotas. */
  @Column({ type: 'jsonb' })
  features!: Record<string, string>;

  /** Opaque household label (h1, h2, …) when the household rule is on. */
  @Column({ type: 'text', nullable: true })
  household!: string | null;

  /** Every other column of the uploaded row. */
  @Column({ type: 'jsonb' })
  personal!: Record<string, string>;
}
