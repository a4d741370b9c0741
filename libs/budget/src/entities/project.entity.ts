import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { EditionEntity } from './edition.entity.js';
import { EnvelopeEntity } from './envelope.entity.js';
import { IdeaEntity } from './idea.entity.js';

export const FEASIBILITY_STATES = ['pending', 'admissible', 'inadmissible'] as const;
export type Feasibility = (typeof FEASIBILITY_STATES)[number];

/**
 * A project put together by organisers from residents' ideas (its lineage in `budget_project_ideas`),
 * then studied by the city's services: admissible with a cost estimate and an envelope, or not,
 * with a public reason. Only admissible projects reach the ballot.
 */
@Entity({ name: 'budget_projects' })
@Check('budget_projects_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('budget_projects_description_length', `char_length("description") <= 20000`)
@Check('budget_projects_location_length', `char_length("location") <= 500`)
@Check('budget_projects_feasibility_known', `"feasibility" IN ('pending','admissible','inadmissible')`)
@Check('budget_projects_admissible_costed', `"feasibility" <> 'admissible' OR ("cost_cents" IS NOT NULL AND "envelope_id" IS NOT NULL)`)
@Check('budget_projects_decision_has_reason', `"feasibility" = 'pending' OR "feasibility_reason" IS NOT NULL`)
@Check('budget_projects_cost_positive', `"cost_cents" IS NULL OR "cost_cents" > 0`)
@Index('budget_projects_listing_idx', ['editionId', 'createdAt', 'id'])
export class ProjectEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'budget_projects_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  editionId!: string;

  @ManyToOne(() => EditionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'budget_projects_edition_fk' })
  edition?: Relation<EditionEntity>;

  @Column({ type: 'text' })
  title!: string;

  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'text', default: '' })
  location!: string;

  @Column({ type: 'text', default: 'pending' })
  feasibility!: Feasibility;

  /** Public: why the services found it feasible or not. */
  @Column({ type: 'text', nullable: true })
  feasibilityReason!: string | null;

  @Column({ type: 'bigint', nullable: true })
  costCents!: string | null;

  @Index('budget_projects_envelope_id_idx')
  @Column({ type: 'uuid', nullable: true })
  envelopeId!: string | null;

  @ManyToOne(() => EnvelopeEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'envelope_id', foreignKeyConstraintName: 'budget_projects_envelope_fk' })
  envelope?: Relation<EnvelopeEntity>;

  /** Its option in the envelope's poll, once the ballot is fixed. */
  @Index('budget_projects_poll_option_key', { unique: true, where: `"poll_option_id" IS NOT NULL` })
  @Column({ type: 'uuid', nullable: true })
  pollOptionId!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Which ideas became which project: an idea may feed several projects, a project merges several ideas. */
@Entity({ name: 'budget_project_ideas' })
export class ProjectIdeaEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_project_ideas_pkey' })
  projectId!: string;

  @Index('budget_project_ideas_idea_id_idx')
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_project_ideas_pkey' })
  ideaId!: string;

  @ManyToOne(() => ProjectEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'project_id', foreignKeyConstraintName: 'budget_project_ideas_project_fk' })
  project?: Relation<ProjectEntity>;

  @ManyToOne(() => IdeaEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'idea_id', foreignKeyConstraintName: 'budget_project_ideas_idea_fk' })
  idea?: Relation<IdeaEntity>;
}
