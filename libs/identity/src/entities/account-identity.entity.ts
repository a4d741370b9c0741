import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/**
 * An OpenID Connect identity linked to an account: the provider's `sub`, and only the claims Pnyx
 * needs (names and birth date to find an elector on a roll, an email where given), refreshed at
 * each sign-in and shown to the person.
 */
@Entity({ name: 'account_identities' })
@Index('account_identities_subject_key', ['provider', 'subject'], { unique: true })
@Index('account_identities_one_per_provider', ['accountId', 'provider'], { unique: true })
@Check('account_identities_subject_length', `char_length("subject") BETWEEN 1 AND 255`)
export class AccountIdentityEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'account_identities_pkey' })
  id!: string;

  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'account_identities_account_fk' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  subject!: string;

  @Column({ type: 'text', nullable: true })
  givenName!: string | null;

  @Column({ type: 'text', nullable: true })
  familyName!: string | null;

  @Column({ type: 'date', nullable: true })
  birthDate!: string | null;

  @Column({ type: 'text', nullable: true })
  email!: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  linkedAt!: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  lastUsedAt!: Date;
}
