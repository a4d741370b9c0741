import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, generateHumanCode, hashHumanCode, KeyedThrottle, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { BallotBoxRepository } from './ballot-box.repository.js';
import type { PollEntity, PollStatus } from './entities/poll.entity.js';
import { PollEvents } from './poll-events.js';
import { PollRepository } from './poll.repository.js';
import { VOTER_ELIGIBILITY, type VoterEligibility } from './voter-eligibility.js';
import { VotingException } from './voting.exception.js';

/** Turnout events at most this often per poll. */
const TURNOUT_TICK_MS = 1000;

export interface CastOutcome {
  /** Shown once to the voter; only its hash is stored. */
  receipt: string;
  replaced: boolean;
}

/**
 * The ballot box: casting (one person, one vote, enforced by the participation primary key in the
 * same transaction as the ballot), re-voting with the receipt, receipt checks and turnout.
 */
@Injectable()
export class BallotService implements OnModuleDestroy {
  /** Turnout events: at most one a second per poll, and always one after the last ballot. */
  private readonly turnoutTicks = new KeyedThrottle(TURNOUT_TICK_MS, (pollId) => this.publishTurnout(pollId));
  /** Options of open polls (they cannot change once open), so a ballot costs no extra query. */
  private readonly optionCache = new Map<string, Array<{ id: string }>>();
  private readonly openPolls = new Map<string, PollEntity>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly polls: PollRepository,
    private readonly box: BallotBoxRepository,
    private readonly events: PollEvents,
    @Inject(VOTER_ELIGIBILITY) private readonly eligibility: VoterEligibility,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async cast(principal: Principal, pollId: string, grades: Record<string, unknown>, receipt?: string): Promise<CastOutcome> {
    const poll = await this.pollSettings(pollId);
    this.requireOpen(poll);
    if (receipt !== undefined) return this.recast(principal, poll, grades, receipt);
    // The ballot is checked before eligibility: an eligibility rule may record the attempt (the
    // participatory budget fixes a voter's district at their first ballot), so a malformed one must not count.
    const ballot = await this.readBallot(poll, grades);
    const voterKey = await this.eligibility.voterKey(poll, principal, this.dataSource.manager, 'cast');
    const fresh = generateHumanCode();
    let cast: boolean;
    try {
      cast = await this.box.castAtomically(pollId, voterKey, hashHumanCode(fresh), ballot, this.clock.now());
    } catch (error) {
      if (isUniqueViolation(error)) throw VotingException.alreadyCast();
      throw error;
    }
    if (!cast) {
      // The poll closed meanwhile (or its window passed): say which, from the current row.
      this.openPolls.delete(pollId);
      this.requireOpen(await this.pollSettings(pollId));
      throw VotingException.closed();
    }
    this.tickTurnout(poll);
    return { receipt: fresh, replaced: false };
  }

  /**
   * An open poll's settings never change (options, grades, rules and window are fixed at open), so
   * they are cached; whether it is still open is decided inside the casting statement.
   */
  private async pollSettings(pollId: string): Promise<PollEntity> {
    const cached = this.openPolls.get(pollId);
    if (cached !== undefined) return cached;
    const poll = await this.polls.findById(pollId);
    if (poll === null) throw VotingException.pollNotFound();
    if (poll.status === 'open') {
      if (this.openPolls.size >= 1000) this.openPolls.clear();
      this.openPolls.set(pollId, poll);
    }
    return poll;
  }

  private requireOpen(poll: PollEntity): void {
    if (poll.status !== 'open') throw VotingException.notOpen(poll.status);
    const now = this.clock.now();
    if (poll.opensAt !== null && now < poll.opensAt) throw VotingException.notYetOpen(poll.opensAt);
    if (poll.closesAt !== null && now >= poll.closesAt) throw VotingException.closed();
  }

  /** Replaces the ballot holding `receipt`, where the poll allows it; in a transaction holding the poll FOR SHARE. */
  private async recast(principal: Principal, settings: PollEntity, grades: Record<string, unknown>, receipt: string): Promise<CastOutcome> {
    if (settings.revote !== 'until-close') throw VotingException.revoteNotAllowed();
    return inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.lockForBallot(settings.id, manager);
      if (poll === null) throw VotingException.pollNotFound();
      this.requireOpen(poll);
      const voterKey = await this.eligibility.voterKey(poll, principal, manager, 'cast');
      const ballot = await this.readBallot(poll, grades);
      // The receipt alone finds the ballot; the participation shows this voter has one to replace.
      if (!(await this.box.hasParticipated(poll.id, voterKey, manager))) throw VotingException.receiptUnknown();
      if (!(await this.box.replaceBallot(poll.id, hashHumanCode(receipt), ballot, manager))) throw VotingException.receiptUnknown();
      return { receipt, replaced: true };
    });
  }

  /** `{ optionId: gradeIndex }` → grades in option order; unknown options, bad grades and (unless allowed) gaps are refused. */
  private async readBallot(poll: PollEntity, grades: Record<string, unknown>): Promise<Array<number | null>> {
    let options = this.optionCache.get(poll.id);
    if (options === undefined) {
      options = (await this.polls.optionsOf(poll.id)).map((option) => ({ id: option.id }));
      if (this.optionCache.size >= 1000) this.optionCache.clear();
      this.optionCache.set(poll.id, options);
    }
    const known = new Set(options.map((option) => option.id));
    const unknown = Object.keys(grades).filter((id) => !known.has(id));
    if (unknown.length > 0) throw VotingException.ballotInvalid('The ballot grades options that are not in this poll', { unknownOptionIds: unknown.slice(0, 20) });
    const bad = Object.entries(grades).filter(([, grade]) => typeof grade !== 'number' || !Number.isInteger(grade) || grade < 0 || grade >= poll.grades.length);
    if (bad.length > 0) {
      throw VotingException.ballotInvalid(`Grades are whole numbers from 0 (${poll.grades[0]}) to ${poll.grades.length - 1} (${poll.grades[poll.grades.length - 1]})`, {
        optionIds: bad.map(([id]) => id).slice(0, 20),
      });
    }
    const missing = options.filter((option) => !(option.id in grades)).map((option) => option.id);
    if (missing.length === options.length) throw VotingException.ballotInvalid('The ballot grades no option');
    if (missing.length > 0 && poll.skipped === 'refuse') throw VotingException.ballotIncomplete(missing);
    return options.map((option) => (option.id in grades ? (grades[option.id] as number) : null));
  }

  /** Whether a ballot with this receipt is in the poll's box (the receipt is hashed, never stored or logged). */
  async verifyReceipt(pollId: string, receipt: string): Promise<{ receiptHash: string; included: boolean }> {
    if ((await this.polls.findById(pollId)) === null) throw VotingException.pollNotFound();
    const receiptHash = hashHumanCode(receipt);
    return { receiptHash, included: await this.box.receiptExists(pollId, receiptHash) };
  }

  /** Whether `principal` may vote in the poll and has (never how): pages say so before a ballot is filled in. */
  async participation(principal: Principal, pollId: string): Promise<{ eligible: boolean; reason?: string; voted: boolean }> {
    const poll = await this.polls.findById(pollId);
    if (poll === null) throw VotingException.pollNotFound();
    let voterKey: string;
    try {
      voterKey = await this.eligibility.voterKey(poll, principal, this.dataSource.manager, 'check');
    } catch (error) {
      if (error instanceof VotingException && error.code === 'NOT_ELIGIBLE') return { eligible: false, reason: error.message, voted: false };
      throw error;
    }
    return { eligible: true, voted: await this.box.hasParticipated(pollId, voterKey) };
  }

  async turnout(pollId: string): Promise<{ participants: number; eligible: number | null; status: PollStatus }> {
    const poll = await this.polls.findById(pollId);
    if (poll === null) throw VotingException.pollNotFound();
    return { participants: await this.box.participationCount(pollId), eligible: await this.eligibility.eligibleCount(poll), status: poll.status };
  }

  onModuleDestroy(): void {
    this.turnoutTicks.dispose();
  }

  private tickTurnout(poll: PollEntity): void {
    this.turnoutTicks.hit(poll.id);
  }

  private publishTurnout(pollId: string): void {
    const publish = async (): Promise<void> => {
      const poll = await this.polls.findById(pollId);
      if (poll === null) return;
      const participants = await this.box.participationCount(pollId);
      this.events.publish({ type: 'poll.turnout', pollId, assemblyId: poll.assemblyId, participants, eligible: await this.eligibility.eligibleCount(poll) });
    };
    publish().catch(() => undefined); // turnout ticks are best effort
  }
}
