import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomInt } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { AssemblyAccess, AssemblyService } from '@app/assembly';
import { SessionEntity } from '@app/agenda';
import { indemnityStatements, minutesPresent, parisMonth, type IndemnityRules, type IndemnitySession, type MemberStatement, type PaymentStatement, type PresenceCorrection, type PresenceInterval } from '@app/indemnities';
import { AttendanceException } from './attendance.exception.js';
import { AttendanceCorrectionEntity } from './entities/attendance-correction.entity.js';
import { AttendanceRecordEntity, type AttendanceMethod } from './entities/attendance-record.entity.js';
import { IndemnityRulesEntity } from './entities/indemnity-rules.entity.js';
import { requireChair, SessionAccess } from './session-access.js';

/** A member's or alternate's seat as the attendance list shows it. */
export interface Seat {
  membershipId: string;
  role: 'member' | 'alternate';
  accountId: string | null;
  personId: string | null;
  name: string;
}

export interface SeatAttendance extends Seat {
  stretches: AttendanceRecordEntity[];
  correction: AttendanceCorrectionEntity | null;
  present: boolean;
  /** Minutes within the session's hours so far, from the stretches (before any correction). */
  minutesRecorded: number;
}

export interface MemberAttendance {
  seat: Seat;
  attendanceCode: string;
  rules: IndemnityRules | null;
  sessions: SessionEntity[];
  records: AttendanceRecordEntity[];
  corrections: AttendanceCorrectionEntity[];
  /** With the assembly's rules; null until they are set. */
  statement: MemberStatement | null;
  /** Minutes that count per session (after corrections), with or without rules. */
  minutes: Map<string, number>;
}

/** Letters a person reads out or types from a badge without confusing them (no 0/O, 1/I). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 12;
const HOUR = 3600_000;
const NAME_ORDER = new Intl.Collator('fr', { numeric: true, sensitivity: 'base' });
/** Stretches may be entered a while before the sitting (doors open early) and any time after it. */
const EARLIEST_BEFORE_START = 6 * HOUR;

/**
 * Who attended each session, and what it is worth. In the room, staff check members in and out from
 * the list or by scanning the member's code; from home (when the session allows it), the live room
 * records a stretch while the member is connected. One open stretch per seat and session (a partial
 * unique index), so the door and the live room never count someone twice. Organisers correct the
 * minutes with a reason (audited), set the rules, and get the statement per member and month; each
 * member reads their own. Indemnities are computed by libs/indemnities, never stored.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly sessions: SessionAccess,
    private readonly access: AssemblyAccess,
    private readonly assemblies: AssemblyService,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  // The door ------------------------------------------------------------------------------------

  /** The session's list: every seat of the assembly during the session, with its stretches. Chairs only. */
  async roster(principal: Principal, sessionId: string): Promise<{ session: SessionEntity; seats: SeatAttendance[] }> {
    const participant = await this.sessions.participant(principal, sessionId);
    requireChair(participant, 'see the attendance list');
    const session = plenary(participant.session);
    const seats = await this.seatsDuring(session.assemblyId, session.scheduledAt, session.endsAt);
    const records = await this.dataSource.getRepository(AttendanceRecordEntity).find({ where: { sessionId }, order: { arrivedAt: 'ASC' } });
    const corrections = await this.dataSource.getRepository(AttendanceCorrectionEntity).find({ where: { sessionId } });
    const now = this.clock.now();
    return {
      session,
      seats: seats.map((seat) => {
        const stretches = records.filter((record) => record.membershipId === seat.membershipId);
        return {
          ...seat,
          stretches,
          correction: corrections.find((correction) => correction.membershipId === seat.membershipId) ?? null,
          present: stretches.some((stretch) => stretch.leftAt === null),
          minutesRecorded: minutesWithin(stretches, session, now),
        };
      }),
    };
  }

  /**
   * Checks a seat in at the door, by its id (the list) or the member's attendance code (scanned).
   * A member connected from home is now in the room: their remote stretch ends where this one starts.
   */
  async checkIn(principal: Principal, sessionId: string, who: { membershipId?: string; code?: string; at?: Date }): Promise<AttendanceRecordEntity> {
    const participant = await this.sessions.participant(principal, sessionId);
    requireChair(participant, 'check members in');
    const session = plenary(participant.session);
    const now = this.clock.now();
    const at = who.at ?? now;
    this.checkTime(session, at, now);
    const seat = await this.seatOf(session, who);
    const method: AttendanceMethod = who.code !== undefined ? 'code' : 'list';
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const repository = manager.getRepository(AttendanceRecordEntity);
        const open = await repository.createQueryBuilder('r').setLock('pessimistic_write').where('r.session_id = :sessionId AND r.membership_id = :membershipId AND r.left_at IS NULL', { sessionId, membershipId: seat.membershipId }).getOne();
        if (open !== null && open.mode === 'room') throw AttendanceException.alreadyPresent(open.arrivedAt);
        if (open !== null) await repository.update({ id: open.id }, { leftAt: at < open.arrivedAt ? open.arrivedAt : at });
        return repository.save(repository.create({ sessionId, membershipId: seat.membershipId, mode: 'room', method, arrivedAt: at, leftAt: null, recordedBy: principal.accountId }));
      });
    } catch (error) {
      // Two staff scanning the same badge at once: the index lets one through.
      if (isUniqueViolation(error)) throw AttendanceException.alreadyPresent(at);
      throw error;
    }
  }

  /** Records a departure from the room (early, or at the end). */
  async checkOut(principal: Principal, sessionId: string, who: { membershipId?: string; code?: string; at?: Date }): Promise<AttendanceRecordEntity> {
    const participant = await this.sessions.participant(principal, sessionId);
    requireChair(participant, 'check members out');
    const session = plenary(participant.session);
    const now = this.clock.now();
    const at = who.at ?? now;
    this.checkTime(session, at, now);
    const seat = await this.seatOf(session, who);
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(AttendanceRecordEntity);
      const open = await repository.createQueryBuilder('r').setLock('pessimistic_write').where(`r.session_id = :sessionId AND r.membership_id = :membershipId AND r.left_at IS NULL AND r.mode = 'room'`, { sessionId, membershipId: seat.membershipId }).getOne();
      if (open === null) throw AttendanceException.notPresent();
      if (at < open.arrivedAt) throw AttendanceException.timeInvalid(`The departure (${at.toISOString()}) is before the arrival (${open.arrivedAt.toISOString()})`);
      open.leftAt = at;
      return repository.save(open);
    });
  }

  /** The minutes that count for a seat at a session, with the reason; organisers only, audited with what it replaced. */
  async correct(principal: Principal, sessionId: string, membershipId: string, correction: { minutes: number; reason: string }): Promise<AttendanceCorrectionEntity> {
    const session = plenary(await this.sessions.session(sessionId));
    await this.access.requireOrganiser(principal, session.assemblyId, 'correct attendance');
    const seat = await this.seatOf(session, { membershipId });
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(AttendanceCorrectionEntity);
      const previous = await repository.findOne({ where: { sessionId, membershipId: seat.membershipId }, lock: { mode: 'pessimistic_write' } });
      const saved = await repository.save(repository.create({ sessionId, membershipId: seat.membershipId, minutes: correction.minutes, reason: correction.reason, correctedBy: principal.accountId, correctedAt: this.clock.now() }));
      await this.audit.record(
        {
          actor: actorOf(principal.accountId),
          action: 'attendance.corrected',
          subjectType: 'session',
          subjectId: sessionId,
          data: { membershipId: seat.membershipId, minutes: correction.minutes, reason: correction.reason, previous: previous === null ? null : { minutes: previous.minutes, reason: previous.reason } },
        },
        manager,
      );
      return saved;
    });
  }

  // From home -----------------------------------------------------------------------------------

  /** A seat's first connection to the live room of a session open to remote attendance starts a stretch (in the room's transaction). */
  async remoteArrived(manager: EntityManager, sessionId: string, accountId: string, at: Date): Promise<void> {
    const membershipId = await this.remoteSeat(manager, sessionId, accountId);
    if (membershipId === null) return;
    // Already checked in at the door (or still counted from home): nothing to open.
    await manager.query(
      `INSERT INTO attendance_records (session_id, membership_id, mode, method, arrived_at) VALUES ($1, $2, 'remote', 'live', $3)
       ON CONFLICT (session_id, membership_id) WHERE left_at IS NULL DO NOTHING`,
      [sessionId, membershipId, at],
    );
  }

  /** Its last connection leaving ends the stretch from home (a stretch at the door stays open). */
  async remoteLeft(manager: EntityManager, sessionId: string, accountId: string, at: Date): Promise<void> {
    const membershipId = await this.remoteSeat(manager, sessionId, accountId);
    if (membershipId === null) return;
    await manager.query(`UPDATE attendance_records SET left_at = GREATEST($3::timestamptz, arrived_at) WHERE session_id = $1 AND membership_id = $2 AND mode = 'remote' AND left_at IS NULL`, [sessionId, membershipId, at]);
  }

  private async remoteSeat(manager: EntityManager, sessionId: string, accountId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await manager.query(
      `SELECT m.id FROM sessions s JOIN memberships m ON m.assembly_id = s.assembly_id
        WHERE s.id = $1 AND s.remote_attendance AND m.account_id = $2 AND m.role IN ('member','alternate') AND m.ended_at IS NULL
        ORDER BY m.role LIMIT 1`,
      [sessionId, accountId],
    );
    return rows[0]?.id ?? null;
  }

  // Rules and statements ------------------------------------------------------------------------

  async rules(assemblyId: string): Promise<IndemnityRulesEntity | null> {
    await this.assemblies.get(assemblyId);
    return this.dataSource.getRepository(IndemnityRulesEntity).findOneBy({ assemblyId });
  }

  async setRules(principal: Principal, assemblyId: string, rules: IndemnityRules): Promise<IndemnityRulesEntity> {
    await this.assemblies.get(assemblyId);
    await this.access.requireOrganiser(principal, assemblyId, 'set the indemnity rules');
    return inTransaction(this.dataSource, async (manager) => {
      const repository = manager.getRepository(IndemnityRulesEntity);
      const saved = await repository.save(
        repository.create({ assemblyId, centsPerHalfDay: rules.centsPerHalfDay, minimumMinutes: rules.minimumMinutesPerHalfDay, monthlyCapCents: rules.monthlyCapCents ?? null, updatedBy: principal.accountId, updatedAt: this.clock.now() }),
      );
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'indemnity.rules-set', subjectType: 'assembly', subjectId: assemblyId, data: { ...rules } }, manager);
      return saved;
    });
  }

  /** The statement for the payment service over whole Paris months; organisers only. */
  async statement(principal: Principal, assemblyId: string, from: string, to: string): Promise<PaymentStatement> {
    const assembly = await this.assemblies.get(assemblyId);
    await this.access.requireOrganiser(principal, assemblyId, 'see the indemnity statement');
    if (!validPeriod(from, to)) throw AttendanceException.periodInvalid();
    const rules = await this.dataSource.getRepository(IndemnityRulesEntity).findOneBy({ assemblyId });
    if (rules === null) throw AttendanceException.rulesMissing();
    const [start, end] = [monthStart(from), monthStart(nextMonth(to))];
    const sessions = (await this.sessionsBetween(assemblyId, start, end)).filter((session) => {
      const month = parisMonth(session.scheduledAt.toISOString());
      return month >= from && month <= to;
    });
    const seats = await this.seatsDuring(assemblyId, start, end);
    const { presence, corrections } = await this.attendanceOf(sessions.map((session) => session.id));
    const statements = indemnityStatements(toRules(rules), sessions.map(toIndemnitySession), presence, corrections, seats.map((seat) => seat.membershipId));
    const seatById = new Map(seats.map((seat) => [seat.membershipId, seat]));
    const missing = statements.filter((statement) => !seatById.has(statement.memberId)).map((statement) => statement.memberId);
    for (const seat of await this.seatsById(missing)) seatById.set(seat.membershipId, seat);
    return {
      assembly: assembly.name,
      from,
      to,
      generatedAt: this.clock.now().toISOString(),
      rules: toRules(rules),
      sessions: sessions.map((session) => ({ id: session.id, title: session.title, startsAt: session.scheduledAt.toISOString(), halfDays: session.halfDays })),
      members: statements
        .map((statement) => {
          const seat = seatById.get(statement.memberId)!;
          return { membershipId: seat.membershipId, name: seat.name, ...(seat.personId === null ? {} : { personId: seat.personId }), statement };
        })
        .sort((a, b) => NAME_ORDER.compare(a.name, b.name)),
    };
  }

  /** A member's own record: every sitting since their seat began, minutes, half-days and indemnity, and their code for the door. */
  async mine(principal: Principal, assemblyId: string): Promise<MemberAttendance> {
    await this.assemblies.get(assemblyId);
    const rows: Array<{ id: string; started_at: Date; ended_at: Date | null }> = await this.dataSource.query(
      `SELECT id, started_at, ended_at FROM memberships WHERE assembly_id = $1 AND account_id = $2 AND role IN ('member','alternate') ORDER BY ended_at DESC NULLS FIRST, started_at DESC LIMIT 1`,
      [assemblyId, principal.accountId],
    );
    const row = rows[0];
    if (row === undefined) throw AttendanceException.notSeated();
    const [seat] = await this.seatsById([row.id]);
    const attendanceCode = await this.attendanceCode(row.id);
    // Sittings held while the seat was held, and any other the seat has a record of.
    const now = this.clock.now();
    const sessions = await this.dataSource
      .getRepository(SessionEntity)
      .createQueryBuilder('s')
      .where('s.assembly_id = :assemblyId AND s.plenary_session_id IS NULL AND s.scheduled_at <= :now', { assemblyId, now })
      .andWhere(
        `((s.ends_at >= :started AND (CAST(:ended AS timestamptz) IS NULL OR s.scheduled_at <= :ended))
          OR EXISTS (SELECT 1 FROM attendance_records r WHERE r.session_id = s.id AND r.membership_id = :id)
          OR EXISTS (SELECT 1 FROM attendance_corrections c WHERE c.session_id = s.id AND c.membership_id = :id))`,
        { started: row.started_at, ended: row.ended_at, id: row.id },
      )
      .orderBy('s.scheduled_at', 'ASC')
      .getMany();
    const { presence, corrections } = await this.attendanceOf(sessions.map((session) => session.id), row.id);
    const rulesRow = await this.dataSource.getRepository(IndemnityRulesEntity).findOneBy({ assemblyId });
    const rules = rulesRow === null ? null : toRules(rulesRow);
    // Minutes do not depend on the rules: any valid rules give them.
    const [withMinutes] = indemnityStatements(rules ?? { centsPerHalfDay: 0, minimumMinutesPerHalfDay: 1 }, sessions.map(toIndemnitySession), presence, corrections, [row.id]);
    const records = await this.dataSource.getRepository(AttendanceRecordEntity).find({ where: { membershipId: row.id }, order: { arrivedAt: 'ASC' } });
    return {
      seat: seat,
      attendanceCode,
      rules,
      sessions,
      records,
      corrections: await this.dataSource.getRepository(AttendanceCorrectionEntity).find({ where: { membershipId: row.id } }),
      statement: rules === null ? null : (withMinutes ?? null),
      minutes: new Map((withMinutes?.lines ?? []).map((line) => [line.sessionId, line.minutes])),
    };
  }

  /** The seat's code for the door, made on first use (a retry on the rare collision). */
  private async attendanceCode(membershipId: string): Promise<string> {
    for (let attempt = 0; ; attempt += 1) {
      const code = Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
      try {
        await this.dataSource.query(`UPDATE memberships SET attendance_code = $2 WHERE id = $1 AND attendance_code IS NULL`, [membershipId, code]);
        const rows: Array<{ attendance_code: string }> = await this.dataSource.query(`SELECT attendance_code FROM memberships WHERE id = $1`, [membershipId]);
        return rows[0].attendance_code;
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= 3) throw error;
      }
    }
  }

  // Reading ---------------------------------------------------------------------------------------

  private checkTime(session: SessionEntity, at: Date, now: Date): void {
    if (at.getTime() > now.getTime() + 60_000) throw AttendanceException.timeInvalid('A time of arrival or departure cannot be in the future');
    if (at.getTime() < session.scheduledAt.getTime() - EARLIEST_BEFORE_START) throw AttendanceException.timeInvalid('This time is more than six hours before the session starts: check the date');
  }

  private async seatOf(session: SessionEntity, who: { membershipId?: string; code?: string }): Promise<Seat> {
    const seats = await this.seatsDuring(session.assemblyId, session.scheduledAt, session.endsAt, who);
    const seat = seats[0];
    if (seat === undefined) throw AttendanceException.seatNotFound();
    return seat;
  }

  /** Members and alternates whose seat overlaps [from, to], optionally one of them by id or code. */
  private async seatsDuring(assemblyId: string, from: Date, to: Date, who: { membershipId?: string; code?: string } = {}): Promise<Seat[]> {
    const params: unknown[] = [assemblyId, from, to];
    let filter = '';
    if (who.membershipId !== undefined) {
      params.push(who.membershipId);
      filter = `AND m.id = $${params.length}`;
    } else if (who.code !== undefined) {
      params.push(normaliseCode(who.code));
      filter = `AND m.attendance_code = $${params.length}`;
    }
    return this.seatRows(
      `m.assembly_id = $1 AND m.role IN ('member','alternate') AND m.started_at <= $3 AND (m.ended_at IS NULL OR m.ended_at >= $2) ${filter}`,
      params,
    );
  }

  private seatsById(ids: readonly string[]): Promise<Seat[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.seatRows(`m.id = ANY($1::uuid[])`, [ids]);
  }

  private async seatRows(where: string, params: unknown[]): Promise<Seat[]> {
    const rows: Array<{ id: string; role: 'member' | 'alternate'; account_id: string | null; person_id: string | null; display_name: string | null }> = await this.dataSource.query(
      `SELECT m.id, m.role, m.account_id, m.person_id, a.display_name FROM memberships m LEFT JOIN accounts a ON a.id = m.account_id WHERE ${where}`,
      params,
    );
    const seats = rows.map((row) => ({ membershipId: row.id, role: row.role, accountId: row.account_id, personId: row.person_id, name: row.display_name ?? row.person_id ?? row.id }));
    // Names as people sort them, and pseudonyms 2 before 10.
    return seats.sort((a, b) => NAME_ORDER.compare(a.name, b.name) || (a.membershipId < b.membershipId ? -1 : 1));
  }

  private sessionsBetween(assemblyId: string, from: Date, to: Date): Promise<SessionEntity[]> {
    return this.dataSource.getRepository(SessionEntity).createQueryBuilder('s').where('s.assembly_id = :assemblyId AND s.plenary_session_id IS NULL AND s.scheduled_at >= :from AND s.scheduled_at < :to', { assemblyId, from, to }).orderBy('s.scheduled_at', 'ASC').getMany();
  }

  private async attendanceOf(sessionIds: readonly string[], membershipId?: string): Promise<{ presence: PresenceInterval[]; corrections: PresenceCorrection[] }> {
    if (sessionIds.length === 0) return { presence: [], corrections: [] };
    const records = await this.dataSource.getRepository(AttendanceRecordEntity).createQueryBuilder('r').where('r.session_id = ANY(:ids)', { ids: sessionIds }).andWhere(membershipId === undefined ? 'TRUE' : 'r.membership_id = :membershipId', { membershipId }).getMany();
    const corrections = await this.dataSource.getRepository(AttendanceCorrectionEntity).createQueryBuilder('c').where('c.session_id = ANY(:ids)', { ids: sessionIds }).andWhere(membershipId === undefined ? 'TRUE' : 'c.membership_id = :membershipId', { membershipId }).getMany();
    return {
      presence: records.map((record) => ({ memberId: record.membershipId, sessionId: record.sessionId, from: record.arrivedAt.toISOString(), ...(record.leftAt === null ? {} : { to: record.leftAt.toISOString() }), remote: record.mode === 'remote' })),
      corrections: corrections.map((correction) => ({ memberId: correction.membershipId, sessionId: correction.sessionId, minutes: correction.minutes, reason: correction.reason })),
    };
  }
}

/** Attendance is a sitting's: a workshop group's session is part of its plenary. */
function plenary(session: SessionEntity): SessionEntity {
  if (session.plenarySessionId !== null) throw AttendanceException.onPlenary();
  return session;
}

/** What a scanner or a person typed: spaces, dashes and case do not matter. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function toRules(row: IndemnityRulesEntity): IndemnityRules {
  return { centsPerHalfDay: row.centsPerHalfDay, minimumMinutesPerHalfDay: row.minimumMinutes, ...(row.monthlyCapCents === null ? {} : { monthlyCapCents: row.monthlyCapCents }) };
}

function toIndemnitySession(session: SessionEntity): IndemnitySession {
  return { id: session.id, startsAt: session.scheduledAt.toISOString(), endsAt: session.endsAt.toISOString(), halfDays: session.halfDays };
}

/** Minutes present within the session's hours up to now (an open stretch runs until now). */
function minutesWithin(stretches: readonly AttendanceRecordEntity[], session: SessionEntity, now: Date): number {
  const until = new Date(Math.min(session.endsAt.getTime(), now.getTime())).toISOString();
  return minutesPresent(
    stretches.map((stretch) => ({ from: stretch.arrivedAt.toISOString(), ...(stretch.leftAt === null ? {} : { to: stretch.leftAt.toISOString() }) })),
    session.scheduledAt.toISOString(),
    until,
  );
}

function validPeriod(from: string, to: string): boolean {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(from) || !/^\d{4}-(0[1-9]|1[0-2])$/.test(to) || from > to) return false;
  const months = (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5)) - Number(from.slice(5));
  return months < 24;
}

/** The first instant of a Paris month (a day early, to be safe with the time zone; callers filter by Paris month). */
function monthStart(month: string): Date {
  return new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 1) - 24 * HOUR);
}

function nextMonth(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5));
  return m === 12 ? `${year + 1}-01` : `${year}-${String(m + 1).padStart(2, '0')}`;
}
