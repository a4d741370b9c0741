import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { GlobalRole } from '@app/shared';

export type Locale = 'fr' | 'en';

@Entity({ name: 'accounts' })
@Unique('accounts_email_normalized_key', ['emailNormalized'])
@Check('accounts_roles_known', `"roles" <@ ARRAY['admin','organiser','facilitator','resident']::text[]`)
@Check('accounts_locale_known', `"locale" IN ('fr','en')`)
@Check('accounts_failed_logins_non_negative', `"failed_login_count" >= 0`)
@Check('accounts_email_pair', `("email" IS NULL) = ("email_normalized" IS NULL)`)
@Check('accounts_deleted_erased', `"deleted_at" IS NULL OR ("email" IS NULL AND "password_hash" IS NULL AND "disabled_at" IS NOT NULL)`)
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'accounts_pkey' })
  id!: string;

  /** As typed by the person, for display and mail; none for some provider sign-ins and deleted accounts. */
  @Column({ type: 'text', nullable: true })
  email!: string | null;

  /** Trimmed and lower-cased: one account per address whatever its case. */
  @Column({ type: 'text', nullable: true })
  emailNormalized!: string | null;

  @Column({ type: 'text' })
  displayName!: string;

  /** PHC string (argon2id with its parameters), never the password; none for provider-only accounts. */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  roles!: GlobalRole[];

  @Column({ type: 'text', default: 'fr' })
  locale!: Locale;

  @Column({ type: 'integer', default: 0 })
  failedLoginCount!: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  disabledAt!: Date | null;

  /** The person deleted their account: personal data erased, the row kept for what refers to it. */
  @Column({ type: 'timestamptz', nullable: true })
  deletedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
