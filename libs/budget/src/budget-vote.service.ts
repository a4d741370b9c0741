import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '@app/persistence';
import { actorOf, AuditLogService, CLOCK, type Clock, type Principal } from '@app/shared';
import { AudienceEligibilityRegistry, PollService, VotingException, type EligibilityIntent, type PollEntity, type VoterEligibility } from '@app/voting';
import { BudgetException } from './budget.exception.js';
import { BudgetRepository } from './budget.repository.js';
import type { EditionEntity } from './entities/edition.entity.js';
import { EnvelopeResultEntity } from './entities/envelope-result.entity.js';
import { EnvelopeEntity } from './entities/envelope.entity.js';
import { ProjectEntity } from './entities/project.entity.js';
import { VoterEntity } from './entities/voter.entity.js';
import { envelopeWinners } from './winners.js';

/**
 * The participatory vote: residents declare their district; the ballot is one majority-judgment
 * poll per envelope (libs/voting: secret ballots, receipts, bulletin boards); who may vote in a
 * district's poll is decided here, in the ballot's own transaction; at the close each envelope's
 * winners are computed by the edition's rule and kept.
 */
@Injectable()
export class BudgetVoteService implements VoterEligibility, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly repository: BudgetRepository,
    private readonly polls: PollService,
    private readonly registry: AudienceEligibilityRegistry,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.registry.register('budget', this);
  }

  /**
   * Residents vote in every citywide and ring-fenced envelope, and in their declared district's. The
   * first ballot fixes the district for the rest of the edition: one statement marks the voter and
   * reads their district under the row's lock, so a change of district racing a ballot either comes
   * first (and the ballot is judged by the new district) or is refused. A `check` (a page asking
   * whether one may vote) reads the declared district and marks nothing.
   */
  async voterKey(poll: PollEntity, principal: Principal, manager: EntityManager, intent: EligibilityIntent): Promise<string> {
    if (!principal.roles.includes('resident')) throw VotingException.notEligible('only residents vote in the participatory budget');
    const envelope = await manager.getRepository(EnvelopeEntity).findOneBy({ pollId: poll.id });
    if (envelope === null) throw VotingException.notEligible('this poll belongs to no envelope');
    if (envelope.kind === 'district') {
      const notYours = async (): Promise<never> => {
        const declared = (await manager.getRepository(VoterEntity).findOneBy({ editionId: envelope.editionId, accountId: principal.accountId }))?.district ?? null;
        throw VotingException.notEligible(declared === null ? `this ballot is for the residents of ${envelope.district}: declare your district first` : `this ballot is for ${envelope.district}; you declared ${declared}`);
      };
      if (intent === 'check') {
        if (!(await manager.getRepository(VoterEntity).existsBy({ editionId: envelope.editionId, accountId: principal.accountId, district: envelope.district! }))) await notYours();
      } else {
        // An UPDATE through TypeORM answers [rows, count].
        const [, marked] = await manager.query<[unknown[], number]>(
          `UPDATE budget_voters SET first_ballot_at = COALESCE(first_ballot_at, $3) WHERE edition_id = $1 AND account_id = $2 AND district = $4 RETURNING district`,
          [envelope.editionId, principal.accountId, this.clock.now(), envelope.district],
        );
        if (marked === 0) await notYours();
      }
    } else if (intent === 'cast') {
      await manager.query(
        `INSERT INTO budget_voters (edition_id, account_id, district, first_ballot_at) VALUES ($1, $2, NULL, $3)
         ON CONFLICT (edition_id, account_id) DO UPDATE SET first_ballot_at = COALESCE(budget_voters.first_ballot_at, EXCLUDED.first_ballot_at)`,
        [envelope.editionId, principal.accountId, this.clock.now()],
      );
    }
    return `account:${principal.accountId}`;
  }

  eligibleCount(): Promise<number | null> {
    return Promise.resolve(null);
  }

  async voter(principal: Principal, editionId: string): Promise<VoterEntity | null> {
    return this.dataSource.getRepository(VoterEntity).findOneBy({ editionId, accountId: principal.accountId });
  }

  /** Declares (or changes, until the first ballot) the district a resident votes in. */
  async declareDistrict(principal: Principal, editionId: string, district: string): Promise<VoterEntity> {
    if (!principal.roles.includes('resident')) throw BudgetException.of('forbidden', 'IDEAS_RESIDENTS_ONLY', 'Only residents vote in the participatory budget');
    return inTransaction(this.dataSource, async (manager) => {
      const edition = await this.repository.edition(editionId, manager);
      if (edition === null) throw BudgetException.notFound('EDITION');
      if (['results', 'follow-up'].includes(edition.phase)) throw BudgetException.wrongPhase('Declaring a district', edition.phase, ['draft', 'ideas', 'co-construction', 'feasibility', 'ballot', 'vote']);
      district = await this.repository.knownDistrict(editionId, district, manager);
      const repository = manager.getRepository(VoterEntity);
      const voter = await repository.findOne({ where: { editionId, accountId: principal.accountId }, lock: { mode: 'pessimistic_write' } });
      if (voter !== null && voter.firstBallotAt !== null && voter.district !== null && voter.district !== district) {
        throw BudgetException.of('conflict', 'DISTRICT_LOCKED', `You have voted in this edition: your district stays ${voter.district}`, { district: voter.district });
      }
      if (voter === null) return repository.save(repository.create({ editionId, accountId: principal.accountId, district, firstBallotAt: null }));
      voter.district = district;
      return repository.save(voter);
    });
  }

  /**
   * Fixes the ballot: one poll per envelope with at least two admissible projects, its options the
   * projects (in the order they were made), the edition's grades, open from the calendar's window.
   * The polls are made first, each in its own transaction; `link` then records them with the phase.
   */
  async makeBallot(principal: Principal, edition: EditionEntity): Promise<Array<{ envelopeId: string; pollId: string; options: Array<{ projectId: string; optionId: string }> }>> {
    const envelopes = await this.repository.envelopes(edition.id);
    const projects = (await this.repository.projects(edition.id)).filter((project) => project.feasibility === 'admissible');
    if (projects.length === 0) throw BudgetException.invalid('No project is admissible: the ballot would be empty');
    // Checked for every envelope before any poll is made.
    const single = envelopes.filter((envelope) => projects.filter((project) => project.envelopeId === envelope.id).length === 1).map((envelope) => `"${envelope.name}"`);
    if (single.length > 0) throw BudgetException.invalid(`${single.join(', ')} ${single.length === 1 ? 'has' : 'have'} a single admissible project: a vote needs two (move it to another envelope, or admit another)`);
    for (const envelope of envelopes) {
      const titles = projects.filter((project) => project.envelopeId === envelope.id).map((project) => project.title.trim().toLowerCase());
      const twice = titles.find((title, i) => titles.indexOf(title) !== i);
      if (twice !== undefined) throw BudgetException.invalid(`Two projects of "${envelope.name}" are called "${twice}": a ballot needs distinct titles`);
    }
    const made = [];
    for (const envelope of envelopes) {
      const own = projects.filter((project) => project.envelopeId === envelope.id);
      if (own.length === 0) continue;
      const { poll, options } = await this.polls.create(principal, {
        title: `${edition.title} — ${envelope.name}`.slice(0, 300),
        description: edition.description,
        options: own.map((project) => ({ label: project.title, description: project.description })),
        grades: edition.grades,
        audience: 'budget',
        opensAt: edition.voteOpensAt,
        closesAt: edition.voteClosesAt,
        skipped: 'worst',
      });
      made.push({ envelopeId: envelope.id, pollId: poll.id, options: own.map((project, i) => ({ projectId: project.id, optionId: options[i].id })) });
    }
    return made;
  }

  async link(made: Awaited<ReturnType<BudgetVoteService['makeBallot']>>, manager: EntityManager): Promise<void> {
    for (const { envelopeId, pollId, options } of made) {
      await manager.getRepository(EnvelopeEntity).update({ id: envelopeId }, { pollId });
      for (const { projectId, optionId } of options) await manager.getRepository(ProjectEntity).update({ id: projectId }, { pollOptionId: optionId });
    }
  }

  /** Opens every envelope's poll (those already open stay so). */
  async openVote(principal: Principal, editionId: string): Promise<void> {
    for (const envelope of await this.repository.envelopes(editionId)) {
      if (envelope.pollId === null) continue;
      const { poll } = await this.polls.get(envelope.pollId);
      if (poll.status === 'draft') await this.polls.open(principal, envelope.pollId);
    }
  }

  /**
   * Closes every envelope's poll (already closed by the scheduler at the window's end: fine) and
   * computes the winners from its ranking and ballots — three envelopes at a time, since closing is
   * mostly the database's work. Sealing and mixing the ballot boxes come after (publishPolls).
   */
  async closeVote(edition: EditionEntity): Promise<EnvelopeResultEntity[]> {
    const projects = await this.repository.projects(edition.id);
    const envelopes = (await this.repository.envelopes(edition.id)).filter((envelope) => envelope.pollId !== null);
    const results: EnvelopeResultEntity[] = [];
    const queue = [...envelopes];
    const worker = async (): Promise<void> => {
      for (let envelope = queue.shift(); envelope !== undefined; envelope = queue.shift()) results.push(await this.closeEnvelope(edition, envelope, projects));
    };
    await Promise.all([worker(), worker(), worker()]);
    return results;
  }

  private async closeEnvelope(edition: EditionEntity, envelope: EnvelopeEntity, projects: readonly ProjectEntity[]): Promise<EnvelopeResultEntity> {
    const pollId = envelope.pollId!;
    const current = await this.polls.get(pollId);
    // Sealing and mixing wait for every envelope's winners (publishPolls), so they do not compete with them.
    if (current.poll.status === 'open') await this.polls.close(undefined, pollId, 'caller');
    // The ranking is in the poll's result at the close; equal shares also reads the ballots. Sealing
    // the bulletin board (and mixing the box) follows the close in the background.
    const { options, result } = await this.polls.results(pollId);
    const ballots = edition.rule === 'equal-shares' ? await this.polls.closedBallotGrades(pollId) : [];
    const own = options.map((option) => projects.find((project) => project.pollOptionId === option.id)!);
    const winners = envelopeWinners({
      budgetCents: BigInt(envelope.amountCents),
      projects: own.map((project) => ({ id: project.id, costCents: BigInt(project.costCents!), optionId: project.pollOptionId! })),
      rankOf: new Map(result.ranking.ranking.map((entry) => [entry.option, entry.rank])),
      ballots,
      rule: edition.rule,
      completion: edition.completion,
      approvalThreshold: edition.approvalThreshold,
    });
    return this.dataSource.getRepository(EnvelopeResultEntity).create({
      envelopeId: envelope.id,
      rule: edition.rule,
      completion: edition.completion,
      budgetCents: envelope.amountCents,
      spentCents: winners.spentCents.toString(),
      voters: result.ballots,
      lines: winners.lines,
      rounds: winners.rounds,
      computedAt: this.clock.now(),
    });
  }

  /**
   * Seals, mixes and publishes the envelopes' polls once the winners are stored (their bulletin boards
   * are public once sealed; sealing hashes every ballot, which takes seconds on a large box).
   */
  async publishPolls(principal: Principal, editionId: string): Promise<void> {
    for (const envelope of await this.repository.envelopes(editionId)) {
      if (envelope.pollId === null || (await this.polls.get(envelope.pollId)).poll.status !== 'closed') continue;
      // Sealed and mixed here after the results (closeVote leaves it), or already by the scheduler's sweep.
      await this.polls.seal(envelope.pollId);
      await this.polls.mix(envelope.pollId);
      try {
        await this.polls.publish(principal, envelope.pollId);
      } catch (error) {
        // Published meanwhile by the other path (after the results, or entering follow-up): fine.
        if ((await this.polls.get(envelope.pollId)).poll.status !== 'published') throw error;
      }
    }
  }

  async saveResults(principal: Principal, editionId: string, results: EnvelopeResultEntity[], manager: EntityManager): Promise<void> {
    await manager.getRepository(EnvelopeResultEntity).insert(results);
    for (const result of results) {
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'budget.winners-computed', subjectType: 'budget-edition', subjectId: editionId, data: { envelopeId: result.envelopeId, rule: result.rule, spentCents: result.spentCents, funded: result.lines.filter((line) => line.funded).map((line) => line.projectId) } },
        manager,
      );
    }
  }

  results(editionId: string): Promise<EnvelopeResultEntity[]> {
    return this.dataSource.getRepository(EnvelopeResultEntity).createQueryBuilder('r').innerJoin(EnvelopeEntity, 'e', 'e.id = r.envelope_id').where('e.edition_id = :editionId', { editionId }).getMany();
  }
}
