import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { afterCursorSql, cursorTimestampSql, type KeysetCursor } from '@app/persistence';
import { AssemblyEntity, type AssemblyStatus } from './entities/assembly.entity.js';
import { MembershipEntity, type MembershipEndKind, type MembershipRole } from './entities/membership.entity.js';

export interface NewAssembly {
  name: string;
  description: string;
  seats: number;
  termStart: string;
  termEnd: string;
  createdBy: string;
}

export interface NewMembership {
  assemblyId: string;
  role: MembershipRole;
  accountId?: string | null;
  poolId?: string | null;
  personId?: string | null;
  drawId?: string | null;
}

/** Every query on `assemblies` and `memberships`. */
@Injectable()
export class AssemblyRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private assemblies(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(AssemblyEntity);
  }

  private memberships(manager?: EntityManager) {
    return (manager ?? this.dataSource.manager).getRepository(MembershipEntity);
  }

  insert(assembly: NewAssembly, manager: EntityManager): Promise<AssemblyEntity> {
    return this.assemblies(manager).save(this.assemblies(manager).create(assembly));
  }

  findById(id: string, manager?: EntityManager): Promise<AssemblyEntity | null> {
    return this.assemblies(manager).findOneBy({ id });
  }

  /** Locks the assembly row: serialises changes to its seats, status and draws. */
  lockById(id: string, manager: EntityManager): Promise<AssemblyEntity | null> {
    return this.assemblies(manager).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** Newest first, keyset-paginated (see libs/persistence keyset-cursor.ts). */
  async list(limit: number, before?: KeysetCursor, status?: AssemblyStatus): Promise<Array<{ assembly: AssemblyEntity; cursor: KeysetCursor }>> {
    const query = this.assemblies()
      .createQueryBuilder('a')
      .addSelect(cursorTimestampSql('a'), 'cursor_at')
      .orderBy('a.created_at', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(limit);
    if (before !== undefined) query.andWhere(afterCursorSql('a'), before);
    if (status !== undefined) query.andWhere('a.status = :status', { status });
    const { entities, raw } = await query.getRawAndEntities<{ cursor_at: string }>();
    return entities.map((assembly, i) => ({ assembly, cursor: { createdAt: raw[i].cursor_at, id: assembly.id } }));
  }

  async update(id: string, changes: Partial<Pick<AssemblyEntity, 'name' | 'description' | 'seats' | 'termStart' | 'termEnd' | 'status'>>, manager: EntityManager): Promise<AssemblyEntity> {
    await this.assemblies(manager).update({ id }, changes);
    return (await this.findById(id, manager))!;
  }

  /** The roles an account holds in an assembly right now. */
  async activeRoles(assemblyId: string, accountId: string, manager?: EntityManager): Promise<MembershipRole[]> {
    const rows = await this.memberships(manager).find({ select: { role: true }, where: { assemblyId, accountId, endedAt: IsNull() } });
    return rows.map((row) => row.role);
  }

  countSeatedAccounts(assemblyId: string): Promise<number> {
    return this.memberships()
      .createQueryBuilder('m')
      .where(`m.assembly_id = :assemblyId AND m.role = 'member' AND m.ended_at IS NULL AND m.account_id IS NOT NULL`, { assemblyId })
      .getCount();
  }

  listMemberships(assemblyId: string, includeEnded: boolean): Promise<MembershipEntity[]> {
    return this.memberships().find({
      where: includeEnded ? { assemblyId } : { assemblyId, endedAt: IsNull() },
      order: { startedAt: 'ASC', id: 'ASC' },
    });
  }

  /** Display names of these accounts. */
  async displayNames(accountIds: readonly string[]): Promise<Map<string, string>> {
    if (accountIds.length === 0) return new Map();
    const rows = await this.dataSource.query<Array<{ id: string; display_name: string }>>(`SELECT id, display_name FROM accounts WHERE id = ANY($1::uuid[])`, [accountIds]);
    return new Map(rows.map((row) => [row.id, row.display_name]));
  }

  async setNameShown(membershipId: string, shown: boolean): Promise<void> {
    await this.memberships().update({ id: membershipId }, { nameShown: shown });
  }

  findMembership(assemblyId: string, id: string, manager?: EntityManager, lock = false): Promise<MembershipEntity | null> {
    return this.memberships(manager).findOne({ where: { assemblyId, id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }

  insertMembership(membership: NewMembership, manager: EntityManager): Promise<MembershipEntity> {
    return this.memberships(manager).save(this.memberships(manager).create(membership));
  }

  async insertMemberships(memberships: NewMembership[], manager: EntityManager): Promise<void> {
    if (memberships.length > 0) await this.memberships(manager).insert(memberships);
  }

  async endMembership(id: string, end: { kind: MembershipEndKind; reason: string; by: string; at: Date }, manager: EntityManager): Promise<MembershipEntity> {
    await this.memberships(manager).update({ id }, { endedAt: end.at, endKind: end.kind, endReason: end.reason, endedBy: end.by, invitationHash: null });
    return (await this.memberships(manager).findOneBy({ id }))!;
  }

  async setRole(id: string, role: MembershipRole, manager: EntityManager): Promise<MembershipEntity> {
    await this.memberships(manager).update({ id }, { role });
    return (await this.memberships(manager).findOneBy({ id }))!;
  }

  /** Active drawn seats (members and alternates), oldest first. */
  activeDrawn(assemblyId: string, manager: EntityManager): Promise<MembershipEntity[]> {
    return this.memberships(manager)
      .createQueryBuilder('m')
      .where('m.assembly_id = :assemblyId AND m.ended_at IS NULL AND m.person_id IS NOT NULL', { assemblyId })
      .orderBy('m.started_at', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .getMany();
  }

  /** Everyone of this pool ever drawn into the assembly, staying or not: nobody is drawn twice. */
  async everDrawnPersonIds(assemblyId: string, poolId: string, manager?: EntityManager): Promise<string[]> {
    const rows = await this.memberships(manager).find({ select: { personId: true }, where: { assemblyId, poolId } });
    return rows.map((row) => row.personId!);
  }

  async setInvitation(id: string, hash: string, at: Date, manager: EntityManager): Promise<void> {
    await this.memberships(manager).update({ id }, { invitationHash: hash, invitationIssuedAt: at });
  }

  findByInvitationHash(hash: string, manager: EntityManager): Promise<MembershipEntity | null> {
    return this.memberships(manager).findOne({ where: { invitationHash: hash }, lock: { mode: 'pessimistic_write' } });
  }

  async linkAccount(id: string, accountId: string, manager: EntityManager): Promise<MembershipEntity> {
    await this.memberships(manager).update({ id }, { accountId, invitationHash: null });
    return (await this.memberships(manager).findOneBy({ id }))!;
  }
}
