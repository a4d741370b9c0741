import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditLogService, canonicalJson, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import type { StationCounts } from './entities/station-tally.entity.js';
import { ReferendumEvents } from './referendum-events.js';
import { ReferendumException } from './referendum.exception.js';
import { latestBirthDate } from './paris-time.js';
import { ReferendumRepository } from './referendum.repository.js';

/**
 * The in-person channel. Officers of a polling station mark electors who vote on paper (once: the
 * same primary key as online votes), and after the close enter the station's count; a count is
 * accepted when two different officers entered the same figures independently.
 */
@Injectable()
export class PollingStationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReferendumRepository,
    private readonly audit: AuditLogService,
    private readonly events: ReferendumEvents,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async setOfficers(principal: Principal, referendumId: string, officers: ReadonlyArray<{ accountId: string; pollingStation: string }>): Promise<void> {
    if (!principal.roles.includes('organiser')) throw ReferendumException.notOrganiser('appoint polling-station officers');
    if ((await this.repository.find(referendumId)) === null) throw ReferendumException.notFound();
    if (new Set(officers.map((o) => o.accountId)).size !== officers.length) throw ReferendumException.invalid('An officer serves one polling station');
    await inTransaction(this.dataSource, async (manager) => {
      await this.repository.replaceOfficers(referendumId, officers, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.officers-appointed', subjectType: 'referendum', subjectId: referendumId, data: { officers } }, manager);
    });
  }

  /**
   * The polling stations as organisers follow them (all, with officers' emails), or as an officer
   * sees theirs: electors, paper votes, and where the double entry of the count stands — never the
   * other officer's figures, so each entry stays independent.
   */
  async stations(principal: Principal, referendumId: string): Promise<StationView[]> {
    if ((await this.repository.find(referendumId)) === null) throw ReferendumException.notFound();
    const organiser = principal.roles.includes('organiser');
    const station = organiser ? undefined : await this.officerOf(principal, referendumId);
    const [stations, officers, tallies, questions] = await Promise.all([
      this.repository.stations(referendumId, station),
      this.repository.officers(referendumId, station),
      this.repository.allTallies(referendumId, station),
      this.repository.questions(referendumId),
    ]);
    return stations.map((row) => {
      const entries = tallies.filter((tally) => tally.pollingStation === row.pollingStation);
      const names = new Map(officers.map((officer) => [officer.accountId, officer.displayName]));
      return {
        ...row,
        officers: officers.filter((officer) => officer.pollingStation === row.pollingStation).map((officer) => ({ accountId: officer.accountId, displayName: officer.displayName, ...(organiser ? { email: officer.email } : {}) })),
        count: {
          ...countStatus(row.accepted, entries, questions.map((question) => question.id)),
          entries: entries.map((entry) => ({ officerId: entry.officerId, officerName: names.get(entry.officerId) ?? null, enteredAt: entry.enteredAt.toISOString(), mine: entry.officerId === principal.accountId })),
        },
      };
    });
  }

  /** Where the caller serves as a polling-station officer. */
  assignments(principal: Principal): ReturnType<ReferendumRepository['assignments']> {
    return this.repository.assignments(principal.accountId);
  }

  /** An elector as the officer of their station (or an organiser) checks them before marking a paper vote. */
  async elector(principal: Principal, referendumId: string, externalId: string): Promise<NonNullable<Awaited<ReturnType<ReferendumRepository['elector']>>>> {
    if ((await this.repository.find(referendumId)) === null) throw ReferendumException.notFound();
    const station = principal.roles.includes('organiser') ? null : await this.officerOf(principal, referendumId);
    const elector = await this.repository.elector(referendumId, externalId);
    if (elector === null) throw ReferendumException.of('not-found', 'ELECTOR_NOT_FOUND', `No elector ${externalId} on this roll`);
    if (station !== null && elector.pollingStation !== station) throw ReferendumException.of('forbidden', 'WRONG_STATION', `This elector votes at polling station ${elector.pollingStation}`);
    return elector;
  }

  private async officerOf(principal: Principal, referendumId: string): Promise<string> {
    const officer = await this.repository.officer(referendumId, principal.accountId);
    if (officer === null) throw ReferendumException.of('forbidden', 'NOT_AN_OFFICER', "Only this vote's polling-station officers may do this");
    return officer.pollingStation;
  }

  /** An elector votes on paper at their station: marked once, refused if they already voted either way. */
  async markPaperVote(principal: Principal, referendumId: string, externalId: string): Promise<void> {
    const station = await this.officerOf(principal, referendumId);
    await inTransaction(this.dataSource, async (manager) => {
      const referendum = await this.repository.votingRules(referendumId, this.clock.now(), manager);
      if (referendum?.open !== true) throw ReferendumException.of('conflict', 'REFERENDUM_NOT_OPEN', 'The vote is not open');
      const entry = await this.repository.entryByExternalId(referendumId, externalId, manager);
      if (entry === null) throw ReferendumException.of('not-found', 'ELECTOR_NOT_FOUND', `No elector ${externalId} on this roll`);
      if (entry.pollingStation !== station) throw ReferendumException.of('forbidden', 'WRONG_STATION', `This elector votes at polling station ${entry.pollingStation}`);
      if (entry.birthDate > latestBirthDate(referendum.votingDay, referendum.minAge)) {
        throw ReferendumException.of('forbidden', 'NOT_ELIGIBLE_AGE', 'Electors must have reached the minimum age on the voting day');
      }
      if (!(await this.repository.markPaperVote(referendumId, entry.id, principal.accountId, manager))) {
        throw ReferendumException.of('conflict', 'ALREADY_VOTED', 'This elector has already voted (online or at a polling station)');
      }
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.paper-vote', subjectType: 'referendum', subjectId: referendumId, data: { externalId, station } }, manager);
    });
    this.events.publish({ type: 'referendum.voted', referendumId });
  }

  /**
   * An officer's entry of the station's count (after the close). Accepted when another officer of
   * the station entered exactly the same; a difference is reported, and either can enter again.
   */
  async enterCount(principal: Principal, referendumId: string, station: string, counts: StationCounts): Promise<{ status: 'waiting-for-second-entry' | 'accepted' | 'mismatch'; differences?: string[] }> {
    const own = await this.officerOf(principal, referendumId);
    if (own !== station) throw ReferendumException.of('forbidden', 'WRONG_STATION', `You serve polling station ${own}`);
    const referendum = await this.repository.find(referendumId);
    if (referendum === null) throw ReferendumException.notFound();
    if (referendum.status !== 'closed') throw ReferendumException.of('conflict', 'REFERENDUM_NOT_CLOSED', 'Counts are entered after the vote closes (and before publication)');
    const questions = await this.repository.questions(referendumId);
    const district = await this.repository.stationDistrict(referendumId, station);
    if (district === null) throw ReferendumException.of('not-found', 'WRONG_STATION', `No elector of this vote belongs to polling station ${station}`);
    return inTransaction(this.dataSource, async (manager) => {
      const voters = await this.repository.paperVotesAt(referendumId, station, manager);
      for (const question of questions) {
        const count = counts[question.id];
        const problem = countProblem(question, count, voters);
        if (problem !== null) throw ReferendumException.of('invalid', 'STATION_COUNT_INVALID', `Question ${question.position + 1}: ${problem}`);
      }
      if (Object.keys(counts).length !== questions.length) throw ReferendumException.of('invalid', 'STATION_COUNT_INVALID', 'One count per question, keyed by question id');
      const now = this.clock.now();
      await this.repository.saveTally(referendumId, station, principal.accountId, counts, now, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.station-count-entered', subjectType: 'referendum', subjectId: referendumId, data: { station, counts } }, manager);
      const entries = await this.repository.tallies(referendumId, station, manager);
      if (entries.length < 2) return { status: 'waiting-for-second-entry' as const };
      const mine = canonical(counts);
      const other = entries.find((entry) => entry.officerId !== principal.accountId)!;
      if (canonical(other.counts) !== mine) {
        const differences = questions.filter((q) => canonical(other.counts[q.id]) !== canonical(counts[q.id])).map((q) => q.id);
        return { status: 'mismatch' as const, differences };
      }
      await this.repository.acceptStation(referendumId, station, district, counts, [other.officerId, principal.accountId], now, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.station-count-accepted', subjectType: 'referendum', subjectId: referendumId, data: { station, district } }, manager);
      return { status: 'accepted' as const };
    });
  }
}

export interface StationView {
  pollingStation: string;
  district: string;
  electors: number;
  paperVotes: number;
  accepted: boolean;
  officers: Array<{ accountId: string; displayName: string; email?: string }>;
  count: { status: StationCountStatus; differences?: string[]; entries: Array<{ officerId: string; officerName: string | null; enteredAt: string; mine: boolean }> };
}

export type StationCountStatus = 'none' | 'waiting-for-second-entry' | 'mismatch' | 'accepted';

/** Where a station's double entry stands: the latest entries of two different officers compared question by question. */
function countStatus(accepted: boolean, entries: ReadonlyArray<{ officerId: string; counts: StationCounts }>, questionIds: readonly string[]): { status: StationCountStatus; differences?: string[] } {
  if (accepted) return { status: 'accepted' };
  if (entries.length === 0) return { status: 'none' };
  if (entries.length === 1) return { status: 'waiting-for-second-entry' };
  const [a, b] = entries.slice(-2);
  return { status: 'mismatch', differences: questionIds.filter((id) => canonical(a.counts[id]) !== canonical(b.counts[id])) };
}

/** Key order does not matter (PostgreSQL's jsonb reorders keys): compare canonical JSON. */
function canonical(counts: unknown): string {
  return canonicalJson(counts);
}

function countProblem(question: { kind: string; options: string[]; grades: string[] }, count: { options: unknown; blank: unknown } | undefined, voters: number): string | null {
  if (count === undefined) return 'no count';
  const whole = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
  if (!whole(count.blank)) return 'blank must be a whole number ≥ 0';
  if (question.kind === 'majority-judgment') {
    const matrix = count.options;
    if (!Array.isArray(matrix) || matrix.length !== question.options.length) return `options must hold ${question.options.length} rows of counts per grade`;
    const totals = (matrix as unknown[]).map((row) => (Array.isArray(row) && row.length === question.grades.length && row.every(whole) ? (row).reduce((a, b) => a + b, 0) : -1));
    if (totals.some((total) => total < 0)) return `each option needs ${question.grades.length} whole counts (one per grade)`;
    if (new Set(totals).size > 1) return 'every option must be graded on the same number of ballots';
    if (totals[0] + count.blank > voters) return `more ballots (${totals[0] + count.blank}) than electors marked as voting here (${voters})`;
    return null;
  }
  const votes = count.options;
  if (!Array.isArray(votes) || votes.length !== question.options.length || !votes.every(whole)) return `options must hold ${question.options.length} whole counts`;
  const ballots = (votes).reduce((a, b) => a + b, 0) + count.blank;
  if (ballots > voters) return `more ballots (${ballots}) than electors marked as voting here (${voters})`;
  return null;
}
