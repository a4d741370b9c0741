import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ReferendumEntity } from './referendum.entity.js';

export const QUESTION_KINDS = ['yes-no', 'single', 'majority-judgment'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/**
 * One question of a referendum. Yes/no and single-choice answers are stored in the ballot box as
 * one mark per option (grades "—" / "✓"; a blank vote marks none); majority-judgment answers grade
 * every option.
 */
@Entity({ name: 'referendum_questions' })
@Index('referendum_questions_position_key', ['referendumId', 'position'], { unique: true })
@Check('referendum_questions_kind_known', `"kind" IN ('yes-no','single','majority-judgment')`)
@Check('referendum_questions_text_length', `char_length("text") BETWEEN 1 AND 2000`)
@Check('referendum_questions_options_count', `array_length("options", 1) BETWEEN 2 AND 50`)
@Check('referendum_questions_grades_count', `array_length("grades", 1) BETWEEN 2 AND 10`)
export class ReferendumQuestionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'referendum_questions_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  referendumId!: string;

  @ManyToOne(() => ReferendumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referendum_id', foreignKeyConstraintName: 'referendum_questions_referendum_fk' })
  referendum?: Relation<ReferendumEntity>;

  @Column({ type: 'smallint' })
  position!: number;

  @Column({ type: 'text' })
  kind!: QuestionKind;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'text', array: true })
  options!: string[];

  /** The ballot box's grades: ["—", "✓"] for marks, the scale (worst first) for majority judgment. */
  @Column({ type: 'text', array: true })
  grades!: string[];
}
