import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from './account.entity.js';

export type SessionEndReason = 'logout' | 'refresh-token-reuse' | 'password-changed' | 'account-disabled' | 'admin' | 'account-deleted';

/** A login: access tokens name it (`sid`), so revoking it stops them at once. */
@Entity({ name: 'auth_sessions' })
@Check('auth_sessions_revocation_consistent', `("revoked_at" IS NULL) = ("revoked_reason" IS NULL)`)
export class AuthSessionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'auth_sessions_pkey' })
  id!: string;

  @Index('auth_sessions_account_id_idx')
  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'auth_sessions_account_fk' })
  account?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  /** Absolute end: refreshing never extends a session past this. */
  @Column({ type: 'timestamptz' })
  expiresAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ type: 'text', nullable: true })
  revokedReason!: SessionEndReason | null;
}
