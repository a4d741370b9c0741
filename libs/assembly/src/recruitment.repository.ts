import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { InvitationDrawEntity, InvitationDrawListEntity } from './entities/invitation-draw.entity.js';
import { InvitationEntity } from './entities/invitation.entity.js';
import { RespondentEntity } from './entities/respondent.entity.js';
import { SourceListChunkEntity, SourceListEntity } from './entities/source-list.entity.js';

export type NewInvitation = Omit<InvitationEntity, 'id' | 'draw' | 'codeHash' | 'purgedAt'>;
export type NewRespondent = Omit<RespondentEntity, 'id' | 'createdAt' | 'invitation' | 'purgedAt'>;

/**
 * Letters folded for the name search (PostgreSQL's translate, no extension needed). Capitals too:
 * under the C locale (the embedded PostgreSQL's) lower() changes ASCII letters only.
 */
const ACCENTED = 'àâäáãåçéèêëíìîïñóòôöõúùûüýÿœæÀÂÄÁÃÅÇÉÈÊËÍÌÎÏÑÓÒÔÖÕÚÙÛÜÝŸŒÆ';
const PLAIN = 'aaaaaaceeeeiiiinooooouuuuyyoaaaaaaaceeeeiiiinooooouuuuyyoa';

/** Chunks read per query when a list is streamed back: about 16 MiB in memory at a time. */
const CHUNKS_PER_READ = 16;
/** Invitations per INSERT: 11 parameters each, well under PostgreSQL's 65,535. */
const INSERT_CHUNK = 2000;

/** Every query on source lists, invitation draws, invitations and respondents. */
@Injectable()
export class RecruitmentRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private manager(manager?: EntityManager): EntityManager {
    return manager ?? this.dataSource.manager;
  }

  // Source lists ---------------------------------------------------------------------------

  insertList(list: Omit<SourceListEntity, 'id' | 'createdAt' | 'assembly' | 'purgedAt'>, manager: EntityManager): Promise<SourceListEntity> {
    const repository = manager.getRepository(SourceListEntity);
    return repository.save(repository.create(list));
  }

  async insertChunk(listId: string, seq: number, bytes: Buffer, manager: EntityManager): Promise<void> {
    await manager.getRepository(SourceListChunkEntity).insert({ listId, seq, bytes });
  }

  async completeList(listId: string, facts: { sha256: string; byteCount: number; rowCount: number }, manager: EntityManager): Promise<SourceListEntity> {
    await manager.getRepository(SourceListEntity).update({ id: listId }, facts);
    return manager.getRepository(SourceListEntity).findOneByOrFail({ id: listId });
  }

  listsOfAssembly(assemblyId: string): Promise<SourceListEntity[]> {
    return this.manager().getRepository(SourceListEntity).find({ where: { assemblyId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  findList(id: string, manager?: EntityManager): Promise<SourceListEntity | null> {
    return this.manager(manager).getRepository(SourceListEntity).findOneBy({ id });
  }

  /** The file's bytes as uploaded, a few chunks per query, so a large list never sits whole in memory. */
  async *listBytes(listId: string): AsyncGenerator<Buffer> {
    for (let from = 0; ; from += CHUNKS_PER_READ) {
      const rows: Array<{ bytes: Buffer }> = await this.dataSource.query(`SELECT bytes FROM source_list_chunks WHERE list_id = $1 AND seq >= $2 AND seq < $3 ORDER BY seq`, [
        listId,
        from,
        from + CHUNKS_PER_READ,
      ]);
      for (const row of rows) yield row.bytes;
      if (rows.length < CHUNKS_PER_READ) return;
    }
  }

  // Invitation draws -------------------------------------------------------------------------

  async insertDraw(draw: Omit<InvitationDrawEntity, 'id' | 'assembly' | 'publishedAt'>, listIds: string[], manager: EntityManager): Promise<InvitationDrawEntity> {
    const repository = manager.getRepository(InvitationDrawEntity);
    const saved = await repository.save(repository.create(draw));
    await manager.getRepository(InvitationDrawListEntity).insert(listIds.map((listId, position) => ({ drawId: saved.id, position, listId })));
    return repository.findOneByOrFail({ id: saved.id });
  }

  findDraw(id: string, manager?: EntityManager): Promise<InvitationDrawEntity | null> {
    return this.manager(manager).getRepository(InvitationDrawEntity).findOneBy({ id });
  }

  lockDraw(id: string, manager: EntityManager): Promise<InvitationDrawEntity | null> {
    return manager.getRepository(InvitationDrawEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  pendingDraw(assemblyId: string, manager?: EntityManager): Promise<InvitationDrawEntity | null> {
    return this.manager(manager).getRepository(InvitationDrawEntity).findOneBy({ assemblyId, status: 'published' });
  }

  drawsOfAssembly(assemblyId: string): Promise<InvitationDrawEntity[]> {
    return this.manager().getRepository(InvitationDrawEntity).find({ where: { assemblyId }, order: { publishedAt: 'DESC', id: 'DESC' } });
  }

  /** A draw's lists in the order its mix weighs them. */
  async listsOfDraw(drawId: string, manager?: EntityManager): Promise<SourceListEntity[]> {
    const links = await this.manager(manager)
      .getRepository(InvitationDrawListEntity)
      .find({ where: { drawId }, order: { position: 'ASC' }, relations: { list: true } });
    return links.map((link) => link.list!);
  }

  async markDrawn(
    id: string,
    facts: Pick<InvitationDrawEntity, 'seed' | 'seedGivenBy' | 'present' | 'drawnAt' | 'result' | 'invitedSha256'>,
    manager: EntityManager,
  ): Promise<InvitationDrawEntity> {
    await manager.getRepository(InvitationDrawEntity).update({ id }, { ...facts, status: 'drawn' });
    return manager.getRepository(InvitationDrawEntity).findOneByOrFail({ id });
  }

  async markLettersIssued(id: string, at: Date, manager: EntityManager): Promise<void> {
    await manager.query(`UPDATE invitation_draws SET letters_issued_at = coalesce(letters_issued_at, $2) WHERE id = $1`, [id, at]);
  }

  // Invitations ----------------------------------------------------------------------------

  /** "source:id" of everyone the assembly has invited: not eligible again. */
  async invitedKeys(assemblyId: string, manager?: EntityManager): Promise<Set<string>> {
    const rows: Array<{ key: string }> = await this.manager(manager).query(`SELECT source || ':' || person_id AS key FROM invitations WHERE assembly_id = $1`, [assemblyId]);
    return new Set(rows.map((row) => row.key));
  }

  async insertInvitations(invitations: NewInvitation[], manager: EntityManager): Promise<void> {
    for (let start = 0; start < invitations.length; start += INSERT_CHUNK) {
      await manager.getRepository(InvitationEntity).insert(invitations.slice(start, start + INSERT_CHUNK));
    }
  }

  invitationsWithoutCode(drawId: string, manager: EntityManager): Promise<InvitationEntity[]> {
    // In the order the printer sorts letters: by source, district and name.
    return manager.getRepository(InvitationEntity).find({ where: { drawId, codeHash: IsNull() }, order: { source: 'ASC', district: 'ASC', familyName: 'ASC', id: 'ASC' } });
  }

  async setCodeHashes(ids: readonly string[], hashes: readonly string[], manager: EntityManager): Promise<void> {
    for (let start = 0; start < ids.length; start += 5000) {
      await manager.query(`UPDATE invitations i SET code_hash = c.hash FROM unnest($1::uuid[], $2::text[]) AS c(id, hash) WHERE i.id = c.id`, [
        ids.slice(start, start + 5000),
        hashes.slice(start, start + 5000),
      ]);
    }
  }

  invitationByCodeHash(codeHash: string, manager?: EntityManager): Promise<InvitationEntity | null> {
    return this.manager(manager).getRepository(InvitationEntity).findOne({ where: { codeHash }, relations: { draw: true } });
  }

  /** The invited in the order the draw chose them (id, source, stratum: the published result). */
  async invitedOfDraw(drawId: string): Promise<Array<{ id: string; source: string; stratum: string }>> {
    const rows: Array<{ person_id: string; source: string; stratum: string }> = await this.dataSource.query(
      `SELECT person_id, source, stratum FROM invitations WHERE draw_id = $1 ORDER BY position`,
      [drawId],
    );
    return rows.map((row) => ({ id: row.person_id, source: row.source, stratum: row.stratum }));
  }

  /**
   * Invitations whose family or given names contain `search` (case and accents ignored), with
   * whether they were answered: an organiser finds a lost letter or a caller without their code.
   */
  async searchInvitations(assemblyId: string, search: string, limit: number): Promise<Array<InvitationEntity & { answered: boolean }>> {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT i.id FROM invitations i
        WHERE i.assembly_id = $1
          AND (translate(lower(i.family_name || ' ' || i.given_names || ' ' || i.given_names || ' ' || i.family_name), $4, $5) LIKE translate(lower($2), $4, $5))
        ORDER BY i.family_name, i.given_names, i.id
        LIMIT $3`,
      [assemblyId, pattern, limit, ACCENTED, PLAIN],
    );
    if (rows.length === 0) return [];
    const invitations = await this.dataSource.manager.getRepository(InvitationEntity).find({ where: { id: In(rows.map((row) => row.id)) } });
    const answered = new Set(
      (await this.dataSource.manager.getRepository(RespondentEntity).find({ where: { invitationId: In(rows.map((row) => row.id)) }, select: { invitationId: true } })).map((r) => r.invitationId),
    );
    const byId = new Map(invitations.map((invitation) => [invitation.id, invitation]));
    return rows.map((row) => ({ ...byId.get(row.id)!, answered: answered.has(row.id) }));
  }

  findInvitation(id: string, manager?: EntityManager): Promise<InvitationEntity | null> {
    return this.manager(manager).getRepository(InvitationEntity).findOneBy({ id });
  }

  async setCodeHash(id: string, codeHash: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(InvitationEntity).update({ id }, { codeHash });
  }

  // Respondents ----------------------------------------------------------------------------

  findRespondent(assemblyId: string, id: string, manager?: EntityManager): Promise<RespondentEntity | null> {
    return this.manager(manager).getRepository(RespondentEntity).findOneBy({ assemblyId, id });
  }

  /** Whether a pool of the assembly holds this pseudonym (pools are frozen: its answer can no longer go). */
  async inAPool(assemblyId: string, personId: string, manager: EntityManager): Promise<boolean> {
    const rows: unknown[] = await manager.query(`SELECT 1 FROM pool_volunteers v JOIN pools p ON p.id = v.pool_id WHERE p.assembly_id = $1 AND v.person_id = $2 LIMIT 1`, [assemblyId, personId]);
    return rows.length > 0;
  }

  async deleteRespondent(id: string, manager: EntityManager): Promise<void> {
    await manager.getRepository(RespondentEntity).delete({ id });
  }

  insertRespondent(respondent: NewRespondent, manager: EntityManager): Promise<RespondentEntity> {
    const repository = manager.getRepository(RespondentEntity);
    return repository.save(repository.create(respondent));
  }

  respondentOfInvitation(invitationId: string, manager?: EntityManager): Promise<RespondentEntity | null> {
    return this.manager(manager).getRepository(RespondentEntity).findOneBy({ invitationId });
  }

  /** Oldest first, each with its invitation (names, address, source). */
  respondentsOfAssembly(assemblyId: string, manager?: EntityManager): Promise<RespondentEntity[]> {
    return this.manager(manager)
      .getRepository(RespondentEntity)
      .find({ where: { assemblyId }, order: { createdAt: 'ASC', id: 'ASC' }, relations: { invitation: true } });
  }
}
