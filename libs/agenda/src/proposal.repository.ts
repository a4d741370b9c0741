import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { afterCursorSql, cursorTimestampSql, type KeysetCursor } from '@app/persistence';
import { AgendaSettingsEntity } from './entities/agenda-settings.entity.js';
import { AmendmentEntity } from './entities/amendment.entity.js';
import { ProposalVersionEntity } from './entities/proposal-version.entity.js';
import { ProposalEntity } from './entities/proposal.entity.js';
import type { ProposalKind, ProposalState } from './proposal-lifecycle.js';

export interface ProposalFilter {
  assemblyId: string;
  state?: ProposalState;
  kind?: ProposalKind;
  category?: string;
  /** Full-text query (web-search syntax), French and English. */
  q?: string;
  /** Include hidden proposals (organisers). */
  includeHidden: boolean;
  /** Whose drafts to include (their author's). */
  draftsOf?: string;
  before?: KeysetCursor;
  limit: number;
}

/** Every column of ProposalEntity but the body, by property name (snake_case in SQL). */
const LIST_COLUMNS = [
  'id',
  'assemblyId',
  'kind',
  'title',
  'category',
  'links',
  'authorId',
  'state',
  'stateReason',
  'supportCount',
  'supportThreshold',
  'supportDeadline',
  'version',
  'decisionPollId',
  'sessionId',
  'agendaPosition',
  'allottedMinutes',
  'hiddenAt',
  'hiddenReason',
  'submittedAt',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<Exclude<keyof ProposalEntity, 'body'>>;
/** The list's SELECT, built once: `p.assembly_id AS "assemblyId"`, … */
const LIST_SELECT = LIST_COLUMNS.map((column) => `p.${column.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)} AS "${column}"`);

/** Below this many matches a search sorts its matches instead of walking the date index. */
const RARE_SEARCH_LIMIT = 2000;

/** Every query on proposals, their versions, supports, amendments, reports and settings. */
@Injectable()
export class ProposalRepository {
  /** Whether a search is rare (few matches) — only a plan choice, so a minute-old answer is fine. */
  private readonly rareSearches = new Map<string, { value: boolean; until: number }>();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private proposals(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(ProposalEntity);
  }

  async insert(proposal: Partial<ProposalEntity>, manager: EntityManager): Promise<ProposalEntity> {
    const saved = await this.proposals(manager).save(this.proposals(manager).create(proposal));
    await manager.getRepository(ProposalVersionEntity).insert({ proposalId: saved.id, version: 1, title: saved.title, body: saved.body, amendmentId: null, createdBy: saved.authorId });
    return saved;
  }

  findById(id: string, manager?: EntityManager): Promise<ProposalEntity | null> {
    return this.proposals(manager).findOneBy({ id });
  }

  findByIds(ids: readonly string[]): Promise<ProposalEntity[]> {
    return ids.length === 0 ? Promise.resolve([]) : this.proposals().findBy({ id: In([...ids]) });
  }

  lockById(id: string, manager: EntityManager): Promise<ProposalEntity | null> {
    return this.proposals(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  async update(id: string, changes: Partial<ProposalEntity>, manager: EntityManager): Promise<ProposalEntity> {
    await this.proposals(manager).update({ id }, changes);
    return (await this.findById(id, manager))!;
  }

  /**
   * Newest first, keyset-paginated on (created_at, id): a page never repeats or skips an item when
   * new proposals arrive, since new ones sort before the cursor. Lists never show a proposal's body,
   * so it is not read (`body` is ''), and rows are mapped by hand: TypeORM's entity hydration took more
   * CPU than the query on the busiest public page.
   */
  async list(filter: ProposalFilter): Promise<Array<{ proposal: ProposalEntity; cursorAt: string }>> {
    const query = this.proposals()
      .createQueryBuilder('p')
      .select(LIST_SELECT)
      .addSelect(cursorTimestampSql('p'), 'cursor_at')
      .where('p.assembly_id = :assemblyId', { assemblyId: filter.assemblyId })
      .orderBy('p.created_at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .take(filter.limit);
    // Drafts are their author's alone.
    if (filter.state === 'draft') query.andWhere(`p.state = 'draft' AND p.author_id = :author`, { author: filter.draftsOf ?? '00000000-0000-0000-0000-000000000000' });
    else if (filter.state !== undefined) query.andWhere('p.state = :state', { state: filter.state });
    else if (filter.draftsOf !== undefined) query.andWhere(`(p.state <> 'draft' OR p.author_id = :author)`, { author: filter.draftsOf });
    else query.andWhere(`p.state <> 'draft'`);
    if (filter.kind !== undefined) query.andWhere('p.kind = :kind', { kind: filter.kind });
    if (filter.category !== undefined) query.andWhere('p.category = :category', { category: filter.category });
    if (!filter.includeHidden) query.andWhere('p.hidden_at IS NULL');
    if (filter.q !== undefined) {
      // Stemmed French and English (web-search syntax: "phrases", -exclusions, or), plus word
      // prefixes for plain queries, since the French stemmer leaves forms like "vélos" unstemmed.
      const plain = /["()]|(^|\s)-|\bor\b/i.test(filter.q) ? [] : (filter.q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
      const prefix = plain.map((word) => `${word}:*`).join(' & ');
      const stemmed = `p.search_vector @@ (websearch_to_tsquery('french', :q) || websearch_to_tsquery('english', :q))`;
      const condition = prefix === '' ? stemmed : `(${stemmed} OR p.search_vector @@ to_tsquery('simple', :prefix))`;
      query.andWhere(condition, { q: filter.q, prefix });
      // Rare terms: walking the date index until 20 matches would read the whole assembly, so take
      // the few matches from the GIN index and sort them. Common terms: the date index finds 20 at once.
      const probe = this.proposals()
        .createQueryBuilder('p')
        .select('1')
        .where('p.assembly_id = :assemblyId', { assemblyId: filter.assemblyId })
        .andWhere(condition, { q: filter.q, prefix })
        .limit(RARE_SEARCH_LIMIT);
      const key = `${filter.assemblyId}\u0000${filter.q}`;
      let rare = this.rareSearches.get(key);
      if (rare === undefined || rare.until < Date.now()) {
        const [probeSql, probeParameters] = probe.getQueryAndParameters();
        const [{ hits }] = await this.dataSource.query<Array<{ hits: string }>>(`SELECT count(*) AS hits FROM (${probeSql}) AS probe`, probeParameters);
        rare = { value: Number(hits) < RARE_SEARCH_LIMIT, until: Date.now() + 60_000 };
        if (this.rareSearches.size >= 10_000) this.rareSearches.clear();
        this.rareSearches.set(key, rare);
      }
      if (rare.value) query.orderBy(`p.created_at + interval '0'`, 'DESC').addOrderBy('p.id', 'DESC');
    }
    if (filter.before !== undefined) query.andWhere(afterCursorSql('p'), filter.before);
    const rows = await query.getRawMany<Omit<ProposalEntity, 'body'> & { cursor_at: string }>();
    return rows.map(({ cursor_at: cursorAt, ...columns }) => ({ proposal: Object.assign(new ProposalEntity(), columns, { body: '' }), cursorAt }));
  }

  /** Public open data: every non-draft, non-hidden proposal of an assembly, oldest first. */
  openData(assemblyId: string): Promise<ProposalEntity[]> {
    return this.proposals()
      .createQueryBuilder('p')
      .where(`p.assembly_id = :assemblyId AND p.state <> 'draft' AND p.hidden_at IS NULL`, { assemblyId })
      .orderBy('p.created_at', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .getMany();
  }

  scheduledOn(sessionId: string): Promise<ProposalEntity[]> {
    return this.proposals().find({ where: { sessionId }, order: { agendaPosition: 'ASC' } });
  }

  /** Petitions still collecting after their deadline. */
  async dueToExpire(now: Date): Promise<string[]> {
    const rows = await this.proposals()
      .createQueryBuilder('p')
      .select('p.id', 'id')
      .where(`p.state = 'collecting' AND p.support_deadline <= :now`, { now })
      .getRawMany<{ id: string }>();
    return rows.map((row) => row.id);
  }

  // Supports: the row and the counter change in the caller's transaction, under the proposal's lock.

  /** False when this account already supports it (the primary key decides). */
  async addSupport(proposalId: string, accountId: string, manager: EntityManager): Promise<boolean> {
    const rows = await manager.query<unknown[]>(`INSERT INTO supports (proposal_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1`, [proposalId, accountId]);
    if (rows.length === 0) return false;
    await manager.query(`UPDATE proposals SET support_count = support_count + 1 WHERE id = $1`, [proposalId]);
    return true;
  }

  async removeSupport(proposalId: string, accountId: string, manager: EntityManager): Promise<boolean> {
    // For DELETE, TypeORM's postgres driver answers [rows, affected].
    const [, deleted] = await manager.query<[unknown[], number]>(`DELETE FROM supports WHERE proposal_id = $1 AND account_id = $2 RETURNING 1`, [proposalId, accountId]);
    if (deleted === 0) return false;
    await manager.query(`UPDATE proposals SET support_count = support_count - 1 WHERE id = $1`, [proposalId]);
    return true;
  }

  async supports(proposalId: string, accountId: string): Promise<boolean> {
    const rows = await this.dataSource.query<unknown[]>(`SELECT 1 FROM supports WHERE proposal_id = $1 AND account_id = $2`, [proposalId, accountId]);
    return rows.length > 0;
  }

  versions(proposalId: string): Promise<ProposalVersionEntity[]> {
    return this.dataSource.getRepository(ProposalVersionEntity).find({ where: { proposalId }, order: { version: 'ASC' } });
  }

  async addVersion(version: Omit<ProposalVersionEntity, 'createdAt' | 'proposal'>, manager: EntityManager): Promise<void> {
    await manager.getRepository(ProposalVersionEntity).insert(version);
  }

  async settings(assemblyId: string, manager?: EntityManager): Promise<AgendaSettingsEntity> {
    const found = await (manager ?? this.dataSource.manager).getRepository(AgendaSettingsEntity).findOneBy({ assemblyId });
    return found ?? Object.assign(new AgendaSettingsEntity(), { assemblyId, petitionThreshold: 5000, petitionDays: 90 });
  }

  async saveSettings(settings: { assemblyId: string; petitionThreshold: number; petitionDays: number }, manager: EntityManager): Promise<void> {
    await manager.getRepository(AgendaSettingsEntity).upsert(settings, ['assemblyId']);
  }

  amendments(proposalId: string): Promise<AmendmentEntity[]> {
    return this.dataSource.getRepository(AmendmentEntity).find({ where: { proposalId }, order: { createdAt: 'ASC' } });
  }
}
