import { Injectable } from '@nestjs/common';
import { actorOf, AuditLogService, type Principal } from '@app/shared';
import { DeliberationException } from './deliberation.exception.js';
import { DeliberationRepository } from './deliberation.repository.js';
import type { Reaction } from './entities/message-reaction.entity.js';
import type { WireEvent } from './room-broadcaster.js';
import { RoomService } from './room.service.js';
import { postingRefusal } from './room.js';
import { requireChair, SessionAccess, type Participant } from './session-access.js';
import type { MessagePageDto } from './dto/deliberation.dto.js';

/** Messages on agenda items: post, reply, react; hiding by the chair (with a reason, audited); pages for readers. */
@Injectable()
export class MessageService {
  constructor(
    private readonly rooms: RoomService,
    private readonly repository: DeliberationRepository,
    private readonly access: SessionAccess,
    private readonly audit: AuditLogService,
  ) {}

  /** An item's messages for a reader of the session (hidden ones by their reason only), newest page first. */
  async page(principal: Principal | undefined, sessionId: string, query: { itemIndex?: number; before?: number; limit: number }): Promise<MessagePageDto> {
    await this.access.requireReader(principal, sessionId);
    const page = await this.repository.messagePage(sessionId, query.itemIndex ?? null, query.before ?? null, query.limit, principal?.accountId ?? null);
    const messages = page.messages.map((row) => {
      const counts = page.reactions.get(row.id) ?? {};
      return {
        id: row.id,
        seq: row.seq,
        itemIndex: row.item_index,
        authorId: row.author_id,
        authorName: page.names.get(row.author_id) ?? null,
        replyTo: row.reply_to,
        body: row.hidden_reason === null ? row.body : null,
        hiddenReason: row.hidden_reason,
        postedAt: row.posted_at.toISOString(),
        reactions: { agree: counts.agree ?? 0, disagree: counts.disagree ?? 0, unclear: counts.unclear ?? 0, applause: counts.applause ?? 0 },
        mine: (page.mine.get(row.id) ?? []) as Reaction[],
      };
    });
    const oldest = page.messages[page.messages.length - 1];
    return { messages: messages.reverse(), asOfSeq: page.asOfSeq, nextBefore: page.messages.length === query.limit && oldest !== undefined ? oldest.seq : null };
  }

  post(participant: Participant, message: { body: string; replyTo?: string }): Promise<WireEvent[]> {
    const sessionId = participant.session.id;
    const { accountId } = participant.actor;
    return this.rooms.change(sessionId, accountId, async ({ manager, state, now, firstSeq }) => {
      const refusal = postingRefusal(state, participant.actor, now.getTime());
      if (refusal !== null) throw DeliberationException.fromRefusal(refusal);
      if (message.replyTo !== undefined && (await this.repository.findMessage(sessionId, message.replyTo, manager)) === null) throw DeliberationException.messageNotFound();
      const id = this.rooms.newMessageId();
      const itemIndex = state.item?.index ?? null;
      const body = message.body.trim();
      await this.repository.insertMessage({ id, sessionId, seq: String(firstSeq), itemIndex, authorId: accountId, replyTo: message.replyTo ?? null, body, postedAt: now }, manager);
      return { events: [{ type: 'message.posted', data: { id, itemIndex, authorId: accountId, authorName: state.names[accountId] ?? null, replyTo: message.replyTo ?? null, body } }] };
    });
  }

  react(participant: Participant, reaction: { messageId: string; reaction: Reaction; on: boolean }): Promise<WireEvent[]> {
    const sessionId = participant.session.id;
    const { accountId } = participant.actor;
    return this.rooms.change(sessionId, accountId, async ({ manager, state, now }) => {
      const refusal = postingRefusal(state, participant.actor, now.getTime());
      if (refusal !== null) throw DeliberationException.fromRefusal(refusal);
      const message = await this.repository.findMessage(sessionId, reaction.messageId, manager);
      if (message === null) throw DeliberationException.messageNotFound();
      if (!(await this.repository.setReaction(message.id, accountId, reaction.reaction, reaction.on, manager))) throw DeliberationException.reactionUnchanged(reaction.on);
      return { events: [{ type: 'message.reacted', data: { messageId: message.id, accountId, reaction: reaction.reaction, on: reaction.on } }] };
    });
  }

  hide(participant: Participant, hide: { messageId: string; reason: string }): Promise<WireEvent[]> {
    const sessionId = participant.session.id;
    const { accountId } = participant.actor;
    requireChair(participant, 'hide messages');
    return this.rooms.change(sessionId, accountId, async ({ manager, now }) => {
      const message = await this.repository.findMessage(sessionId, hide.messageId, manager);
      if (message === null) throw DeliberationException.messageNotFound();
      const reason = hide.reason.trim();
      if (!(await this.repository.hideMessage(message.id, accountId, reason, now, manager))) throw DeliberationException.messageAlreadyHidden();
      await this.audit.record(
        { actor: actorOf(accountId), action: 'session.message-hidden', subjectType: 'session', subjectId: sessionId, data: { messageId: message.id, authorId: message.authorId, reason } },
        manager,
      );
      return { events: [{ type: 'message.hidden', data: { messageId: message.id, authorId: message.authorId, reason, by: accountId } }] };
    });
  }
}
