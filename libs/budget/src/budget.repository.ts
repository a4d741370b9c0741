import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { afterCursorSql, cursorTimestampSql, type KeysetCursor } from '@app/persistence';
import { EditionEntity } from './entities/edition.entity.js';
import { EnvelopeEntity } from './entities/envelope.entity.js';
import { IdeaEntity } from './entities/idea.entity.js';
import { ProjectEntity } from './entities/project.entity.js';
import type { IdeaView, LinkedTitleDto } from './dto/budget.dto.js';
import { BudgetException } from './budget.exception.js';

export interface IdeaFilter {
  q?: string;
  /** A district, or "citywide" for ideas without one. */
  district?: string;
  limit: number;
  after?: KeysetCursor;
}

/** The budget's SQL: editions, envelopes, ideas with their followers and lineage, projects. */
@Injectable()
export class BudgetRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  edition(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<EditionEntity | null> {
    return manager.getRepository(EditionEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  editions(): Promise<EditionEntity[]> {
    return this.dataSource.getRepository(EditionEntity).find({ order: { voteOpensAt: 'DESC', createdAt: 'DESC' } });
  }

  envelopes(editionId: string, manager: EntityManager = this.dataSource.manager): Promise<EnvelopeEntity[]> {
    return manager.getRepository(EnvelopeEntity).find({ where: { editionId }, order: { kind: 'ASC', district: 'ASC', name: 'ASC' } });
  }

  /**
   * `district` trimmed, when the edition has an envelope for it; otherwise a refusal naming the
   * edition's districts. Ideas, projects and voters all name districts this way.
   */
  async knownDistrict(editionId: string, district: string, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const districts = (await this.envelopes(editionId, manager)).flatMap((envelope) => (envelope.district === null ? [] : [envelope.district]));
    const trimmed = district.trim();
    if (!districts.includes(trimmed)) throw BudgetException.invalid(`"${trimmed}" is not a district of this edition${districts.length > 0 ? ` (${districts.join(', ')})` : ''}`);
    return trimmed;
  }

  envelope(id: string, manager: EntityManager = this.dataSource.manager): Promise<EnvelopeEntity | null> {
    return manager.getRepository(EnvelopeEntity).findOneBy({ id });
  }

  async ideaPage(editionId: string, filter: IdeaFilter, accountId: string | null): Promise<{ views: IdeaView[]; last: KeysetCursor | null }> {
    const query = this.dataSource
      .getRepository(IdeaEntity)
      .createQueryBuilder('i')
      .addSelect(cursorTimestampSql('i'), 'cursor_at')
      .where('i.edition_id = :editionId', { editionId })
      .orderBy('i.created_at', 'DESC')
      .addOrderBy('i.id', 'DESC')
      .limit(filter.limit);
    if (filter.district === 'citywide') query.andWhere('i.district IS NULL');
    else if (filter.district !== undefined) query.andWhere('i.district = :district', { district: filter.district });
    if (filter.q !== undefined) {
      // Stemmed in French and English, plus word prefixes for words being typed (as the agenda's search).
      const words = /["()]|(^|\s)-|\bor\b/i.test(filter.q) ? [] : (filter.q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
      const prefix = words.map((word) => `${word}:*`).join(' & ');
      const stemmed = `i.search_vector @@ (websearch_to_tsquery('french', :q) || websearch_to_tsquery('english', :q))`;
      query.andWhere(prefix === '' ? stemmed : `(${stemmed} OR i.search_vector @@ to_tsquery('simple', :prefix))`, { q: filter.q, prefix });
    }
    if (filter.after !== undefined) query.andWhere(afterCursorSql('i'), { createdAt: filter.after.createdAt, id: filter.after.id });
    const { entities, raw } = await query.getRawAndEntities<{ cursor_at: string }>();
    const views = await this.ideaViews(entities, accountId);
    const lastIndex = entities.length - 1;
    return { views, last: entities.length === filter.limit ? { createdAt: raw[lastIndex].cursor_at, id: entities[lastIndex].id } : null };
  }

  async idea(id: string, accountId: string | null, manager: EntityManager = this.dataSource.manager): Promise<IdeaView | null> {
    const idea = await manager.getRepository(IdeaEntity).findOneBy({ id });
    return idea === null ? null : (await this.ideaViews([idea], accountId, manager))[0];
  }

  ideasOfEdition(editionId: string, ids: readonly string[], manager: EntityManager): Promise<IdeaEntity[]> {
    return manager.getRepository(IdeaEntity).createQueryBuilder('i').where('i.edition_id = :editionId AND i.id IN (:...ids)', { editionId, ids }).getMany();
  }

  /** Authors' names, followers, the caller's following and the projects each idea became, in three queries. */
  private async ideaViews(ideas: IdeaEntity[], accountId: string | null, manager: EntityManager = this.dataSource.manager): Promise<IdeaView[]> {
    if (ideas.length === 0) return [];
    const ids = ideas.map((idea) => idea.id);
    const [authors, follows, projects] = await Promise.all([
      manager.query<Array<{ id: string; display_name: string }>>(`SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])`, [[...new Set(ideas.map((idea) => idea.authorId))]]),
      manager.query<Array<{ idea_id: string; followers: number; following: boolean }>>(
        `SELECT idea_id, count(*)::int AS followers, bool_or(account_id = $2) AS following FROM budget_idea_follows WHERE idea_id = ANY($1::uuid[]) GROUP BY idea_id`,
        [ids, accountId],
      ),
      manager.query<Array<{ idea_id: string; id: string; title: string }>>(
        `SELECT pi.idea_id, p.id, p.title FROM budget_project_ideas pi JOIN budget_projects p ON p.id = pi.project_id WHERE pi.idea_id = ANY($1::uuid[]) ORDER BY p.created_at`,
        [ids],
      ),
    ]);
    const names = new Map(authors.map((row) => [row.id, row.display_name]));
    const followed = new Map(follows.map((row) => [row.idea_id, row]));
    return ideas.map((idea) => ({
      idea,
      authorName: names.get(idea.authorId) ?? '',
      followers: followed.get(idea.id)?.followers ?? 0,
      following: followed.get(idea.id)?.following === true,
      projects: projects.filter((row) => row.idea_id === idea.id).map((row) => ({ id: row.id, title: row.title })),
    }));
  }

  async follow(ideaId: string, accountId: string, on: boolean): Promise<void> {
    if (on) await this.dataSource.query(`INSERT INTO budget_idea_follows (idea_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, [ideaId, accountId]);
    else await this.dataSource.query(`DELETE FROM budget_idea_follows WHERE idea_id = $1 AND account_id = $2`, [ideaId, accountId]);
  }

  project(id: string, manager: EntityManager = this.dataSource.manager, lock = false): Promise<ProjectEntity | null> {
    return manager.getRepository(ProjectEntity).findOne({ where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  projects(editionId: string): Promise<ProjectEntity[]> {
    return this.dataSource.getRepository(ProjectEntity).find({ where: { editionId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** Each project's ideas (id and title), by project id. */
  async lineage(projectIds: readonly string[], manager: EntityManager = this.dataSource.manager): Promise<Map<string, LinkedTitleDto[]>> {
    const rows =
      projectIds.length === 0
        ? []
        : await manager.query<Array<{ project_id: string; id: string; title: string }>>(
            `SELECT pi.project_id, i.id, i.title FROM budget_project_ideas pi JOIN budget_ideas i ON i.id = pi.idea_id WHERE pi.project_id = ANY($1::uuid[]) ORDER BY i.created_at`,
            [projectIds],
          );
    const byProject = new Map<string, LinkedTitleDto[]>(projectIds.map((id) => [id, []]));
    for (const row of rows) byProject.get(row.project_id)!.push({ id: row.id, title: row.title });
    return byProject;
  }
}
