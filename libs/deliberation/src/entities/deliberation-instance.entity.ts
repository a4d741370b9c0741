import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A running API instance serving deliberation sockets, and its last sign of life (database time). */
@Entity({ name: 'deliberation_instances' })
export class DeliberationInstanceEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'deliberation_instances_pkey' })
  id!: string;

  @Column({ type: 'timestamptz' })
  heartbeatAt!: Date;
}
