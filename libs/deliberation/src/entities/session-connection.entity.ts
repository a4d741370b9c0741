import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Column, type Relation } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { AccountEntity } from '@app/identity';

/**
 * One member's socket in a session's room, on one API instance: presence is "at least one
 * connection", across tabs, devices and instances. Rows of an instance that stopped heartbeating
 * are swept by the others.
 */
@Entity({ name: 'session_connections' })
@Index('session_connections_presence_idx', ['sessionId', 'accountId'])
@Index('session_connections_instance_idx', ['instanceId'])
export class SessionConnectionEntity {
  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'session_connections_pkey' })
  socketId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'session_connections_pkey' })
  sessionId!: string;

  @ManyToOne(() => SessionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id', foreignKeyConstraintName: 'session_connections_session_fk' })
  session?: Relation<SessionEntity>;

  @Column({ type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'session_connections_account_fk' })
  account?: Relation<AccountEntity>;

  @Column({ type: 'uuid' })
  instanceId!: string;

  /** This tab is in the background; the account is away when all its connections are. */
  @Column({ type: 'boolean', default: false })
  away!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  connectedAt!: Date;
}
