import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { RollEntryEntity } from './roll-entry.entity.js';

/** Codes replaced after a lost letter: kept (hashed) to tell their bearer the code was revoked. */
@Entity({ name: 'revoked_voting_codes' })
export class RevokedCodeEntity {
  @PrimaryColumn({ type: 'character', length: 64, primaryKeyConstraintName: 'revoked_voting_codes_pkey' })
  codeHash!: string;

  @Column({ type: 'uuid' })
  rollEntryId!: string;

  @ManyToOne(() => RollEntryEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'roll_entry_id', foreignKeyConstraintName: 'revoked_voting_codes_roll_entry_fk' })
  entry?: Relation<RollEntryEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  revokedAt!: Date;
}
