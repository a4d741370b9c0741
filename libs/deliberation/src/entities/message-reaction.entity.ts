import { Check, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, type Relation } from 'typeorm';
import { AccountEntity } from '@app/identity';
import { SessionMessageEntity } from './session-message.entity.js';

export const REACTIONS = ['agree', 'disagree', 'unclear', 'applause'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** One member's reaction of one kind to one message: the primary key makes it once. */
@Entity({ name: 'message_reactions' })
@Check('message_reactions_known', `"reaction" IN ('agree','disagree','unclear','applause')`)
export class MessageReactionEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'message_reactions_pkey' })
  messageId!: string;

  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'message_reactions_pkey' })
  accountId!: string;

  @PrimaryColumn({ type: 'text', primaryKeyConstraintName: 'message_reactions_pkey' })
  reaction!: Reaction;

  @ManyToOne(() => SessionMessageEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'message_reactions_message_fk' })
  message?: Relation<SessionMessageEntity>;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'message_reactions_account_fk' })
  account?: Relation<AccountEntity>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
