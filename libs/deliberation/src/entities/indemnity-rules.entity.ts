import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AssemblyEntity } from '@app/assembly';
import { AccountEntity } from '@app/identity';

/** What an assembly pays its members for attending (libs/indemnities applies it). */
@Entity({ name: 'indemnity_rules' })
@Check('indemnity_rules_amount_range', `"cents_per_half_day" BETWEEN 0 AND 1000000`)
@Check('indemnity_rules_minimum_range', `"minimum_minutes" BETWEEN 1 AND 720`)
@Check('indemnity_rules_cap_range', `"monthly_cap_cents" IS NULL OR "monthly_cap_cents" BETWEEN 0 AND 100000000`)
export class IndemnityRulesEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'indemnity_rules_pkey' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'indemnity_rules_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'integer' })
  centsPerHalfDay!: number;

  @Column({ type: 'integer' })
  minimumMinutes!: number;

  @Column({ type: 'integer', nullable: true })
  monthlyCapCents!: number | null;

  @Column({ type: 'uuid' })
  updatedBy!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'updated_by', foreignKeyConstraintName: 'indemnity_rules_updated_by_fk' })
  updater?: Relation<AccountEntity>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
