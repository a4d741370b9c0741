import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, type Relation } from 'typeorm';
import { AssemblyEntity } from './assembly.entity.js';
import { InvitationDrawEntity } from './invitation-draw.entity.js';

/**
 * A person an invitation draw chose, with what the letter and the respondents' form need from the
 * list. `codeHash` is the SHA-256 of the one-time code printed on the letter (the code itself is
 * shown once, in the mail merge). Nobody is invited twice by an assembly (unique index).
 */
@Entity({ name: 'invitations' })
@Check('invitations_position_nonnegative', `"position" >= 0`)
@Check('invitations_personal_until_purged', `"purged_at" IS NOT NULL OR ("family_name" IS NOT NULL AND "given_names" IS NOT NULL AND "birth_date" IS NOT NULL AND "address" IS NOT NULL)`)
@Check('invitations_code_hash_hex', `"code_hash" IS NULL OR "code_hash" ~ '^[0-9a-f]{64}$'`)
@Unique('invitations_draw_position', ['drawId', 'position'])
// Nobody is invited twice by the same assembly, whatever the draw.
@Index('invitations_person_once', ['assemblyId', 'source', 'personId'], { unique: true })
@Index('invitations_code_hash_key', ['codeHash'], { unique: true, where: `"code_hash" IS NOT NULL` })
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

  @ManyToOne(() => AssemblyEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'assembly_id', foreignKeyConstraintName: 'invitations_assembly_fk' })
  assembly?: Relation<AssemblyEntity>;

  @Column({ type: 'text' })
  source!: string;

  /** The id in the source list. */
  @Column({ type: 'text' })
  personId!: string;

  @Column({ type: 'text' })
  stratum!: string;

  /** Names, birth date and address: null once purged (the retention period after the assembly's term). */
  @Column({ type: 'text', nullable: true })
  familyName!: string | null;

  @Column({ type: 'text', nullable: true })
  givenNames!: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'text', nullable: true })
  address!: string | null;

  @Column({ type: 'text' })
  district!: string;

  @Column({ type: 'character', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}
