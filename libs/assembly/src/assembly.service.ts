import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditLogService, type Principal } from '@app/shared';
import { inTransaction, type KeysetCursor } from '@app/persistence';
import { AssemblyAccess } from './assembly-access.js';
import { AssemblyException } from './assembly.exception.js';
import { AssemblyRepository, type NewAssembly } from './assembly.repository.js';
import type { AssemblyEntity, AssemblyStatus } from './entities/assembly.entity.js';
import { DrawRepository } from './draw.repository.js';
import { PoolRepository } from './pool.repository.js';

export type AssemblyChanges = Partial<Pick<AssemblyEntity, 'name' | 'description' | 'seats' | 'termStart' | 'termEnd' | 'status'>>;

/** forming (pool, draw) → active (sitting) → ended; a forming assembly may also be abandoned. */
const TRANSITIONS: Record<AssemblyStatus, readonly AssemblyStatus[]> = {
  forming: ['active', 'ended'],
  active: ['ended'],
  ended: [],
};

export function canTransition(from: AssemblyStatus, to: AssemblyStatus): boolean {
  return from === to || TRANSITIONS[from].includes(to);
}

@Injectable()
export class AssemblyService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assemblies: AssemblyRepository,
    private readonly pools: PoolRepository,
    private readonly draws: DrawRepository,
    private readonly access: AssemblyAccess,
    private readonly audit: AuditLogService,
  ) {}

  /** City organisers create assemblies and become their first organiser. */
  async create(principal: Principal, assembly: Omit<NewAssembly, 'createdBy'>): Promise<AssemblyEntity> {
    if (assembly.termEnd <= assembly.termStart) throw AssemblyException.termInvalid();
    return inTransaction(this.dataSource, async (manager) => {
      const created = await this.assemblies.insert({ ...assembly, name: assembly.name.trim(), createdBy: principal.accountId }, manager);
      await this.assemblies.insertMembership({ assemblyId: created.id, role: 'organiser', accountId: principal.accountId }, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'assembly.created', subjectType: 'assembly', subjectId: created.id, data: { name: created.name, seats: created.seats } },
        manager,
      );
      return created;
    });
  }

  async get(id: string): Promise<AssemblyEntity> {
    const assembly = await this.assemblies.findById(id);
    if (assembly === null) throw AssemblyException.assemblyNotFound();
    return assembly;
  }

  list(limit: number, before?: KeysetCursor, status?: AssemblyStatus): Promise<Array<{ assembly: AssemblyEntity; cursor: KeysetCursor }>> {
    return this.assemblies.list(limit, before, status);
  }

  async update(principal: Principal, id: string, changes: AssemblyChanges): Promise<AssemblyEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const assembly = await this.assemblies.lockById(id, manager);
      if (assembly === null) throw AssemblyException.assemblyNotFound();
      await this.access.requireOrganiser(principal, id, 'change it', manager);
      if (assembly.status === 'ended') throw AssemblyException.assemblyEnded();
      if (changes.status !== undefined && !canTransition(assembly.status, changes.status)) throw AssemblyException.statusTransition(assembly.status, changes.status);
      if (changes.seats !== undefined && changes.seats !== assembly.seats) {
        // Quotas were checked, and lotteries built, for this many seats.
        if ((await this.pools.existsForAssembly(id, manager)) || (await this.draws.findOpen(id, manager)) !== null) throw AssemblyException.seatsLocked();
      }
      if ((changes.termEnd ?? assembly.termEnd) <= (changes.termStart ?? assembly.termStart)) throw AssemblyException.termInvalid();
      const changed = Object.fromEntries(Object.entries(changes).filter(([key, value]) => value !== undefined && value !== assembly[key as keyof AssemblyChanges]));
      if (Object.keys(changed).length === 0) return assembly;
      const updated = await this.assemblies.update(id, changed, manager);
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'assembly.updated', subjectType: 'assembly', subjectId: id, data: changed }, manager);
      return updated;
    });
  }
}
