import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import type { GlobalRole } from '@app/shared';

export type Locale = 'fr' | 'en';

@Entity({ name: 'accounts' })
@Unique('accounts_email_normalized_key', ['emailNormalized'])
@Check('accounts_roles_known', `"roles" <@ ARRAY['admin','organiser','facilitator','resident']::text[]`)
@Check('accounts_locale_known', `"locale" IN ('fr','en')`)
@Check('accounts_failed_logins_non_negative', `"failed_login_count" >= 0`)
export class AccountEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'accounts_pkey' })
  id!: string;

  /** As typed by the person, for display and mail. */
  @Column({ type: 'text' })
  email!: string;

  /** Trimmed and lower-cased: one account per address whatever its case. */
  @Column({ type: 'text' })
  emailNormalized!: string;

  @Column({ type: 'text' })
  displayName!: string;

  /** PHC string (argon2id with its parameters), never the password. */
  @Column({ type: 'text' })
  passwordHash!: string;

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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt!: Date;
}
