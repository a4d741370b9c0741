import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ReferendumEntity } from './referendum.entity.js';

/**
 * One elector on a referendum's roll. Personal data (names, birth date) is for organisers only. The
 * voting code is stored as its SHA-256; repeated failures lock the entry until an organiser unlocks it.
 */
@Entity({ name: 'roll_entries' })
@Index('roll_entries_external_id_key', ['referendumId', 'externalId'], { unique: true })
@Index('roll_entries_code_hash_key', ['codeHash'], { unique: true, where: `"code_hash" IS NOT NULL` })
@Index('roll_entries_district_idx', ['referendumId', 'district'])
@Check('roll_entries_code_hash_hex', `"code_hash" IS NULL OR "code_hash" ~ '^[0-9a-f]{64}$'`)
@Check('roll_entries_failed_attempts_non_negative', `"failed_attempts" >= 0`)
@Check('roll_entries_personal_until_purged', `"purged_at" IS NOT NULL OR ("family_name" IS NOT NULL AND "given_names" IS NOT NULL AND "birth_date" IS NOT NULL)`)
@Index('roll_entries_birth_date_idx', ['referendumId', 'birthDate'])
export class RollEntryEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'roll_entries_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  referendumId!: string;

  @ManyToOne(() => ReferendumEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'referendum_id', foreignKeyConstraintName: 'roll_entries_referendum_fk' })
  referendum?: Relation<ReferendumEntity>;

  @Column({ type: 'text' })
  externalId!: string;

  /** Names and birth date: null once purged (the retention period after publication). */
  @Column({ type: 'text', nullable: true })
  familyName!: string | null;

  @Column({ type: 'text', nullable: true })
  givenNames!: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'text' })
  district!: string;

  @Column({ type: 'text' })
  pollingStation!: string;

  @Column({ type: 'character', length: 64, nullable: true })
  codeHash!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  codeIssuedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  failedAttempts!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  purgedAt!: Date | null;
}
