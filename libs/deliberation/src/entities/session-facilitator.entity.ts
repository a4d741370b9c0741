import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { AccountEntity } from '@app/identity';

/** Who chairs a session besides the assembly's organisers and facilitators (e.g. a member in the chair). */
@Entity({ name: 'session_facilitators' })
export class SessionFacilitatorEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_facilitators_pkey' })
  sessionId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_facilitators_pkey' })
  accountId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_facilitators_session_fk' })
  session?: Relation<SessionEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'session_facilitators_account_fk' })
  account?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
