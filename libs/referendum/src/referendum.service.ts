import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import { actorOf, APP_CONFIG, AuditLogService, CLOCK, toCsvText, type AppConfig, type Clock, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { GRADE_PRESETS, PollService, type GradePreset } from '@app/voting';
import { ReferendumQuestionEntity, type QuestionKind } from './entities/referendum-question.entity.js';
import { ReferendumEntity, type ReferendumStatus } from './entities/referendum.entity.js';
import { ReferendumPollEntity } from './entities/referendum-poll.entity.js';
import { latestBirthDate, ParisTimeError, parisDate, parisLocalToInstant } from './paris-time.js';
import { ReferendumEvents } from './referendum-events.js';
import { ReferendumException } from './referendum.exception.js';
import { ReferendumRepository } from './referendum.repository.js';
import { referendumResults, type DistrictInput, type QuestionSpec, type QuestionTally, type ReferendumResults } from './referendum-results.js';
import { diffRoll, parseRoll, rollDigest, RollFileError, type RejectedRow, type RollDiff } from './roll-csv.js';
import { generateVotingCode, hashVotingCode } from './voting-code.js';
import { canonicalVotingCode } from './voting-code-check.js';

/** The marks of yes/no and single-choice questions in the ballot box: not chosen, chosen. */
export const MARK_GRADES = ['—', '✓'];
const REJECTED_SHOWN = 1000;

export interface QuestionDraft {
  kind: QuestionKind;
  text: string;
  options?: string[];
  grades?: string[];
  gradePreset?: GradePreset;
}

export interface ReferendumDraft {
  title: string;
  description?: string;
  /** Paris wall-clock times, e.g. 2027-03-28T08:00. */
  opensAt: string;
  closesAt: string;
  minAge?: number;
  districtThreshold?: number;
  /** Providers whose identity electors may vote with instead of the letter's code. */
  identityProviders?: string[];
  questions: QuestionDraft[];
}

export interface RollImportReport {
  imported: number;
  rejected: RejectedRow[];
  rejectedCount: number;
  diff: RollDiff;
  dryRun: boolean;
  sha256: string;
}

/** Referendums: questions and window, the roll and its codes, opening, closing, results. */
@Injectable()
export class ReferendumService {
  private readonly logger = new Logger(ReferendumService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: ReferendumRepository,
    private readonly polls: PollService,
    private readonly audit: AuditLogService,
    private readonly events: ReferendumEvents,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private requireOrganiser(principal: Principal, action: string): void {
    if (!principal.roles.includes('organiser')) throw ReferendumException.notOrganiser(action);
  }

  /** Referendums, newest window first (public). */
  async list(status: ReferendumEntity['status'] | undefined, limit: number): Promise<Array<{ referendum: ReferendumEntity; questions: ReferendumQuestionEntity[] }>> {
    const referendums = await this.repository.list(status, limit);
    return Promise.all(referendums.map(async (referendum) => ({ referendum, questions: await this.repository.questions(referendum.id) })));
  }

  async get(id: string): Promise<{ referendum: ReferendumEntity; questions: ReferendumQuestionEntity[] }> {
    const referendum = await this.repository.find(id);
    if (referendum === null) throw ReferendumException.notFound();
    return { referendum, questions: await this.repository.questions(id) };
  }

  async create(principal: Principal, draft: ReferendumDraft): Promise<{ referendum: ReferendumEntity; questions: ReferendumQuestionEntity[] }> {
    this.requireOrganiser(principal, 'create referendums');
    let opensAt: Date;
    let closesAt: Date;
    try {
      opensAt = parisLocalToInstant(draft.opensAt);
      closesAt = parisLocalToInstant(draft.closesAt);
    } catch (error) {
      if (error instanceof ParisTimeError) throw ReferendumException.invalid(error.message);
      throw error;
    }
    if (closesAt <= opensAt) throw ReferendumException.invalid('closesAt must come after opensAt');
    if (closesAt <= this.clock.now()) throw ReferendumException.invalid('closesAt is already past');
    const questions = draft.questions.map((question, position) => this.question(question, position));
    const identityProviders = [...new Set(draft.identityProviders ?? [])];
    const unknown = identityProviders.filter((id) => !this.config.oidcProviders.some((provider) => provider.id === id));
    if (unknown.length > 0) {
      throw ReferendumException.of('invalid', 'IDENTITY_PROVIDER_UNKNOWN', `No sign-in provider ${unknown.map((id) => `"${id}"`).join(', ')} is configured here`, { unknown });
    }
    return inTransaction(this.dataSource, async (manager) => {
      const referendum = await manager.getRepository(ReferendumEntity).save(
        manager.getRepository(ReferendumEntity).create({
          title: draft.title.trim(),
          description: draft.description ?? '',
          opensAt,
          closesAt,
          // Age is counted on the last day of the window (in Paris): the most inclusive reading.
          votingDay: parisDate(new Date(closesAt.getTime() - 1)),
          minAge: draft.minAge ?? 16,
          districtThreshold: draft.districtThreshold ?? 10,
          identityProviders,
          createdBy: principal.accountId,
        }),
      );
      const saved = await manager.getRepository(ReferendumQuestionEntity).save(questions.map((question) => manager.getRepository(ReferendumQuestionEntity).create({ ...question, referendumId: referendum.id })));
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'referendum.created', subjectType: 'referendum', subjectId: referendum.id, data: { title: referendum.title, questions: saved.length, opensAt, closesAt } },
        manager,
      );
      return { referendum, questions: saved.sort((a, b) => a.position - b.position) };
    });
  }

  private question(draft: QuestionDraft, position: number): Pick<ReferendumQuestionEntity, 'position' | 'kind' | 'text' | 'options' | 'grades'> {
    const text = draft.text.trim();
    if (text === '') throw ReferendumException.invalid(`Question ${position + 1} has no text`);
    let options = (draft.options ?? []).map((option) => option.trim());
    if (draft.kind === 'yes-no') {
      options = options.length === 0 ? ['Oui', 'Non'] : options;
      if (options.length !== 2) throw ReferendumException.invalid(`Question ${position + 1}: a yes/no question has exactly two answers`);
    } else if (options.length < 2) {
      throw ReferendumException.invalid(`Question ${position + 1}: at least two options are needed`);
    }
    if (options.some((option) => option === '') || new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
      throw ReferendumException.invalid(`Question ${position + 1}: options must be distinct and not empty`);
    }
    const grades = draft.kind === 'majority-judgment' ? (draft.grades ?? [...GRADE_PRESETS[draft.gradePreset ?? 'fr-7']]) : MARK_GRADES;
    return { position, kind: draft.kind, text, options, grades };
  }

  // Roll -------------------------------------------------------------------------------------

  async importRoll(principal: Principal, id: string, file: Buffer, options: { acceptValid: boolean; dryRun: boolean }): Promise<RollImportReport> {
    this.requireOrganiser(principal, 'import electoral rolls');
    const referendum = await this.repository.find(id);
    if (referendum === null) throw ReferendumException.notFound();
    if (referendum.status !== 'draft') throw ReferendumException.of('conflict', 'ROLL_FROZEN', 'The roll is frozen once the vote opens');
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(file);
    } catch {
      throw ReferendumException.of('invalid', 'ROLL_CSV_INVALID', 'The roll is not UTF-8 text');
    }
    let parsed;
    try {
      parsed = parseRoll(text, parisDate(this.clock.now()));
    } catch (error) {
      if (error instanceof RollFileError) throw ReferendumException.of('invalid', 'ROLL_CSV_INVALID', error.message);
      throw error;
    }
    const sha256 = createHash('sha256').update(file).digest('hex');
    // A dry run only reports: its rejected rows are in the report, with the difference the valid ones would make.
    if (parsed.rejected.length > 0 && !options.acceptValid && !options.dryRun) {
      throw ReferendumException.of('unprocessable', 'ROLL_ROWS_REJECTED', `${parsed.rejected.length} row(s) rejected; nothing was imported (fix them, or import the valid rows with acceptValid=true)`, {
        rejected: parsed.rejected.slice(0, REJECTED_SHOWN),
        rejectedCount: parsed.rejected.length,
      });
    }
    return inTransaction(this.dataSource, async (manager) => {
      const locked = await this.repository.lock(id, manager);
      if (locked?.status !== 'draft') throw ReferendumException.of('conflict', 'ROLL_FROZEN', 'The roll is frozen once the vote opens');
      const diff = diffRoll(await this.repository.rollRows(id, manager), parsed.rows);
      const report: RollImportReport = { imported: parsed.rows.length, rejected: parsed.rejected.slice(0, REJECTED_SHOWN), rejectedCount: parsed.rejected.length, diff, dryRun: options.dryRun, sha256 };
      if (options.dryRun) return report;
      await this.repository.replaceRoll(id, parsed.rows, manager);
      await this.audit.record(
        {
          actor: actorOf(principal.accountId),
          action: 'referendum.roll-imported',
          subjectType: 'referendum',
          subjectId: id,
          data: { sha256, rows: parsed.rows.length, rejected: parsed.rejected.length, added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length },
        },
        manager,
      );
      return report;
    });
  }

  /**
   * Codes for every elector who has none yet, returned once as CSV for the mailing (only their
   * hashes are kept). Running it again gives codes only to electors added since.
   */
  async generateCodes(principal: Principal, id: string): Promise<{ csv: string; count: number }> {
    this.requireOrganiser(principal, 'generate voting codes');
    return inTransaction(this.dataSource, async (manager) => {
      const referendum = await this.repository.lock(id, manager);
      if (referendum === null) throw ReferendumException.notFound();
      if (referendum.status === 'closed' || referendum.status === 'published') throw ReferendumException.transition(referendum.status, 'given codes');
      const entries = await this.repository.entriesWithoutCode(id, manager);
      const codes = entries.map(() => generateVotingCode());
      await this.repository.setCodeHashes(
        entries.map((entry) => entry.id),
        codes.map((code) => hashVotingCode(canonicalVotingCode(code)!)),
        this.clock.now(),
        manager,
      );
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.codes-generated', subjectType: 'referendum', subjectId: id, data: { count: codes.length } }, manager);
      const csv = toCsvText([
        ['external_id', 'family_name', 'given_names', 'district', 'polling_station', 'voting_code'],
        ...entries.map((entry, i) => [entry.externalId, entry.familyName, entry.givenNames, entry.district, entry.pollingStation, codes[i]]),
      ]);
      return { csv, count: codes.length };
    });
  }

  /** Lost letter: the old code stops working (and is recognised as revoked); a new one is returned once. */
  async reissueCode(principal: Principal, id: string, externalId: string): Promise<{ externalId: string; code: string }> {
    this.requireOrganiser(principal, 'reissue voting codes');
    return inTransaction(this.dataSource, async (manager) => {
      const referendum = await this.repository.lock(id, manager);
      if (referendum === null) throw ReferendumException.notFound();
      if (referendum.status === 'closed' || referendum.status === 'published') throw ReferendumException.transition(referendum.status, 'given codes');
      const entry = await this.repository.entryByExternalId(id, externalId, manager);
      if (entry === null) throw ReferendumException.of('not-found', 'ELECTOR_NOT_FOUND', `No elector ${externalId} on this roll`);
      const code = generateVotingCode();
      await this.repository.reissueCode(entry.id, entry.codeHash, hashVotingCode(canonicalVotingCode(code)!), this.clock.now(), manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.code-reissued', subjectType: 'referendum', subjectId: id, data: { externalId } }, manager);
      return { externalId, code };
    });
  }

  async unlock(principal: Principal, id: string, externalId: string): Promise<void> {
    this.requireOrganiser(principal, 'unlock electors');
    await inTransaction(this.dataSource, async (manager) => {
      const entry = await this.repository.entryByExternalId(id, externalId, manager);
      if (entry === null) throw ReferendumException.of('not-found', 'ELECTOR_NOT_FOUND', `No elector ${externalId} on this roll`);
      await this.repository.unlock(entry.id, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.elector-unlocked', subjectType: 'referendum', subjectId: id, data: { externalId } }, manager);
    });
  }

  // Lifecycle --------------------------------------------------------------------------------

  /**
   * Opens the vote: the roll is frozen with its SHA-256 digest, and each question gets one
   * ballot-box poll per district (created and opened through libs/voting, closing with the window).
   */
  async open(principal: Principal, id: string): Promise<ReferendumEntity> {
    this.requireOrganiser(principal, 'open referendums');
    const { referendum, questions } = await this.get(id);
    if (referendum.status !== 'draft') throw ReferendumException.transition(referendum.status, 'open');
    if (referendum.closesAt <= this.clock.now()) throw ReferendumException.invalid('closesAt is already past: the window must be moved');
    const districts = await this.repository.districts(id);
    if (districts.length === 0) throw ReferendumException.of('conflict', 'ROLL_EMPTY', 'Import the electoral roll before opening');
    // The polls are made first (their own transactions); a failure leaves the referendum a draft.
    const made: Array<{ questionId: string; district: string; pollId: string }> = [];
    for (const question of questions) {
      for (const district of districts) {
        const { poll } = await this.polls.create(principal, {
          title: `${referendum.title} — ${question.position + 1} — ${district}`.slice(0, 300),
          description: question.text,
          options: question.options.map((label) => ({ label })),
          grades: question.grades,
          audience: 'roll',
          opensAt: referendum.opensAt,
          closesAt: referendum.closesAt,
          skipped: 'refuse',
        });
        await this.polls.open(principal, poll.id);
        made.push({ questionId: question.id, district, pollId: poll.id });
      }
    }
    const opened = await inTransaction(this.dataSource, async (manager) => {
      const locked = await this.repository.lock(id, manager);
      if (locked?.status !== 'draft') throw ReferendumException.transition(locked?.status ?? 'missing', 'open');
      const rows = await this.repository.rollRows(id, manager);
      const digest = rollDigest(rows);
      await manager.getRepository(ReferendumPollEntity).insert(made);
      const now = this.clock.now();
      await manager.getRepository(ReferendumEntity).update({ id }, { status: 'open', rollDigest: digest, rollSize: rows.length, openedAt: now });
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'referendum.opened', subjectType: 'referendum', subjectId: id, data: { rollDigest: digest, rollSize: rows.length, polls: made.length } },
        manager,
      );
      return (await this.repository.find(id, manager))!;
    });
    this.events.publish({ type: 'referendum.status', referendumId: id, status: 'open' });
    return opened;
  }

  /**
   * Closes the vote (by an organiser, or at `closesAt` by the scheduler): taking the referendum row
   * FOR UPDATE waits for every cast in flight (they hold it FOR SHARE); then each poll is counted.
   */
  async close(principal: Principal | undefined, id: string): Promise<ReferendumEntity> {
    if (principal !== undefined) this.requireOrganiser(principal, 'close referendums');
    await inTransaction(this.dataSource, async (manager) => {
      const referendum = await this.repository.lock(id, manager);
      if (referendum === null) throw ReferendumException.notFound();
      if (referendum.status !== 'open') throw ReferendumException.transition(referendum.status, 'closed');
      const now = this.clock.now();
      // The window is shortened to end now only once it has begun: a referendum opened ahead of its
      // day and closed before it keeps its planned window (closedAt says when), as closesAt must
      // stay after opensAt.
      const shortened = now > referendum.opensAt && now < referendum.closesAt;
      await manager.getRepository(ReferendumEntity).update({ id }, { status: 'closed', closedAt: now, ...(shortened ? { closesAt: now } : {}) });
      await this.audit.record({ actor: actorOf(principal?.accountId), action: 'referendum.closed', subjectType: 'referendum', subjectId: id, data: {} }, manager);
    });
    for (const link of await this.repository.polls(id)) {
      const { poll } = await this.polls.get(link.pollId);
      if (poll.status === 'open') await this.polls.close(undefined, link.pollId);
    }
    // Published once every ballot box is counted, so a page that reloads on it finds the results.
    this.events.publish({ type: 'referendum.status', referendumId: id, status: 'closed' });
    return (await this.repository.find(id))!;
  }

  /** Publishes every poll (bulletin boards sealed) once all polling stations' counts are accepted. */
  async publish(principal: Principal, id: string): Promise<ReferendumEntity> {
    this.requireOrganiser(principal, 'publish referendums');
    const referendum = await this.repository.find(id);
    if (referendum === null) throw ReferendumException.notFound();
    if (referendum.status !== 'closed') throw ReferendumException.transition(referendum.status, 'published');
    const pending = await this.pendingStations(id);
    if (pending.length > 0) throw ReferendumException.of('conflict', 'STATIONS_PENDING', `Polling stations without an accepted count: ${pending.join(', ')}`, { pending });
    for (const link of await this.repository.polls(id)) {
      await this.polls.seal(link.pollId);
      const { poll } = await this.polls.get(link.pollId);
      if (poll.status === 'closed') await this.polls.publish(principal, link.pollId);
    }
    await inTransaction(this.dataSource, async (manager) => {
      const locked = await this.repository.lock(id, manager);
      if (locked?.status !== 'closed') throw ReferendumException.transition(locked?.status ?? 'missing', 'published');
      await manager.getRepository(ReferendumEntity).update({ id }, { status: 'published', publishedAt: this.clock.now() });
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'referendum.published', subjectType: 'referendum', subjectId: id, data: {} }, manager);
    });
    this.events.publish({ type: 'referendum.status', referendumId: id, status: 'published' });
    return (await this.repository.find(id))!;
  }

  async ballotBoxes(id: string): Promise<Array<{ questionId: string; district: string; pollId: string }>> {
    if ((await this.repository.find(id)) === null) throw ReferendumException.notFound();
    return (await this.repository.polls(id)).map(({ questionId, district, pollId }) => ({ questionId, district, pollId }));
  }

  /** Stations where paper votes were marked but no count is accepted yet. */
  pendingStations(id: string): Promise<string[]> {
    return this.repository.pendingStations(id);
  }

  async turnout(id: string): Promise<{ status: ReferendumStatus; electors: number; voters: number; online: number; paper: number; districts: Array<{ district: string; electors: number; voters: number; online: number; paper: number }> }> {
    const referendum = await this.repository.find(id);
    if (referendum === null) throw ReferendumException.notFound();
    const districts = await this.repository.turnout(id, latestBirthDate(referendum.votingDay, referendum.minAge));
    const sum = (key: 'electors' | 'voters' | 'online' | 'paper'): number => districts.reduce((total, d) => total + d[key], 0);
    return { status: referendum.status, electors: sum('electors'), voters: sum('voters'), online: sum('online'), paper: sum('paper'), districts };
  }

  /** Results once closed: online ballots from the ballot box, paper counts from accepted stations. */
  async results(id: string): Promise<ReferendumResults & { stationsPending: string[] }> {
    const { referendum, questions } = await this.get(id);
    if (referendum.status !== 'closed' && referendum.status !== 'published') throw ReferendumException.of('conflict', 'REFERENDUM_NOT_CLOSED', 'Results are published after the vote closes');
    const specs: QuestionSpec[] = questions.map((q) => ({ id: q.id, kind: q.kind, text: q.text, options: q.options, grades: q.grades }));
    const turnout = await this.repository.turnout(id, latestBirthDate(referendum.votingDay, referendum.minAge));
    const districts = new Map<string, DistrictInput>(turnout.map((d) => [d.district, { district: d.district, voters: d.voters, sources: new Map<string, QuestionTally[]>() }]));
    const add = (district: string, questionId: string, tally: QuestionTally): void => {
      const entry = districts.get(district);
      if (entry === undefined) return;
      entry.sources.set(questionId, [...(entry.sources.get(questionId) ?? []), tally]);
    };
    for (const link of await this.repository.polls(id)) {
      const { poll, options } = await this.polls.get(link.pollId);
      if (poll.result === null) throw ReferendumException.of('conflict', 'REFERENDUM_NOT_CLOSED', 'The ballot box is still being counted; try again in a moment');
      const byOption = new Map(poll.result.ranking.ranking.map((entry) => [entry.option, entry.meritProfile.map((count) => BigInt(count))]));
      add(link.district, link.questionId, { ballots: BigInt(poll.result.ballots), tallies: options.map((option) => byOption.get(option.id) ?? poll.grades.map(() => 0n)) });
    }
    for (const station of await this.repository.stationResults(id)) {
      for (const question of specs) {
        const counts = station.counts[question.id];
        if (counts === undefined) continue;
        add(station.district, question.id, paperTally(question, counts));
      }
    }
    return { ...referendumResults(specs, [...districts.values()], referendum.districtThreshold), stationsPending: await this.pendingStations(id) };
  }
}

/** A station's paper count of one question as ballot-box tallies. */
export function paperTally(question: QuestionSpec, counts: { options: number[] | number[][]; blank: number }): QuestionTally {
  if (question.kind === 'majority-judgment') {
    const matrix = counts.options as number[][];
    const ballots = BigInt((matrix[0] ?? []).reduce((sum, n) => sum + n, 0) + counts.blank);
    return { ballots, tallies: matrix.map((row) => row.map((n) => BigInt(n))) };
  }
  const votes = counts.options as number[];
  const ballots = votes.reduce((sum, n) => sum + n, 0) + counts.blank;
  return { ballots: BigInt(ballots), tallies: votes.map((n) => [BigInt(ballots - n), BigInt(n)]) };
}
