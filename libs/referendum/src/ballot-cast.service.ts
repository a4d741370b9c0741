import { Inject, Injectable } from '@nestjs/common';
import { OidcService } from '@app/identity';
import { CLOCK, FixedWindowLimiter, generateHumanCode, hashHumanCode, type Clock } from '@app/shared';
import { sameElector } from './elector-match.js';
import type { ReferendumQuestionEntity } from './entities/referendum-question.entity.js';
import type { ReferendumEntity } from './entities/referendum.entity.js';
import { ReferendumEvents } from './referendum-events.js';
import { ReferendumException } from './referendum.exception.js';
import { ReferendumRepository } from './referendum.repository.js';
import { latestBirthDate } from './paris-time.js';
import { readDate } from './roll-csv.js';
import { hashVotingCode } from './voting-code.js';
import { canonicalVotingCode } from './voting-code-check.js';

/** Refusals that may be someone guessing codes: they count against the client address. */
const GUESSING_FAILURES = new Set(['CODE_MALFORMED', 'CODE_UNKNOWN', 'CODE_REVOKED', 'IDENTITY_MISMATCH', 'ENTRY_LOCKED']);

/** Wrong birth dates for one code before the entry locks (an organiser unlocks it). */
export const MAX_FAILED_ATTEMPTS = 5;
/**
 * Failed attempts (unknown, revoked or malformed code, wrong birth date) per client address per
 * 10 minutes before it is refused for the rest of the window: guessing is slowed down without
 * limiting the many electors who vote correctly from one address (a kiosk, a campus network).
 */
const FAILURES_PER_10_MINUTES = 20;

export interface Answer {
  /** Yes/no and single choice: the chosen option's index, or null for a blank vote. */
  choice?: number | null;
  /** Majority judgment: a grade index per option (0 = worst). */
  grades?: number[];
}

/**
 * Online voting with a code and a birth date, without an account. The ballot goes into the
 * ballot box (one per question, in the voter's district poll) in the same statement as the mark
 * that the elector has voted, so a vote is counted once whatever the channel and whatever the
 * number of simultaneous submissions. Codes are looked up by their SHA-256 and never logged.
 */
@Injectable()
export class BallotCastService {
  private readonly limiter: FixedWindowLimiter;
  /** Open referendums' questions and eligibility date never change: cached. */
  private readonly cache = new Map<string, { referendum: ReferendumEntity; questions: ReferendumQuestionEntity[]; latestBirthDate: string }>();

  constructor(
    private readonly repository: ReferendumRepository,
    private readonly events: ReferendumEvents,
    private readonly oidc: OidcService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.limiter = new FixedWindowLimiter(FAILURES_PER_10_MINUTES, 600_000, clock, 100_000);
  }

  async cast(client: string, referendumId: string, vote: { code: string; birthDate: string; answers: Answer[] }): Promise<{ receipt: string }> {
    const rate = this.limiter.peek(client);
    if (!rate.allowed) throw ReferendumException.of('rate-limited', 'RATE_LIMITED', `Too many failed attempts from this address; retry in ${rate.retryAfterSeconds} s`, undefined, rate.retryAfterSeconds);
    try {
      return await this.attempt(referendumId, vote);
    } catch (error) {
      if (error instanceof ReferendumException && GUESSING_FAILURES.has(error.code)) this.limiter.hit(client);
      throw error;
    }
  }

  private async attempt(referendumId: string, vote: { code: string; birthDate: string; answers: Answer[] }): Promise<{ receipt: string }> {
    const settings = await this.settings(referendumId);
    const code = canonicalVotingCode(vote.code);
    if (code === null) throw ReferendumException.of('invalid', 'CODE_MALFORMED', 'This is not a voting code: check the letter (25 characters; the last one checks the others)');
    const birthDate = readDate(vote.birthDate);
    if (birthDate === null) throw ReferendumException.of('invalid', 'BALLOT_INVALID', 'birthDate must be a date (YYYY-MM-DD or DD/MM/YYYY)');
    const ballots = this.readBallots(settings.questions, vote.answers);
    const receipt = generateHumanCode();
    const codeHash = hashVotingCode(code);
    const now = this.clock.now();
    const cast = await this.repository.castOnline({ referendumId, codeHash, birthDate, latestBirthDate: settings.latestBirthDate, receiptHash: hashHumanCode(receipt), ballots, now });
    if (cast) {
      this.events.publish({ type: 'referendum.voted', referendumId });
      return { receipt };
    }
    return this.refusal(referendumId, codeHash, birthDate, settings.latestBirthDate, now);
  }

  /**
   * Online voting with the identity of a provider the referendum accepts, instead of the letter's
   * code: the signed-in person's linked identity (names and birth date from their last sign-in) must
   * match exactly one elector of the roll. The same vote mark as every channel: one vote per elector.
   * The code channel's lock (wrong birth dates) does not apply: it guards the code, not the elector.
   */
  async castWithIdentity(accountId: string, referendumId: string, answers: Answer[]): Promise<{ receipt: string }> {
    const settings = await this.settings(referendumId);
    const accepted = settings.referendum.identityProviders;
    if (accepted.length === 0) throw ReferendumException.of('forbidden', 'IDENTITY_VOTING_OFF', 'This vote takes the code from your letter: identity sign-in is not accepted for it');
    const ballots = this.readBallots(settings.questions, answers);
    const identities = (await this.oidc.identities(accountId)).filter((identity) => accepted.includes(identity.provider));
    if (identities.length === 0) {
      throw ReferendumException.of('forbidden', 'IDENTITY_PROVIDER_REQUIRED', 'Sign in with one of the accepted providers to vote with your identity, or use the code from your letter', { providers: accepted });
    }
    const complete = identities.filter((identity) => identity.familyName !== null && identity.givenName !== null && identity.birthDate !== null);
    if (complete.length === 0) {
      throw ReferendumException.of('forbidden', 'IDENTITY_CLAIMS_MISSING', 'Your provider did not give your names and birth date, which the roll needs: use the code from your letter');
    }
    const matches = new Set<string>();
    for (const identity of complete) {
      for (const entry of await this.repository.electorsBornOn(referendumId, identity.birthDate!)) {
        if (sameElector({ familyName: identity.familyName!, givenNames: identity.givenName! }, entry)) matches.add(entry.id);
      }
    }
    if (matches.size === 0) throw ReferendumException.of('forbidden', 'IDENTITY_NOT_ON_ROLL', 'No elector of this vote has your names and birth date: use the code from your letter, or ask the city to check the roll');
    if (matches.size > 1) throw ReferendumException.of('conflict', 'IDENTITY_AMBIGUOUS', 'Several electors of this vote have your names and birth date: use the code from your letter');
    const [entryId] = matches;
    const receipt = generateHumanCode();
    const now = this.clock.now();
    if (await this.repository.castOnline({ referendumId, entryId, latestBirthDate: settings.latestBirthDate, receiptHash: hashHumanCode(receipt), ballots, now })) {
      this.events.publish({ type: 'referendum.voted', referendumId });
      return { receipt };
    }
    const why = await this.repository.diagnoseEntry(referendumId, entryId, now);
    if (!why.referendumOpen) throw ReferendumException.of('conflict', 'REFERENDUM_NOT_OPEN', 'The vote is not open (outside its window, or closed)');
    if (why.voted) throw ReferendumException.of('conflict', 'ALREADY_VOTED', 'This elector has already voted (online or at a polling station)');
    throw ReferendumException.of('forbidden', 'NOT_ELIGIBLE_AGE', 'Electors must have reached the minimum age on the voting day');
  }

  private async settings(referendumId: string): Promise<{ referendum: ReferendumEntity; questions: ReferendumQuestionEntity[]; latestBirthDate: string }> {
    const cached = this.cache.get(referendumId);
    if (cached !== undefined) return cached;
    const referendum = await this.repository.find(referendumId);
    if (referendum === null) throw ReferendumException.notFound();
    const settings = { referendum, questions: await this.repository.questions(referendumId), latestBirthDate: latestBirthDate(referendum.votingDay, referendum.minAge) };
    if (referendum.status === 'open') {
      if (this.cache.size > 100) this.cache.clear();
      this.cache.set(referendumId, settings);
    }
    return settings;
  }

  /** One grade array per question, as the ballot box stores them. */
  private readBallots(questions: readonly ReferendumQuestionEntity[], answers: readonly Answer[]): Array<Array<number | null>> {
    if (answers.length !== questions.length) throw ReferendumException.of('invalid', 'BALLOT_INVALID', `One answer per question is needed (${questions.length})`);
    return questions.map((question, i) => {
      const answer = answers[i];
      if (question.kind === 'majority-judgment') {
        const grades = answer.grades;
        if (answer.choice !== undefined || grades?.length !== question.options.length || !grades.every((g) => Number.isInteger(g) && g >= 0 && g < question.grades.length)) {
          throw ReferendumException.of('invalid', 'BALLOT_INVALID', `Question ${i + 1}: grade each of the ${question.options.length} options from 0 to ${question.grades.length - 1}`);
        }
        return grades;
      }
      const choice = answer.choice;
      if (answer.grades !== undefined || choice === undefined || (choice !== null && !(Number.isInteger(choice) && choice >= 0 && choice < question.options.length))) {
        throw ReferendumException.of('invalid', 'BALLOT_INVALID', `Question ${i + 1}: choose one of the ${question.options.length} options (0 to ${question.options.length - 1}) or null for a blank vote`);
      }
      return question.options.map((_, option) => (option === choice ? 1 : 0));
    });
  }

  /** Says why nothing was cast; a wrong birth date counts against the entry, which locks. */
  private async refusal(referendumId: string, codeHash: string, birthDate: string, latest: string, now: Date): Promise<never> {
    const why = await this.repository.diagnose(referendumId, codeHash, now);
    if (!why.referendumOpen) throw ReferendumException.of('conflict', 'REFERENDUM_NOT_OPEN', 'The vote is not open (outside its window, or closed)');
    if (why.entry === null) {
      if (why.revoked) throw ReferendumException.of('forbidden', 'CODE_REVOKED', 'This code was replaced by a new one (lost letter): use the new code');
      throw ReferendumException.of('forbidden', 'CODE_UNKNOWN', 'No elector of this vote has this code');
    }
    if (why.entry.voted) throw ReferendumException.of('conflict', 'ALREADY_VOTED', 'This elector has already voted (online or at a polling station)');
    if (why.entry.lockedAt !== null) throw this.locked();
    if (why.entry.birthDate !== birthDate) {
      const locked = await this.repository.recordFailure(why.entry.id, MAX_FAILED_ATTEMPTS, now);
      if (locked) throw this.locked();
      const attemptsLeft = MAX_FAILED_ATTEMPTS - why.entry.failedAttempts - 1;
      throw ReferendumException.of('forbidden', 'IDENTITY_MISMATCH', `The code and the birth date do not match (${attemptsLeft} attempt(s) left before the code locks)`, { attemptsLeft });
    }
    if (birthDate > latest) throw ReferendumException.of('forbidden', 'NOT_ELIGIBLE_AGE', 'Electors must have reached the minimum age on the voting day');
    // Another submission of the same code won the race.
    throw ReferendumException.of('conflict', 'ALREADY_VOTED', 'This elector has already voted (online or at a polling station)');
  }

  private locked(): ReferendumException {
    return ReferendumException.of('forbidden', 'ENTRY_LOCKED', `This code is locked after ${MAX_FAILED_ATTEMPTS} wrong birth dates; the city's organisers can unlock it`);
  }
}
