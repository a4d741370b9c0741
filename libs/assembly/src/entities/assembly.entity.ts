import { Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';

export const ASSEMBLY_STATUSES = ['forming', 'active', 'ended'] as const;
export type AssemblyStatus = (typeof ASSEMBLY_STATUSES)[number];

/** A citizens' assembly: `seats` members drawn by lot for a term. */
@Entity({ name: 'assemblies' })
@Check('assemblies_name_length', `char_length("name") BETWEEN 1 AND 200`)
@Check('assemblies_seats_range', `"seats" BETWEEN 1 AND 1000`)
@Check('assemblies_term_order', `"term_end" > "term_start"`)
@Check('assemblies_status_known', `"status" IN ('forming','active','ended')`)
export class AssemblyEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'assemblies_pkey' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'integer' })
  seats!: number;

  @Column({ type: 'date' })
  termStart!: string;

  @Column({ type: 'date' })
  termEnd!: string;

  @Column({ type: 'text', default: 'forming' })
  status!: AssemblyStatus;

  @Column({ type: 'uuid' })
  createdBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'assemblies_created_by_fk' })
  creator?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
