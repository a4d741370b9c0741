import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { PollEntity } from '@app/voting';
import { EditionEntity } from './edition.entity.js';

export const ENVELOPE_KINDS = ['citywide', 'district', 'ring-fenced'] as const;
export type EnvelopeKind = (typeof ENVELOPE_KINDS)[number];

/**
 * Money set aside within an edition: one citywide envelope, one per district (arrondissement), and
 * ring-fenced ones (working-class neighbourhoods, schools). Amounts in whole euro cents.
 */
@Entity({ name: 'budget_envelopes' })
@Check('budget_envelopes_kind_known', `"kind" IN ('citywide','district','ring-fenced')`)
@Check('budget_envelopes_district_iff_kind', `("kind" = 'district') = ("district" IS NOT NULL)`)
@Check('budget_envelopes_name_length', `char_length("name") BETWEEN 1 AND 200`)
@Check('budget_envelopes_amount_positive', `"amount_cents" > 0`)
@Check('budget_envelopes_max_cost_positive', `"max_project_cost_cents" IS NULL OR ("max_project_cost_cents" > 0 AND "max_project_cost_cents" <= "amount_cents")`)
@Index('budget_envelopes_citywide_key', ['editionId'], { unique: true, where: `"kind" = 'citywide'` })
@Index('budget_envelopes_district_key', ['editionId', 'district'], { unique: true, where: `"district" IS NOT NULL` })
@Index('budget_envelopes_name_key', ['editionId', 'name'], { unique: true })
export class EnvelopeEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'budget_envelopes_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  editionId!: string;

  @ManyToOne(() => EditionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'budget_envelopes_edition_fk' })
  edition?: Relation<EditionEntity>;

  @Column({ type: 'text' })
  kind!: EnvelopeKind;

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'text' })
  name!: string;

  /** Whole cents, as a string (bigint). */
  @Column({ type: 'bigint' })
  amountCents!: string;

  @Column({ type: 'bigint', nullable: true })
  maxProjectCostCents!: string | null;

  /** The envelope's majority-judgment poll, made when the ballot is fixed. */
  @Index('budget_envelopes_poll_key', { unique: true, where: `"poll_id" IS NOT NULL` })
  @Column({ type: 'uuid', nullable: true })
  pollId!: string | null;

  @ManyToOne(() => PollEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'poll_id', foreignKeyConstraintName: 'budget_envelopes_poll_fk' })
  poll?: Relation<PollEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
