import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from './account.entity.js';

/**
 * A sign-in through a provider in progress, from the redirect to the callback (ten minutes at most):
 * the PKCE verifier and the nonce stay here, the browser holds only `state` (in the URL and a cookie).
 * Used once: the callback deletes the row it reads.
 */
@Entity({ name: 'oidc_logins' })
export class OidcLoginEntity {
  /** SHA-256 of `state`. */
  @PrimaryColumn({ type: 'character', length: 64, primaryKeyConstraintName: 'oidc_logins_pkey' })
  stateHash!: string;

  @Column({ type: 'text' })
  provider!: string;

  @Column({ type: 'text' })
  codeVerifier!: string;

  @Column({ type: 'text' })
  nonce!: string;

  /** The web app's path to go back to. */
  @Column({ type: 'text' })
  returnTo!: string;

  /** Set when a signed-in person links the provider to their account. */
  @Column({ type: 'uuid', nullable: true })
  linkAccountId!: string | null;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_account_id', foreignKeyConstraintName: 'oidc_logins_link_account_fk' })
  linkAccount?: Relation<AccountEntity>;

  @Column({ type: 'timestamptz' })
  expiresAt!: Date;
}
