import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
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
export class RespondentEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'respondents_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  assemblyId!: string;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
