import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AssemblyEntity } from '@app/assembly';

/** Per assembly: how many supports a petition needs, and for how long it collects them. */
@Entity({ name: 'agenda_settings' })
@Check('agenda_settings_threshold_positive', `"petition_threshold" >= 1`)
@Check('agenda_settings_days_range', `"petition_days" BETWEEN 1 AND 730`)
export class AgendaSettingsEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'agenda_settings_pkey' })
  assemblyId!: string;

  @OneToOne(() => AssemblyEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'agenda_settings_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'integer', default: 5000 })
  petitionThreshold!: number;

  @Column({ type: 'integer', default: 90 })
  petitionDays!: number;
}
