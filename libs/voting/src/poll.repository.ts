import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { PollOptionEntity } from './entities/poll-option.entity.js';
import { PollEntity, type PollAudience, type PollStatus } from './entities/poll.entity.js';

export type NewPoll = Pick<PollEntity, 'title' | 'description' | 'grades' | 'audience' | 'assemblyId' | 'opensAt' | 'closesAt' | 'revote' | 'skipped' | 'tieBreak' | 'createdBy'>;

/** Every query on `polls` and `poll_options`. */
@Injectable()
export class PollRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private polls(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PollEntity);
  }

  private options(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(PollOptionEntity);
  }

  async insert(poll: NewPoll, options: Array<{ label: string; description: string }>, manager: EntityManager): Promise<PollEntity> {
    const saved = await this.polls(manager).save(this.polls(manager).create(poll));
    await this.options(manager).insert(options.map((option, position) => ({ ...option, pollId: saved.id, position })));
    return saved;
  }

  findById(id: string, manager?: EntityManager): Promise<PollEntity | null> {
    return this.polls(manager).findOneBy({ id });
  }

  lockForUpdate(id: string, manager: EntityManager): Promise<PollEntity | null> {
    return this.polls(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * FOR SHARE: many ballots proceed at once, but closing (FOR UPDATE) waits for every ballot already
   * past this point to commit, and ballots arriving after it see the poll closed.
   */
  lockForBallot(id: string, manager: EntityManager): Promise<PollEntity | null> {
    return this.polls(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_read' } });
  }

  optionsOf(pollId: string, manager?: EntityManager): Promise<PollOptionEntity[]> {
    return this.options(manager).find({ where: { pollId }, order: { position: 'ASC' } });
  }

  async replaceOptions(pollId: string, options: Array<{ label: string; description: string }>, manager: EntityManager): Promise<void> {
    await this.options(manager).delete({ pollId });
    await this.options(manager).insert(options.map((option, position) => ({ ...option, pollId, position })));
  }

  async update(id: string, changes: Partial<PollEntity>, manager: EntityManager): Promise<PollEntity> {
    await this.polls(manager).update({ id }, changes);
    return (await this.findById(id, manager))!;
  }

  list(filter: { assemblyId?: string; status?: PollStatus; audience?: PollAudience }, limit: number): Promise<PollEntity[]> {
    return this.polls().find({
      where: {
        ...(filter.assemblyId === undefined ? {} : { assemblyId: filter.assemblyId }),
        ...(filter.status === undefined ? {} : { status: filter.status }),
        ...(filter.audience === undefined ? {} : { audience: filter.audience }),
      },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: limit,
    });
  }

  /** Open polls whose closing time has passed (for the scheduler). */
  async dueForClosing(now: Date): Promise<string[]> {
    const rows = await this.polls()
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where(`p.status = 'open' AND p.closes_at IS NOT NULL AND p.closes_at <= :now`, { now })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async unsealed(): Promise<string[]> {
    const rows = await this.polls()
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where(`p.status IN ('closed','published') AND p.result->>'bulletinBoardDigest' IS NULL`)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  async unmixed(): Promise<string[]> {
    const rows = await this.polls()
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where(`p.status IN ('closed','published') AND p.ballots_mixed_at IS NULL`)
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }
}
