import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { EditionEntity } from './edition.entity.js';

/**
 * A resident's idea: public, searchable in French and English (`searchVector`, kept by a trigger and
 * indexed with GIN), for a district or citywide (`district` null).
 */
@Entity({ name: 'budget_ideas' })
@Check('budget_ideas_title_length', `char_length("title") BETWEEN 1 AND 200`)
@Check('budget_ideas_body_length', `char_length("body") <= 20000`)
@Check('budget_ideas_location_length', `char_length("location") <= 500`)
@Index('budget_ideas_listing_idx', ['editionId', 'createdAt', 'id'])
@Index('budget_ideas_search_idx', { synchronize: false })
export class IdeaEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'budget_ideas_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  editionId!: string;

  @ManyToOne(() => EditionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'edition_id', foreignKeyConstraintName: 'budget_ideas_edition_fk' })
  edition?: Relation<EditionEntity>;

  @Index('budget_ideas_author_id_idx')
  @Column({ type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'author_id', foreignKeyConstraintName: 'budget_ideas_author_fk' })
  author?: Relation<AccountEntity>;

  @Column({ type: 'text' })
  title!: string;

  /** Markdown as written; sanitised when rendered. */
  @Column({ type: 'text', default: '' })
  body!: string;

  @Column({ type: 'text', nullable: true })
  district!: string | null;

  @Column({ type: 'text', default: '' })
  location!: string;

  @Column({ type: 'tsvector', nullable: true, select: false, insert: false, update: false })
  searchVector?: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}

/** Who follows an idea (to hear what becomes of it): once per person. */
@Entity({ name: 'budget_idea_follows' })
export class IdeaFollowEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_idea_follows_pkey' })
  ideaId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'budget_idea_follows_pkey' })
  accountId!: string;

  @ManyToOne(() => IdeaEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'idea_id', foreignKeyConstraintName: 'budget_idea_follows_idea_fk' })
  idea?: Relation<IdeaEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'budget_idea_follows_account_fk' })
  account?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
