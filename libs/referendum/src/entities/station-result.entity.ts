import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { ReferendumEntity } from './referendum.entity.js';
import type { StationCounts } from './station-tally.entity.js';

/** A polling station's paper count, accepted because two officers entered the same figures. */
@Entity({ name: 'station_results' })
export class StationResultEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'station_results_pkey' })
  referendumId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'station_results_pkey' })
  pollingStation!: string;

  @ManyToOne(() => ReferendumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referendum_id', foreignKeyConstraintName: 'station_results_referendum_fk' })
  referendum?: Relation<ReferendumEntity>;

  @Column({ type: 'text' })
  district!: string;

  @Column({ type: 'jsonb' })
  counts!: StationCounts;

  @Column({ type: 'uuid', array: true })
  officers!: string[];

  @Column({ type: 'timestamptz' })
  acceptedAt!: Date;
}
