import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { SessionEntity } from '@app/agenda';
import { DeliberationRoomEntity } from './entities/deliberation-room.entity.js';
import { SessionFacilitatorEntity } from './entities/session-facilitator.entity.js';
import { SessionMessageEntity } from './entities/session-message.entity.js';
import { SessionPollEntity } from './entities/session-poll.entity.js';
import type { RoomEvent, RoomItem, RoomState } from './room.js';

/** A session event as stored and sent: `seq` is the room's, gapless and increasing. */
export interface SessionEventRecord {
  sessionId: string;
  seq: number;
  type: string;
  at: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

interface EventRow {
  seq: string;
  type: string;
  at: Date;
  actor_id: string | null;
  data: Record<string, unknown>;
  hidden_reason: string | null;
}

export interface MessageRow {
  id: string;
  seq: number;
  item_index: number | null;
  author_id: string;
  reply_to: string | null;
  body: string;
  hidden_reason: string | null;
  posted_at: Date;
}

/** An account's connections in one session: how many, and whether every one is in the background. */
export interface ConnectionsOfAccount {
  count: number;
  allAway: boolean;
}

/** Every query of live deliberation: rooms, their events, messages, facilitators, connections. */
@Injectable()
export class DeliberationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  findSession(sessionId: string, manager?: EntityManager): Promise<SessionEntity | null> {
    return this.manager(manager).getRepository(SessionEntity).findOneBy({ id: sessionId });
  }

  /** The room row under FOR UPDATE: every change to a session's room goes through this lock. */
  lockRoom(sessionId: string, manager: EntityManager): Promise<DeliberationRoomEntity | null> {
    return manager.getRepository(DeliberationRoomEntity).findOne({ where: { sessionId }, lock: { mode: 'pessimistic_write' } });
  }

  /** Creates the room if it does not exist yet (concurrent creators: one wins, nobody fails). */
  async ensureRoom(sessionId: string, state: RoomState, manager: EntityManager): Promise<void> {
    await manager.query(`INSERT INTO deliberation_rooms (session_id, last_seq, state) VALUES ($1, 0, $2) ON CONFLICT (session_id) DO NOTHING`, [sessionId, JSON.stringify(state)]);
  }

  async saveRoom(sessionId: string, lastSeq: number, state: RoomState, nextDeadline: number | null, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE deliberation_rooms SET last_seq = $2, state = $3, next_deadline_at = $4, updated_at = now() WHERE session_id = $1`, [
      sessionId,
      lastSeq,
      JSON.stringify(state),
      nextDeadline === null ? null : new Date(nextDeadline),
    ]);
  }

  async setSessionStatus(sessionId: string, status: SessionEntity['status'], manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE sessions SET status = $2, updated_at = now() WHERE id = $1 AND status <> $2`, [sessionId, status]);
  }

  /** Appends events numbered from `firstSeq`, in one statement. */
  async appendEvents(sessionId: string, firstSeq: number, events: readonly RoomEvent[], actorId: string | null, at: Date, manager: EntityManager): Promise<SessionEventRecord[]> {
    if (events.length === 0) return [];
    const records = events.map((event, i) => ({ sessionId, seq: firstSeq + i, type: event.type, at: at.toISOString(), actorId, data: event.data }));
    await manager.query(
      `INSERT INTO session_events (session_id, seq, type, actor_id, data, at)
       SELECT $1, s, t, $2, d, $3 FROM unnest($4::bigint[], $5::text[], $6::jsonb[]) AS e(s, t, d)`,
      [sessionId, actorId, at, records.map((r) => r.seq), records.map((r) => r.type), records.map((r) => JSON.stringify(r.data))],
    );
    return records;
  }

  async currentSeq(sessionId: string): Promise<number> {
    const rows: Array<{ last_seq: string }> = await this.dataSource.query(`SELECT last_seq FROM deliberation_rooms WHERE session_id = $1`, [sessionId]);
    return rows.length === 0 ? 0 : Number(rows[0].last_seq);
  }

  async currentSeqs(sessionIds: readonly string[]): Promise<Map<string, number>> {
    const rows: Array<{ session_id: string; last_seq: string }> = await this.dataSource.query(`SELECT session_id, last_seq FROM deliberation_rooms WHERE session_id = ANY($1::uuid[])`, [sessionIds]);
    return new Map(rows.map((row) => [row.session_id, Number(row.last_seq)]));
  }

  /**
   * Events with after < seq <= upTo, oldest first. The text of a message hidden since is left out
   * (the body stays in `session_messages`, for the record), so a replay never shows it again.
   */
  async eventsAfter(sessionId: string, after: number, upTo: number | null, limit: number): Promise<SessionEventRecord[]> {
    const rows: EventRow[] = await this.dataSource.query(
      `SELECT e.seq, e.type, e.at, e.actor_id, e.data, m.hidden_reason
         FROM session_events e
         LEFT JOIN session_messages m ON e.type = 'message.posted' AND m.session_id = e.session_id AND m.seq = e.seq
        WHERE e.session_id = $1 AND e.seq > $2 AND ($3::bigint IS NULL OR e.seq <= $3)
        ORDER BY e.seq
        LIMIT $4`,
      [sessionId, after, upTo, limit],
    );
    return rows.map((row) => ({
      sessionId,
      seq: Number(row.seq),
      type: row.type,
      at: row.at.toISOString(),
      actorId: row.actor_id,
      data: row.hidden_reason === null ? row.data : redactMessage(row.data, row.hidden_reason),
    }));
  }

  /** The room's state and last seq, read without a lock. */
  async roomState(sessionId: string): Promise<{ lastSeq: number; state: RoomState } | null> {
    const rows: Array<{ last_seq: string; state: RoomState }> = await this.dataSource.query(`SELECT last_seq, state FROM deliberation_rooms WHERE session_id = $1`, [sessionId]);
    const row = rows[0];
    return row === undefined ? null : { lastSeq: Number(row.last_seq), state: row.state };
  }

  /** The proposals scheduled on the session, in agenda order (the room's items until it starts). */
  async scheduledItems(sessionId: string, manager?: EntityManager): Promise<RoomItem[]> {
    const rows: Array<{ id: string; title: string; allotted_minutes: number | null }> = await this.manager(manager).query(
      `SELECT id, title, allotted_minutes FROM proposals WHERE session_id = $1 ORDER BY agenda_position`,
      [sessionId],
    );
    return rows.map((row) => ({ proposalId: row.id, title: row.title, allottedMinutes: row.allotted_minutes }));
  }

  /** The agenda as the room holds it once started, else as scheduled now. */
  async roomItems(sessionId: string): Promise<RoomItem[]> {
    const room = await this.roomState(sessionId);
    return room !== null && room.state.status !== 'scheduled' ? room.state.items : this.scheduledItems(sessionId);
  }

  /** Every event of a session, for minutes. */
  async allEvents(sessionId: string): Promise<SessionEventRecord[]> {
    return this.eventsAfter(sessionId, 0, null, 1_000_000);
  }

  /** Whether the account is in this workshop group (its session). */
  async isGroupMember(groupSessionId: string, accountId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM breakout_members WHERE group_session_id = $1 AND account_id = $2`, [groupSessionId, accountId]);
    return rows.length > 0;
  }

  async isSessionFacilitator(sessionId: string, accountId: string): Promise<boolean> {
    return (await this.dataSource.getRepository(SessionFacilitatorEntity).countBy({ sessionId, accountId })) > 0;
  }

  facilitators(sessionId: string): Promise<SessionFacilitatorEntity[]> {
    return this.dataSource.getRepository(SessionFacilitatorEntity).find({ where: { sessionId }, order: { createdAt: 'ASC' } });
  }

  async replaceFacilitators(sessionId: string, accountIds: readonly string[], manager: EntityManager): Promise<void> {
    await manager.getRepository(SessionFacilitatorEntity).delete({ sessionId });
    if (accountIds.length > 0) await manager.getRepository(SessionFacilitatorEntity).insert(accountIds.map((accountId) => ({ sessionId, accountId })));
  }

  /** Of these accounts, those with an active membership (any role) of the assembly. */
  async activeMembersAmong(assemblyId: string, accountIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ account_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT account_id FROM memberships WHERE assembly_id = $1 AND ended_at IS NULL AND account_id = ANY($2::uuid[])`,
      [assemblyId, accountIds],
    );
    return new Set(rows.map((row) => row.account_id));
  }

  async displayNames(accountIds: readonly string[]): Promise<Map<string, string>> {
    if (accountIds.length === 0) return new Map();
    const rows: Array<{ id: string; display_name: string }> = await this.dataSource.query(`SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])`, [accountIds]);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  // Messages ---------------------------------------------------------------------------------

  async insertMessage(message: Pick<SessionMessageEntity, 'id' | 'sessionId' | 'seq' | 'itemIndex' | 'authorId' | 'replyTo' | 'body' | 'postedAt'>, manager: EntityManager): Promise<void> {
    await manager.getRepository(SessionMessageEntity).insert(message);
  }

  findMessage(sessionId: string, messageId: string, manager?: EntityManager): Promise<SessionMessageEntity | null> {
    return this.manager(manager).getRepository(SessionMessageEntity).findOneBy({ sessionId, id: messageId });
  }

  async hideMessage(messageId: string, by: string, reason: string, at: Date, manager: EntityManager): Promise<boolean> {
    const [, affected]: [unknown, number] = await manager.query(
      `UPDATE session_messages SET hidden_at = $2, hidden_by = $3, hidden_reason = $4 WHERE id = $1 AND hidden_at IS NULL`,
      [messageId, at, by, reason],
    );
    return affected === 1;
  }

  /** Adds or removes one reaction; false when nothing changed (already there / not there). */
  async setReaction(messageId: string, accountId: string, reaction: string, on: boolean, manager: EntityManager): Promise<boolean> {
    if (on) {
      const rows: unknown[] = await manager.query(
        `INSERT INTO message_reactions (message_id, account_id, reaction) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING 1`,
        [messageId, accountId, reaction],
      );
      return rows.length === 1;
    }
    const [, affected]: [unknown, number] = await manager.query(`DELETE FROM message_reactions WHERE message_id = $1 AND account_id = $2 AND reaction = $3`, [messageId, accountId, reaction]);
    return affected === 1;
  }

  /**
   * A page of an item's messages (`itemIndex` null: those posted outside any item), newest first
   * before `beforeSeq`, as of one snapshot: the room's last seq and every message, reaction and
   * hiding at that seq (REPEATABLE READ), so a client applies exactly the live events after it.
   */
  async messagePage(
    sessionId: string,
    itemIndex: number | null,
    beforeSeq: number | null,
    limit: number,
    readerId: string | null,
  ): Promise<{ asOfSeq: number; messages: MessageRow[]; reactions: Map<string, Record<string, number>>; mine: Map<string, string[]>; names: Map<string, string> }> {
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const [room] = await manager.query<Array<{ last_seq: string }>>(`SELECT last_seq FROM deliberation_rooms WHERE session_id = $1`, [sessionId]);
      const asOfSeq = room === undefined ? 0 : Number(room.last_seq);
      const messages = await manager.query<MessageRow[]>(
        `SELECT id, seq::int AS seq, item_index, author_id, reply_to, body, hidden_reason, posted_at FROM session_messages
          WHERE session_id = $1 AND item_index IS NOT DISTINCT FROM $2 AND ($3::bigint IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4`,
        [sessionId, itemIndex, beforeSeq, limit],
      );
      const ids = messages.map((message) => message.id);
      const reactions = new Map<string, Record<string, number>>();
      const mine = new Map<string, string[]>();
      if (ids.length > 0) {
        const rows = await manager.query<Array<{ message_id: string; reaction: string; n: string; mine: boolean }>>(
          `SELECT message_id, reaction, count(*) AS n, bool_or(account_id = $2) AS mine FROM message_reactions WHERE message_id = ANY($1::uuid[]) GROUP BY message_id, reaction`,
          [ids, readerId ?? '00000000-0000-0000-0000-000000000000'],
        );
        for (const row of rows) {
          reactions.set(row.message_id, { ...(reactions.get(row.message_id) ?? {}), [row.reaction]: Number(row.n) });
          if (row.mine) mine.set(row.message_id, [...(mine.get(row.message_id) ?? []), row.reaction]);
        }
      }
      const authors = [...new Set(messages.map((message) => message.author_id))];
      const nameRows = authors.length === 0 ? [] : await manager.query<Array<{ id: string; display_name: string }>>(`SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])`, [authors]);
      return { asOfSeq, messages, reactions, mine, names: new Map(nameRows.map((row) => [row.id, row.display_name])) };
    });
  }

  async reactionCounts(sessionId: string): Promise<Map<string, Record<string, number>>> {
    const rows: Array<{ message_id: string; reaction: string; n: string }> = await this.dataSource.query(
      `SELECT r.message_id, r.reaction, count(*) AS n FROM message_reactions r JOIN session_messages m ON m.id = r.message_id
        WHERE m.session_id = $1 GROUP BY r.message_id, r.reaction`,
      [sessionId],
    );
    const counts = new Map<string, Record<string, number>>();
    for (const row of rows) counts.set(row.message_id, { ...(counts.get(row.message_id) ?? {}), [row.reaction]: Number(row.n) });
    return counts;
  }

  // Presence ---------------------------------------------------------------------------------

  async addConnection(socketId: string, sessionId: string, accountId: string, instanceId: string, manager: EntityManager): Promise<ConnectionsOfAccount> {
    await manager.query(`INSERT INTO session_connections (socket_id, session_id, account_id, instance_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`, [socketId, sessionId, accountId, instanceId]);
    return this.connectionsOf(sessionId, accountId, manager);
  }

  /** Removes a connection; returns the account's remaining ones in the session, or null if it was not there. */
  async removeConnection(socketId: string, sessionId: string, manager: EntityManager): Promise<({ accountId: string } & ConnectionsOfAccount) | null> {
    // TypeORM answers DELETE ... RETURNING with [rows, affected].
    const [rows]: [Array<{ account_id: string }>, number] = await manager.query(`DELETE FROM session_connections WHERE socket_id = $1 AND session_id = $2 RETURNING account_id`, [socketId, sessionId]);
    if (rows.length === 0) return null;
    const accountId = rows[0].account_id;
    return { accountId, ...(await this.connectionsOf(sessionId, accountId, manager)) };
  }

  /** Marks one connection in the background or in front; null if it is not in the session. */
  async setConnectionAway(socketId: string, sessionId: string, away: boolean, manager: EntityManager): Promise<({ accountId: string } & ConnectionsOfAccount) | null> {
    const [rows]: [Array<{ account_id: string }>, number] = await manager.query(`UPDATE session_connections SET away = $3 WHERE socket_id = $1 AND session_id = $2 RETURNING account_id`, [socketId, sessionId, away]);
    if (rows.length === 0) return null;
    const accountId = rows[0].account_id;
    return { accountId, ...(await this.connectionsOf(sessionId, accountId, manager)) };
  }

  private async connectionsOf(sessionId: string, accountId: string, manager: EntityManager): Promise<ConnectionsOfAccount> {
    const rows: Array<{ n: string; all_away: boolean | null }> = await manager.query(
      `SELECT count(*) AS n, bool_and(away) AS all_away FROM session_connections WHERE session_id = $1 AND account_id = $2`,
      [sessionId, accountId],
    );
    return { count: Number(rows[0].n), allAway: rows[0].all_away === true };
  }

  async heartbeat(instanceId: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO deliberation_instances (id, heartbeat_at) VALUES ($1, now()) ON CONFLICT (id) DO UPDATE SET heartbeat_at = now()`, [instanceId]);
  }

  /** Connections held by instances silent for longer than `staleSeconds` (database time). */
  async staleConnections(staleSeconds: number): Promise<Array<{ socketId: string; sessionId: string; instanceId: string }>> {
    const rows: Array<{ socket_id: string; session_id: string; instance_id: string }> = await this.dataSource.query(
      `SELECT c.socket_id, c.session_id, c.instance_id FROM session_connections c
         LEFT JOIN deliberation_instances i ON i.id = c.instance_id
        WHERE i.id IS NULL OR i.heartbeat_at < now() - make_interval(secs => $1)
        LIMIT 1000`,
      [staleSeconds],
    );
    return rows.map((row) => ({ socketId: row.socket_id, sessionId: row.session_id, instanceId: row.instance_id }));
  }

  async forgetStaleInstances(staleSeconds: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM deliberation_instances i WHERE i.heartbeat_at < now() - make_interval(secs => $1)
          AND NOT EXISTS (SELECT 1 FROM session_connections c WHERE c.instance_id = i.id)`,
      [staleSeconds],
    );
  }

  async connectionsOfInstance(instanceId: string): Promise<Array<{ socketId: string; sessionId: string }>> {
    const rows: Array<{ socket_id: string; session_id: string }> = await this.dataSource.query(`SELECT socket_id, session_id FROM session_connections WHERE instance_id = $1`, [instanceId]);
    return rows.map((row) => ({ socketId: row.socket_id, sessionId: row.session_id }));
  }

  // Timers -----------------------------------------------------------------------------------

  /** Rooms with a deadline passed, locked for this transaction; rooms another instance holds are skipped. */
  async lockDueRooms(now: Date, limit: number, manager: EntityManager): Promise<string[]> {
    const rows: Array<{ session_id: string }> = await manager.query(
      `SELECT session_id FROM deliberation_rooms WHERE next_deadline_at <= $1 ORDER BY next_deadline_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((row) => row.session_id);
  }

  // Votes ------------------------------------------------------------------------------------

  async linkPoll(pollId: string, sessionId: string, itemIndex: number | null, manager: EntityManager): Promise<void> {
    await manager.getRepository(SessionPollEntity).insert({ pollId, sessionId, itemIndex });
  }

  async sessionOfPoll(pollId: string): Promise<SessionPollEntity | null> {
    return this.dataSource.getRepository(SessionPollEntity).findOneBy({ pollId });
  }

  /** The votes held in a session, in the order they were opened. */
  pollsOfSession(sessionId: string): Promise<SessionPollEntity[]> {
    return this.dataSource.getRepository(SessionPollEntity).find({ where: { sessionId }, order: { createdAt: 'ASC', pollId: 'ASC' } });
  }
}

function redactMessage(data: Record<string, unknown>, reason: string): Record<string, unknown> {
  return { ...data, body: null, hidden: true, hiddenReason: reason };
}
