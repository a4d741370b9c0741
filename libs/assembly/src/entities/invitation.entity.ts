import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { InvitationDrawEntity } from './invitation-draw.entity.js';

/**
 * A person an invitation draw chose, with what the letter and the respondents' form need from the
 * list. `codeHash` is the SHA-256 of the one-time code printed on the letter (the code itself is
 * shown once, in the mail merge). Nobody is invited twice by an assembly (unique index).
 */
@Entity({ name: 'invitations' })
export class InvitationEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'invitations_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  drawId!: string;

  @ManyToOne(() => InvitationDrawEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'draw_id', foreignKeyConstraintName: 'invitations_draw_fk' })
  draw?: Relation<InvitationDrawEntity>;

  /** Order in which the draw chose them: the published result lists them so. */
  @Column({ type: 'integer' })
  position!: number;

  @Column({ type: 'uuid' })
  assemblyId!: string;

  @Column({ type: 'text' })
  source!: string;

  /** The id in the source list. */
  @Column({ type: 'text' })
  personId!: string;

  @Column({ type: 'text' })
  stratum!: string;

  @Column({ type: 'text' })
  familyName!: string;

  @Column({ type: 'text' })
  givenNames!: string;

  @Column({ type: 'date' })
  birthDate!: string;

  @Column({ type: 'text' })
  address!: string;

  @Column({ type: 'text' })
  district!: string;

  @Column({ type: 'character', length: 64, nullable: true })
  codeHash!: string | null;
}
