import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { SessionEntity } from '@app/agenda';
import { BreakoutSplitError, splitIntoGroups } from '@app/sortition';
import { DeliberationException } from './deliberation.exception.js';
import { DeliberationRepository } from './deliberation.repository.js';
import { BreakoutEntity, BreakoutGroupEntity, BreakoutMemberEntity, type BreakoutMethod } from './entities/breakout.entity.js';
import { SessionFacilitatorEntity } from './entities/session-facilitator.entity.js';
import { RoomBroadcaster, type WireEvent } from './room-broadcaster.js';
import { decideOrThrow, RoomService } from './room.service.js';
import { decide, initialRoomState, nextDeadline, RoomRefusal, SYSTEM, type BreakoutGroup, type RoomEvent, type RoomState } from './room.js';
import { requireChair, SessionAccess, type Participant } from './session-access.js';

export interface OpenBreakout {
  /** How many groups (random split), or the groups by hand (`assignment`, one list of account ids per group). */
  groups?: number;
  assignment?: string[][];
  /** Pool features the random split balances, first one exactly (e.g. gender, then age). */
  features?: string[];
  minutes: number;
  /** Per group (by position), an optional facilitator: a member or staff of the assembly. */
  facilitators?: Array<string | null>;
}

export interface BreakoutRecord {
  breakout: BreakoutEntity;
  groups: Array<BreakoutGroupEntity & { members: string[] }>;
}

/** A pool feature a member has no value for (a staff account seated by hand) counts as one more value. */
const UNKNOWN_VALUE = '—';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Workshops: the chair splits the members present in a live plenary into groups — at random,
 * balanced on pool features (libs/sortition's `splitIntoGroups`, its seed recorded so the split can
 * be re-run), or by hand — each group a session of its own, so its room has the plenary's queue,
 * timed turns, messages and minutes, across instances like any room. The group's countdown is its
 * item's timer; the chair speaks to every group and closes them; each group's reporter posts its
 * summary, which goes on the plenary item the groups worked on, and into the plenary's minutes.
 * Locks: the plenary's room first, then the groups' rooms in index order.
 */
@Injectable()
export class BreakoutService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: DeliberationRepository,
    private readonly rooms: RoomService,
    private readonly broadcaster: RoomBroadcaster,
    private readonly access: SessionAccess,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async open(participant: Participant, input: OpenBreakout): Promise<WireEvent[]> {
    requireChair(participant, 'split the room into workshops');
    const plenary = participant.session;
    if (plenary.plenarySessionId !== null) throw DeliberationException.breakoutInGroup();
    const actorId = participant.actor.accountId;
    try {
      const published = await inTransaction(this.dataSource, async (manager) => {
        const groupEvents: WireEvent[] = [];
        const plenaryEvents = await this.rooms.changeIn(manager, plenary.id, actorId, async ({ state, now }) => {
          if (state.breakout) throw DeliberationException.fromRefusal(new RoomRefusal('BREAKOUT_OPEN', 'Workshops are already running: close them first'));
          const present = await this.presentMembers(manager, plenary, state);
          const split = this.split(present, input);
          const facilitators = await this.checkFacilitators(manager, plenary, input.facilitators ?? [], split.groups.length);
          const endsAt = new Date(now.getTime() + input.minutes * 60_000);
          const breakout = await manager.getRepository(BreakoutEntity).save(
            manager.getRepository(BreakoutEntity).create({ sessionId: plenary.id, itemIndex: state.item?.index ?? null, method: split.method, features: split.features, seed: split.seed, openedBy: actorId, openedAt: now, endsAt, closedAt: null }),
          );
          const item = state.item === null ? undefined : state.items[state.item.index];
          const groups: BreakoutGroup[] = [];
          for (const [position, members] of split.groups.entries()) {
            const index = position + 1;
            const facilitatorId = facilitators[position] ?? null;
            const session = await manager.getRepository(SessionEntity).save(
              manager.getRepository(SessionEntity).create({
                assemblyId: plenary.assemblyId,
                plenarySessionId: plenary.id,
                title: `${plenary.title} — ${index}`,
                scheduledAt: now,
                endsAt,
                halfDays: 1,
                remoteAttendance: false,
                visibility: 'members',
                createdBy: actorId,
              }),
            );
            await manager.getRepository(BreakoutGroupEntity).insert({ sessionId: session.id, breakoutId: breakout.id, index, facilitatorId, reporterId: null, summary: null, reportedAt: null });
            await manager.getRepository(BreakoutMemberEntity).insert(members.map((accountId) => ({ breakoutId: breakout.id, accountId, groupSessionId: session.id })));
            if (facilitatorId !== null) await manager.getRepository(SessionFacilitatorEntity).insert({ sessionId: session.id, accountId: facilitatorId });
            const group: BreakoutGroup = { index, sessionId: session.id, members, facilitatorId, reporterId: null, reported: false };
            groups.push(group);
            groupEvents.push(...(await this.startGroupRoom(manager, session.id, plenary.id, breakout.id, group, endsAt, item?.title ?? plenary.title, item?.proposalId ?? plenary.id, input.minutes, state.names, now)));
          }
          await this.audit.record(
            { actor: actorOf(actorId), action: 'session.breakout-opened', subjectType: 'session', subjectId: plenary.id, data: { breakoutId: breakout.id, method: split.method, features: split.features, seed: split.seed, groups: groups.map((g) => g.members) } },
            manager,
          );
          const decision = decideOrThrow(
            state,
            { type: 'breakout.open', breakout: { id: breakout.id, itemIndex: breakout.itemIndex, endsAt: endsAt.getTime(), groups }, names: {}, method: split.method, features: split.features, seed: split.seed },
            participant.actor,
            now.getTime(),
          );
          return decision;
        });
        return [...plenaryEvents, ...groupEvents];
      });
      this.broadcaster.publish(published);
      return published.filter((event) => event.sessionId === plenary.id);
    } catch (error) {
      // Two chairs opening workshops at once: the partial unique index lets one through.
      if (isUniqueViolation(error, 'breakouts_one_open')) throw DeliberationException.fromRefusal(new RoomRefusal('BREAKOUT_OPEN', 'Workshops are already running: close them first'));
      throw error;
    }
  }

  /** Closes the workshops: every group's room ends, and the plenary records it. */
  async close(participant: Participant): Promise<WireEvent[]> {
    requireChair(participant, 'close the workshops');
    const plenary = participant.session;
    const actorId = participant.actor.accountId;
    const published = await inTransaction(this.dataSource, async (manager) => {
      const groupEvents: WireEvent[] = [];
      const plenaryEvents = await this.rooms.changeIn(manager, plenary.id, actorId, async ({ state, now }) => {
        const decision = decideOrThrow(state, { type: 'breakout.close' }, participant.actor, now.getTime());
        const breakout = state.breakout!;
        await manager.update(BreakoutEntity, { id: breakout.id }, { closedAt: now });
        for (const group of [...breakout.groups].sort((a, b) => a.index - b.index)) {
          groupEvents.push(
            ...(await this.rooms.changeIn(manager, group.sessionId, actorId, ({ state: groupState, now: at }) => {
              if (groupState.status === 'ended') return Promise.resolve({ events: [] });
              return Promise.resolve(decideOrThrow(groupState, { type: 'session.end' }, SYSTEM, at.getTime()));
            })),
          );
        }
        await this.audit.record({ actor: actorOf(actorId), action: 'session.breakout-closed', subjectType: 'session', subjectId: plenary.id, data: { breakoutId: breakout.id } }, manager);
        return decision;
      });
      return [...plenaryEvents, ...groupEvents];
    });
    this.broadcaster.publish(published);
    return published.filter((event) => event.sessionId === plenary.id);
  }

  /** The chair's word to every group's room. */
  async broadcast(participant: Participant, text: string): Promise<WireEvent[]> {
    requireChair(participant, 'speak to every workshop');
    if (text.trim() === '') throw DeliberationException.blank('text');
    const plenary = participant.session;
    const actorId = participant.actor.accountId;
    const published = await inTransaction(this.dataSource, async (manager) => {
      const all: WireEvent[] = [];
      const plenaryEvents = await this.rooms.changeIn(manager, plenary.id, actorId, async ({ state, now }) => {
        if (!state.breakout) throw DeliberationException.fromRefusal(new RoomRefusal('NO_BREAKOUT', 'No workshops are running'));
        for (const group of [...state.breakout.groups].sort((a, b) => a.index - b.index)) {
          all.push(
            ...(await this.rooms.changeIn(manager, group.sessionId, actorId, ({ state: groupState, now: at }) => {
              if (groupState.status === 'ended') return Promise.resolve({ events: [] });
              return Promise.resolve(decideOrThrow(groupState, { type: 'breakout.message', text }, participant.actor, at.getTime()));
            })),
          );
        }
        return decideOrThrow(state, { type: 'breakout.message', text }, participant.actor, now.getTime());
      });
      return [...plenaryEvents, ...all];
    });
    this.broadcaster.publish(published);
    return published.filter((event) => event.sessionId === plenary.id);
  }

  /** In a group's room: its members name their reporter; the plenary's view shows who. */
  async nameReporter(participant: Participant, accountId: string): Promise<WireEvent[]> {
    const group = await this.groupOf(participant.session);
    const published = await inTransaction(this.dataSource, async (manager) => {
      const plenaryEvents = await this.rooms.changeIn(manager, group.plenaryId, participant.actor.accountId, ({ state, now }) =>
        Promise.resolve(decideOrThrow(state, { type: 'breakout.reporter', breakoutId: group.breakoutId, index: group.index, accountId }, SYSTEM, now.getTime())),
      );
      const groupEvents = await this.rooms.changeIn(manager, participant.session.id, participant.actor.accountId, async ({ state, now }) => {
        const decision = decideOrThrow(state, { type: 'group.reporter', accountId }, participant.actor, now.getTime());
        await manager.update(BreakoutGroupEntity, { sessionId: participant.session.id }, { reporterId: accountId });
        return decision;
      });
      return [...plenaryEvents, ...groupEvents];
    });
    this.broadcaster.publish(published);
    return published.filter((event) => event.sessionId === participant.session.id);
  }

  /**
   * The reporter's summary: kept with the group, posted as a message on the plenary item the groups
   * worked on (by the reporter), and recorded in the plenary's events, hence its minutes. A second
   * summary replaces the first in the record; both stay in the plenary's messages.
   */
  async report(participant: Participant, summary: string): Promise<WireEvent[]> {
    const group = await this.groupOf(participant.session);
    const text = summary.trim();
    if (text === '') throw DeliberationException.blank('summary');
    const actorId = participant.actor.accountId;
    const published = await inTransaction(this.dataSource, async (manager) => {
      const plenaryEvents = await this.rooms.changeIn(manager, group.plenaryId, actorId, async ({ state, now, firstSeq }) => {
        if (state.status === 'ended') throw DeliberationException.fromRefusal(new RoomRefusal('SESSION_ENDED', 'The plenary has ended: its minutes are closed'));
        const id = this.rooms.newMessageId();
        const body = `${group.label} — ${text}`;
        await this.repository.insertMessage({ id, sessionId: group.plenaryId, seq: String(firstSeq), itemIndex: group.itemIndex, authorId: actorId, replyTo: null, body, postedAt: now }, manager);
        const posted: RoomEvent = { type: 'message.posted', data: { id, itemIndex: group.itemIndex, authorId: actorId, authorName: state.names[actorId] ?? null, replyTo: null, body } };
        const decision = decideOrThrow(state, { type: 'breakout.reported', breakoutId: group.breakoutId, index: group.index, reporterId: actorId, summary: text }, SYSTEM, now.getTime());
        return { events: [posted, ...decision.events], state: decision.state };
      });
      const groupEvents = await this.rooms.changeIn(manager, participant.session.id, actorId, async ({ state, now }) => {
        const decision = decideOrThrow(state, { type: 'group.report', summary: text }, participant.actor, now.getTime());
        await manager.update(BreakoutGroupEntity, { sessionId: participant.session.id }, { summary: text, reportedAt: now });
        return decision;
      });
      return [...plenaryEvents, ...groupEvents];
    });
    this.broadcaster.publish(published);
    return published.filter((event) => event.sessionId === participant.session.id);
  }

  /** The plenary's workshops, newest first, with their groups and summaries; and the features a split can balance. */
  async history(principal: Principal | undefined, sessionId: string): Promise<{ features: string[]; candidates: string[]; breakouts: BreakoutRecord[] }> {
    const session = await this.access.requireReader(principal, sessionId);
    const room = await this.repository.roomState(sessionId);
    const candidates = room === null ? [] : (await this.presentMembers(this.dataSource.manager, session, room.state)).map((person) => person.id);
    const breakouts = await this.dataSource.getRepository(BreakoutEntity).find({ where: { sessionId }, order: { openedAt: 'DESC' } });
    const ids = breakouts.map((breakout) => breakout.id);
    const groups = ids.length === 0 ? [] : await this.dataSource.getRepository(BreakoutGroupEntity).createQueryBuilder('g').where('g.breakout_id = ANY(:ids)', { ids }).orderBy('g.index', 'ASC').getMany();
    const members = ids.length === 0 ? [] : await this.dataSource.getRepository(BreakoutMemberEntity).createQueryBuilder('m').where('m.breakout_id = ANY(:ids)', { ids }).getMany();
    const features: Array<{ key: string }> = await this.dataSource.query(
      `SELECT DISTINCT jsonb_object_keys(v.features) AS key FROM memberships m JOIN pool_volunteers v ON v.pool_id = m.pool_id AND v.person_id = m.person_id
        WHERE m.assembly_id = $1 AND m.role IN ('member','alternate') AND m.ended_at IS NULL ORDER BY key`,
      [session.assemblyId],
    );
    return {
      features: features.map((row) => row.key),
      candidates,
      breakouts: breakouts.map((breakout) => ({
        breakout,
        groups: groups.filter((group) => group.breakoutId === breakout.id).map((group) => Object.assign(group, { members: members.filter((m) => m.groupSessionId === group.sessionId).map((m) => m.accountId) })),
      })),
    };
  }

  // ---------------------------------------------------------------------------------------------

  /** Seated members (and alternates) present in the plenary, with their pool features. */
  private async presentMembers(manager: EntityManager, plenary: SessionEntity, state: RoomState): Promise<Array<{ id: string; features: Record<string, string> }>> {
    if (state.present.length === 0) return [];
    const rows: Array<{ account_id: string; features: Record<string, string> | null }> = await manager.query(
      `SELECT DISTINCT ON (m.account_id) m.account_id, v.features FROM memberships m LEFT JOIN pool_volunteers v ON v.pool_id = m.pool_id AND v.person_id = m.person_id
        WHERE m.assembly_id = $1 AND m.account_id = ANY($2::uuid[]) AND m.role IN ('member','alternate') AND m.ended_at IS NULL ORDER BY m.account_id, m.role DESC`,
      [plenary.assemblyId, state.present],
    );
    return rows.map((row) => ({ id: row.account_id, features: row.features ?? {} }));
  }

  private split(present: Array<{ id: string; features: Record<string, string> }>, input: OpenBreakout): { groups: string[][]; method: BreakoutMethod; features: string[]; seed: string | null } {
    if (input.assignment !== undefined) {
      if (input.assignment.some((group) => group.some((id) => typeof id !== 'string' || !UUID.test(id)))) throw DeliberationException.splitInvalid('The groups by hand are lists of account ids');
      const here = new Set(present.map((person) => person.id));
      const placed = input.assignment.flat();
      const unknown = placed.filter((id) => !here.has(id));
      const twice = placed.filter((id, i) => placed.indexOf(id) !== i);
      const left = [...here].filter((id) => !placed.includes(id));
      if (unknown.length > 0 || twice.length > 0 || left.length > 0 || input.assignment.some((group) => group.length === 0)) {
        throw DeliberationException.splitInvalid('By hand, every member present goes in exactly one group, and no group is empty', { notPresent: unknown, twice: [...new Set(twice)], unassigned: left });
      }
      return { groups: input.assignment, method: 'manual', features: [], seed: null };
    }
    const count = input.groups ?? 0;
    const features = input.features ?? [];
    const seed = randomBytes(16).toString('hex');
    try {
      const members = present.map((person) => ({ id: person.id, features: Object.fromEntries(features.map((feature) => [feature, person.features[feature] ?? UNKNOWN_VALUE])) }));
      return { groups: splitIntoGroups(members, count, features, seed).groups, method: 'random', features, seed };
    } catch (error) {
      if (error instanceof BreakoutSplitError) throw DeliberationException.splitInvalid(`Cannot split ${present.length} members present: ${error.message}`, { present: present.length });
      throw error;
    }
  }

  private async checkFacilitators(manager: EntityManager, plenary: SessionEntity, facilitators: Array<string | null>, groups: number): Promise<Array<string | null>> {
    if (facilitators.some((id) => id !== null && (typeof id !== 'string' || !UUID.test(id)))) throw DeliberationException.splitInvalid('A facilitator is an account id, or null');
    if (facilitators.length > groups) throw DeliberationException.splitInvalid(`${facilitators.length} facilitators for ${groups} groups`);
    const named = facilitators.filter((id): id is string => id !== null);
    if (named.length === 0) return facilitators;
    const rows: Array<{ account_id: string }> = await manager.query(`SELECT DISTINCT account_id FROM memberships WHERE assembly_id = $1 AND account_id = ANY($2::uuid[]) AND ended_at IS NULL`, [plenary.assemblyId, named]);
    const known = new Set(rows.map((row) => row.account_id));
    const unknown = named.filter((id) => !known.has(id));
    if (unknown.length > 0) throw DeliberationException.splitInvalid('A facilitator is a member or staff of the assembly', { unknown });
    return facilitators;
  }

  /** A group's room, live at once on the plenary's item with the workshop's length as its countdown. */
  private async startGroupRoom(
    manager: EntityManager,
    sessionId: string,
    plenaryId: string,
    breakoutId: string,
    group: BreakoutGroup,
    endsAt: Date,
    topic: string,
    proposalId: string,
    minutes: number,
    names: Record<string, string>,
    now: Date,
  ): Promise<WireEvent[]> {
    const at = now.getTime();
    const started = decide(initialRoomState([{ proposalId, title: topic, allottedMinutes: minutes }]), { type: 'session.start' }, SYSTEM, at);
    const onItem = decide(started.state, { type: 'item.start', index: 0 }, SYSTEM, at);
    const state: RoomState = {
      ...onItem.state,
      names: Object.fromEntries(group.members.map((id) => [id, names[id] ?? id])),
      group: { plenarySessionId: plenaryId, breakoutId, index: group.index, endsAt: endsAt.getTime(), members: group.members, facilitatorId: group.facilitatorId, reporterId: null, reported: false },
    };
    await this.repository.ensureRoom(sessionId, initialRoomState([]), manager);
    const events = [...started.events, ...onItem.events];
    const records = await this.repository.appendEvents(sessionId, 1, events, null, now, manager);
    await this.repository.saveRoom(sessionId, events.length, state, nextDeadline(state), manager);
    await this.repository.setSessionStatus(sessionId, 'live', manager);
    return records;
  }

  private async groupOf(session: SessionEntity): Promise<{ plenaryId: string; breakoutId: string; index: number; itemIndex: number | null; label: string }> {
    const group = await this.dataSource.getRepository(BreakoutGroupEntity).findOne({ where: { sessionId: session.id }, relations: { breakout: true } });
    if (group === null || session.plenarySessionId === null) throw DeliberationException.fromRefusal(new RoomRefusal('NOT_A_GROUP', 'This room is not a workshop group'));
    return { plenaryId: session.plenarySessionId, breakoutId: group.breakoutId, index: group.index, itemIndex: group.breakout!.itemIndex, label: `Atelier ${group.index} · Workshop ${group.index}` };
  }
}
