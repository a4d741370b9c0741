import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { AssemblyEntity } from './assembly.entity.js';
import { InvitationEntity } from './invitation.entity.js';

export const RESPONDENT_CHANNELS = ['online', 'phone', 'paper'] as const;
export type RespondentChannel = (typeof RESPONDENT_CHANNELS)[number];

export interface RespondentContact {
  email?: string;
  phone?: string;
}

/**
 * An invited person who answered: their consent, their features for the quotas (their source, age
 * band and district from the list; the rest from the form), how to reach them and when they are
 * free. Respondents make the stage-2 pool under `personId`, a pseudonym. One answer per invitation.
 */
@Entity({ name: 'respondents' })
@Check('respondents_channel_known', `"channel" IN ('online','phone','paper')`)
@Check('respondents_recorded_by_staff', `("channel" = 'online') = ("recorded_by" IS NULL)`)
@Check('respondents_person_id_shape', `"person_id" ~ '^R[0-9A-Z]{8}$'`)
@Check('respondents_availability_length', `char_length("availability") <= 1000`)
@Check('respondents_features_object', `jsonb_typeof("features") = 'object' AND jsonb_typeof("contact") = 'object'`)
// One answer per invitation; pseudonyms unique in the assembly (they become pool ids).
@Index('respondents_invitation_once', ['invitationId'], { unique: true })
@Index('respondents_person_id_key', ['assemblyId', 'personId'], { unique: true })
export class RespondentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'respondents_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'respondents_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'uuid' })
  invitationId!: string;

  @ManyToOne(() => InvitationEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'invitation_id', foreignKeyConstraintName: 'respondents_invitation_fk' })
  invitation?: Relation<InvitationEntity>;

  @Column({ type: 'text' })
  personId!: string;

  @Column({ type: 'text' })
  channel!: RespondentChannel;

  @Column({ type: 'timestamptz' })
  consentAt!: Date;

  @Column({ type: 'jsonb' })
  features!: Record<string, string>;

  @Column({ type: 'jsonb' })
  contact!: RespondentContact;

  @Column({ type: 'text', default: '' })
  availability!: string;

  /** The organiser who entered a phone or paper answer. */
  @Column({ type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'recorded_by', foreignKeyConstraintName: 'respondents_recorded_by_fk' })
  recorder?: Relation<AccountEntity>;

  /** Contact and availability erased (the retention period after the assembly's term); consent and features stay. */
  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
