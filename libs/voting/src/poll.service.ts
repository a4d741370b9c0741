import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { AssemblyAccess, AssemblyService } from '@app/assembly';
import { bulletinBoardCsv, canonicalBulletinBoardParts, normaliseRankingJson, resultFromTallies, type BulletinBoard, type BulletinPoll } from '@app/majority-judgment';
import { BallotBoxRepository } from './ballot-box.repository.js';
import type { PollOptionEntity } from './entities/poll-option.entity.js';
import type { PollAudience, PollEntity, PollResult, PollStatus, RevotePolicy, SkippedPolicy, PollTieBreak } from './entities/poll.entity.js';
import { GRADE_PRESETS, type GradePreset } from './grade-presets.js';
import { PollEvents } from './poll-events.js';
import { PollRepository } from './poll.repository.js';
import { VotingException } from './voting.exception.js';

export interface PollDraft {
  title: string;
  description?: string;
  options: Array<{ label: string; description?: string }>;
  grades?: string[];
  gradePreset?: GradePreset;
  audience: PollAudience;
  assemblyId?: string;
  opensAt?: Date | null;
  closesAt?: Date | null;
  revote?: RevotePolicy;
  skipped?: SkippedPolicy;
  tieBreak?: PollTieBreak;
}

export interface PollWithOptions {
  poll: PollEntity;
  options: PollOptionEntity[];
}

export function bulletinPollOf(poll: PollEntity, options: readonly PollOptionEntity[]): BulletinPoll {
  return { id: poll.id, title: poll.title, grades: poll.grades, options: options.map((o) => ({ id: o.id, label: o.label })), skipped: poll.skipped, tieBreak: poll.tieBreak };
}

/** Polls' lifecycle (draft → open → closed → published), results and bulletin board. */
/** How long a closer that seals its polls itself (the participatory budget) has before the sweep does it instead. */
const CALLER_SEALS_WITHIN_MS = 60_000;

@Injectable()
export class PollService {
  private readonly logger = new Logger('PollService');

  /** Polls closed with `close(…, 'caller')`, until when the sweep leaves their sealing to the closer (this process only). */
  private readonly sealingLeftToCaller = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly polls: PollRepository,
    private readonly box: BallotBoxRepository,
    private readonly access: AssemblyAccess,
    private readonly assemblies: AssemblyService,
    private readonly events: PollEvents,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** City organisers manage resident polls; an assembly's organisers and facilitators manage its polls. */
  async canManage(principal: Principal | undefined, poll: Pick<PollEntity, 'audience' | 'assemblyId'>, manager?: EntityManager): Promise<boolean> {
    if (principal === undefined) return false;
    if (poll.audience === 'residents' || poll.audience === 'roll' || poll.audience === 'budget') return principal.roles.includes('organiser');
    return this.access.isOrganiserOrFacilitator(principal, poll.assemblyId!, manager);
  }

  private async requireManager(principal: Principal, poll: Pick<PollEntity, 'audience' | 'assemblyId'>, action: string, manager?: EntityManager): Promise<void> {
    if (!(await this.canManage(principal, poll, manager))) throw VotingException.notManager(action);
  }

  private normalise(draft: Pick<PollDraft, 'options' | 'grades' | 'gradePreset' | 'opensAt' | 'closesAt'>): { options: Array<{ label: string; description: string }>; grades: string[] } {
    const options = draft.options.map((option) => ({ label: option.label.trim(), description: option.description ?? '' }));
    const seen = new Set<string>();
    for (const option of options) {
      const key = option.label.toLowerCase();
      if (option.label === '') throw VotingException.pollInvalid('An option label is empty');
      if (seen.has(key)) throw VotingException.pollInvalid(`Two options are labelled "${option.label}"`);
      seen.add(key);
    }
    if (draft.grades !== undefined && draft.gradePreset !== undefined) throw VotingException.pollInvalid('Give either grades or gradePreset, not both');
    const grades = draft.grades?.map((grade) => grade.trim()) ?? [...GRADE_PRESETS[draft.gradePreset ?? 'fr-7']];
    if (grades.some((grade) => grade === '') || new Set(grades.map((g) => g.toLowerCase())).size !== grades.length) throw VotingException.pollInvalid('Grade labels must be distinct and not empty');
    if (draft.opensAt !== undefined && draft.opensAt !== null && draft.closesAt !== undefined && draft.closesAt !== null && draft.closesAt <= draft.opensAt) throw VotingException.pollInvalid('closesAt must be after opensAt');
    return { options, grades };
  }

  async create(principal: Principal, draft: PollDraft): Promise<PollWithOptions> {
    if (draft.audience === 'assembly' && draft.assemblyId === undefined) throw VotingException.pollInvalid('An assembly poll needs assemblyId');
    if (draft.audience !== 'assembly' && draft.assemblyId !== undefined) throw VotingException.pollInvalid('Only assembly polls have an assemblyId');
    if (draft.assemblyId !== undefined) await this.assemblies.get(draft.assemblyId); // 404 when unknown
    const scope = { audience: draft.audience, assemblyId: draft.assemblyId ?? null };
    await this.requireManager(principal, scope, 'create polls');
    const { options, grades } = this.normalise(draft);
    return inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.insert(
        {
          title: draft.title.trim(),
          description: draft.description ?? '',
          grades,
          audience: draft.audience,
          assemblyId: draft.assemblyId ?? null,
          opensAt: draft.opensAt ?? null,
          closesAt: draft.closesAt ?? null,
          revote: draft.revote ?? 'never',
          skipped: draft.skipped ?? 'refuse',
          tieBreak: draft.tieBreak ?? 'majority-value',
          createdBy: principal.accountId,
        },
        options,
        manager,
      );
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'poll.created', subjectType: 'poll', subjectId: poll.id, data: { title: poll.title, audience: poll.audience, assemblyId: poll.assemblyId, options: options.length } },
        manager,
      );
      return { poll, options: await this.polls.optionsOf(poll.id, manager) };
    });
  }

  /** Changes a draft: anything, options included. Once open, nothing. */
  async update(principal: Principal, pollId: string, changes: Partial<Omit<PollDraft, 'audience' | 'assemblyId'>>): Promise<PollWithOptions> {
    return inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.lockForUpdate(pollId, manager);
      if (poll === null) throw VotingException.pollNotFound();
      await this.requireManager(principal, poll, 'change polls', manager);
      if (poll.status !== 'draft') throw VotingException.notDraft();
      const currentOptions = await this.polls.optionsOf(pollId, manager);
      const { options, grades } = this.normalise({
        options: changes.options ?? currentOptions,
        grades: changes.grades ?? (changes.gradePreset === undefined ? poll.grades : undefined),
        gradePreset: changes.gradePreset,
        opensAt: changes.opensAt === undefined ? poll.opensAt : changes.opensAt,
        closesAt: changes.closesAt === undefined ? poll.closesAt : changes.closesAt,
      });
      if (changes.options !== undefined) await this.polls.replaceOptions(pollId, options, manager);
      const updated = await this.polls.update(
        pollId,
        {
          ...(changes.title === undefined ? {} : { title: changes.title.trim() }),
          ...(changes.description === undefined ? {} : { description: changes.description }),
          grades,
          ...(changes.opensAt === undefined ? {} : { opensAt: changes.opensAt }),
          ...(changes.closesAt === undefined ? {} : { closesAt: changes.closesAt }),
          ...(changes.revote === undefined ? {} : { revote: changes.revote }),
          ...(changes.skipped === undefined ? {} : { skipped: changes.skipped }),
          ...(changes.tieBreak === undefined ? {} : { tieBreak: changes.tieBreak }),
        },
        manager,
      );
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'poll.updated', subjectType: 'poll', subjectId: pollId, data: { fields: Object.keys(changes) } }, manager);
      return { poll: updated, options: await this.polls.optionsOf(pollId, manager) };
    });
  }

  async get(pollId: string): Promise<PollWithOptions> {
    const poll = await this.polls.findById(pollId);
    if (poll === null) throw VotingException.pollNotFound();
    return { poll, options: await this.polls.optionsOf(pollId) };
  }

  list(filter: { assemblyId?: string; status?: PollStatus; audience?: PollAudience }, limit: number): Promise<PollEntity[]> {
    return this.polls.list(filter, limit);
  }

  async open(principal: Principal, pollId: string): Promise<PollWithOptions> {
    const opened = await inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.lockForUpdate(pollId, manager);
      if (poll === null) throw VotingException.pollNotFound();
      await this.requireManager(principal, poll, 'open polls', manager);
      if (poll.status !== 'draft') throw VotingException.transition(poll.status, 'open');
      const now = this.clock.now();
      if (poll.closesAt !== null && poll.closesAt <= now) throw VotingException.pollInvalid('closesAt is already past: move it before opening');
      const options = await this.polls.optionsOf(pollId, manager);
      if (options.length < 2) throw VotingException.pollInvalid('A poll needs at least two options');
      const updated = await this.polls.update(pollId, { status: 'open', openedAt: now }, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'poll.opened', subjectType: 'poll', subjectId: pollId, data: { options: options.map((o) => o.id), grades: poll.grades } },
        manager,
      );
      return { poll: updated, options };
    });
    this.events.publish({ type: 'poll.opened', pollId, assemblyId: opened.poll.assemblyId });
    return opened;
  }

  /**
   * Closes a poll and counts it, in one transaction: taking the poll row FOR UPDATE waits for every
   * ballot in flight (they hold it FOR SHARE), so each acknowledged ballot is counted and any later
   * one sees the poll closed. The results are public at commit; the bulletin board's digest is
   * sealed right after (it hashes every ballot in receipt order, which takes longer), then the
   * ballots are mixed. `principal` undefined = the scheduler at `closesAt`. `afterwards: 'caller'`
   * leaves sealing and mixing to the caller (who closes many polls at once and seals them after its
   * own work; the scheduler's sweep seals any the caller leaves).
   */
  async close(principal: Principal | undefined, pollId: string, afterwards: 'seal-and-mix' | 'caller' = 'seal-and-mix'): Promise<PollWithOptions> {
    const closed = await inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.lockForUpdate(pollId, manager);
      if (poll === null) throw VotingException.pollNotFound();
      if (principal !== undefined) await this.requireManager(principal, poll, 'close polls', manager);
      if (poll.status !== 'open') throw VotingException.transition(poll.status, 'closed');
      const options = await this.polls.optionsOf(pollId, manager);
      // Holding the row FOR UPDATE, no ballot of this poll can commit: a second connection counting
      // participations meanwhile sees exactly the state the tally sees.
      const [{ counts, ballots }, participations] = await Promise.all([
        this.box.tallyByCopy(pollId, options.length, poll.grades.length, manager),
        this.box.participationCount(pollId),
      ]);
      if (ballots !== participations) this.logger.error({ msg: 'ballot and participation counts differ at close', pollId, ballots, participations });
      const ranking = resultFromTallies(bulletinPollOf(poll, options), new Map(options.map((option, position) => [option.id, counts[position]])), BigInt(ballots));
      const result: PollResult = { ballots, participations, bulletinBoardDigest: null, ranking };
      const updated = await this.polls.update(pollId, { status: 'closed', closedAt: this.clock.now(), result }, manager);
      await this.audit.record({ actor: actorOf(principal?.accountId), action: 'poll.closed', subjectType: 'poll', subjectId: pollId, data: { ballots, participations } }, manager);
      return { poll: updated, options };
    });
    this.events.publish({ type: 'poll.closed', pollId, assemblyId: closed.poll.assemblyId, ballots: closed.poll.result!.ballots });
    if (afterwards === 'caller') {
      this.sealingLeftToCaller.set(pollId, this.clock.now().getTime() + CALLER_SEALS_WITHIN_MS);
      return closed;
    }
    // Without making the caller wait; on failure the scheduler's next sweep does it.
    void this.seal(pollId)
      .then(() => this.mix(pollId))
      .catch((error: unknown) => this.logger.warn({ msg: 'sealing or mixing after close failed; the scheduler retries', pollId, error: String(error) }));
    return closed;
  }

  /** Computes and records the bulletin board's digest of a closed poll (idempotent; audited). */
  async seal(pollId: string): Promise<void> {
    const { poll, options } = await this.get(pollId);
    if (poll.result === null || poll.result.bulletinBoardDigest !== null) return;
    // A closed poll's ballots never change (mixing rewrites rows, not content): no lock needed to read them.
    const { prefix, suffix } = canonicalBulletinBoardParts(bulletinPollOf(poll, options));
    const { digest, ballots } = await this.box.digestByCopy(pollId, prefix, suffix);
    if (ballots !== poll.result.ballots) throw new Error(`poll ${pollId}: ${ballots} ballots to seal, ${poll.result.ballots} counted`);
    await inTransaction(this.dataSource, async (manager) => {
      const locked = await this.polls.lockForUpdate(pollId, manager);
      if (locked?.result === null || locked?.result === undefined || locked.result.bulletinBoardDigest !== null) return;
      await this.polls.update(pollId, { result: { ...locked.result, bulletinBoardDigest: digest } }, manager);
      await this.audit.record({ actor: 'system', action: 'poll.bulletin-board-sealed', subjectType: 'poll', subjectId: pollId, data: { bulletinBoardDigest: digest, ballots } }, manager);
    });
  }

  /** Rewrites the closed poll's ballots and participations out of casting order (see BallotBoxRepository.mix). */
  async mix(pollId: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.lockForUpdate(pollId, manager);
      if (poll === null || poll.ballotsMixedAt !== null || !['closed', 'published'].includes(poll.status)) return;
      await this.box.mix(pollId, manager);
      await this.polls.update(pollId, { ballotsMixedAt: this.clock.now() }, manager);
    });
    this.sealingLeftToCaller.delete(pollId);
  }

  /**
   * Whether the scheduler's sweep should leave this poll's sealing and mixing alone for now: its
   * closer does them after its own work (`close(…, 'caller')`), within a minute; past that, or after
   * a restart, the sweep takes them up.
   */
  sealingIsLeftToCaller(pollId: string): boolean {
    const until = this.sealingLeftToCaller.get(pollId);
    if (until === undefined) return false;
    if (this.clock.now().getTime() < until) return true;
    this.sealingLeftToCaller.delete(pollId);
    return false;
  }

  async publish(principal: Principal, pollId: string): Promise<PollWithOptions> {
    const published = await inTransaction(this.dataSource, async (manager) => {
      const poll = await this.polls.lockForUpdate(pollId, manager);
      if (poll === null) throw VotingException.pollNotFound();
      await this.requireManager(principal, poll, 'publish results', manager);
      if (poll.status !== 'closed') throw VotingException.transition(poll.status, 'published');
      if (poll.result!.bulletinBoardDigest === null) throw VotingException.bulletinBoardPending();
      const updated = await this.polls.update(pollId, { status: 'published', publishedAt: this.clock.now() }, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'poll.published', subjectType: 'poll', subjectId: pollId, data: { bulletinBoardDigest: poll.result!.bulletinBoardDigest } },
        manager,
      );
      return { poll: updated, options: await this.polls.optionsOf(pollId, manager) };
    });
    this.events.publish({ type: 'poll.published', pollId, assemblyId: published.poll.assemblyId });
    return published;
  }

  async results(pollId: string): Promise<PollWithOptions & { result: PollResult }> {
    const { poll, options } = await this.get(pollId);
    if (poll.result === null) throw VotingException.notClosed();
    return { poll, options, result: poll.result };
  }

  /**
   * A closed poll's ballots, grades only and unordered, without waiting for its bulletin board to be
   * sealed: for rules computed from ballots at the close (the participatory budget's equal shares).
   */
  async closedBallotGrades(pollId: string): Promise<Array<Array<number | null>>> {
    const { options } = await this.results(pollId); // refuses a poll that is not closed
    return this.box.grades(pollId, options.length);
  }

  async bulletinBoard(pollId: string): Promise<{ board: BulletinBoard; csv: () => string }> {
    const { poll, options, result } = await this.results(pollId);
    if (result.bulletinBoardDigest === null) throw VotingException.bulletinBoardPending();
    const bulletinPoll = bulletinPollOf(poll, options);
    const ballots = await this.box.ballots(pollId);
    return {
      board: { format: 'pnyx-bulletin-board-v1', poll: bulletinPoll, ballots, digest: result.bulletinBoardDigest, result: normaliseRankingJson(result.ranking) },
      csv: () => bulletinBoardCsv(bulletinPoll, ballots),
    };
  }
}
