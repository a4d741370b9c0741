import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { actorOf, AuditLogService, toCsvText, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import {
  anonymisedPoolCsv,
  CsvError,
  householdLabeller,
  ID_COLUMNS,
  instanceDigest,
  publishedInstance,
  quotasCsv,
  quotaTable,
  readCsvTable,
  readInstance,
  type QuotaRow,
  type SortitionInstance,
} from '@app/sortition';
import { AssemblyAccess } from './assembly-access.js';
import { AssemblyException } from './assembly.exception.js';
import { AssemblyRepository } from './assembly.repository.js';
import type { PoolVolunteerEntity } from './entities/pool-volunteer.entity.js';
import type { PoolEntity } from './entities/pool.entity.js';
import { PoolRepository, type NewVolunteer } from './pool.repository.js';
import { QuotaChecker } from './quota-checker.js';

export interface UploadedCsv {
  originalname: string;
  buffer: Buffer;
}

export type VolunteerSelection = 'all' | 'selected' | 'remaining';

export interface VolunteerView {
  volunteer: PoolVolunteerEntity;
  personalVisible: boolean;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function decodeUtf8(file: UploadedCsv): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    throw AssemblyException.poolCsvInvalid(`${file.originalname}: the file is not UTF-8 text (export it as "CSV UTF-8")`, { file: file.originalname });
  }
}

/** Pools of volunteers: upload (validated, checked, frozen), pseudonymous listing, personal-data export. */
@Injectable()
export class PoolService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assemblies: AssemblyRepository,
    private readonly pools: PoolRepository,
    private readonly access: AssemblyAccess,
    private readonly checker: QuotaChecker,
    private readonly audit: AuditLogService,
  ) {}

  /**
   * Reads the quotas and the pool in either layout (libs/sortition), refuses them with the file, row
   * and column of the first problem, checks that a panel of the assembly's size exists (else 422
   * with the smallest relaxation), and freezes the pool with the SHA-256 of each file.
   */
  async upload(
    principal: Principal,
    assemblyId: string,
    files: { quotas?: UploadedCsv; pool?: UploadedCsv },
    householdColumns: string[],
    /** Checked with the assembly locked, before the pool is stored (a pool made from respondents: are they still the same?). */
    stillValid?: (manager: EntityManager) => Promise<void>,
  ): Promise<PoolEntity> {
    const assembly = await this.assemblies.findById(assemblyId);
    if (assembly === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, 'upload pools');
    if (assembly.status === 'ended') throw AssemblyException.assemblyEnded();
    if (files.quotas === undefined) throw AssemblyException.poolFileMissing('quotas');
    if (files.pool === undefined) throw AssemblyException.poolFileMissing('pool');
    const quotasText = decodeUtf8(files.quotas);
    const poolText = decodeUtf8(files.pool);
    let instance: SortitionInstance & { layout: 'panelot' | 'sortition-foundation' };
    let poolTable: ReturnType<typeof readCsvTable>;
    try {
      instance = readInstance({
        quotas: { name: files.quotas.originalname, text: quotasText },
        pool: { name: files.pool.originalname, text: poolText },
        size: assembly.seats,
        householdColumns,
      });
      poolTable = readCsvTable(poolText, files.pool.originalname);
    } catch (error) {
      if (error instanceof CsvError) throw AssemblyException.poolCsvInvalid(error.message, { file: error.file, row: error.row, ...(error.column === undefined ? {} : { column: error.column }) });
      throw error;
    }
    if (instance.people.length === 0) throw AssemblyException.poolCsvInvalid(`${files.pool.originalname}: no volunteers (a header but no rows)`, { file: files.pool.originalname });
    await this.checker.requireFeasible(instance);

    const volunteers = this.volunteersOf(instance, poolTable);
    return inTransaction(this.dataSource, async (manager) => {
      const locked = await this.assemblies.lockById(assemblyId, manager);
      if (locked === null) throw AssemblyException.assemblyNotFound();
      // Seats could have changed while the quotas were checked.
      if (locked.seats !== assembly.seats) throw AssemblyException.seatsLocked();
      await stillValid?.(manager);
      const pool = await this.pools.insert(
        {
          assemblyId,
          layout: instance.layout,
          quotasFileName: files.quotas!.originalname,
          poolFileName: files.pool!.originalname,
          quotasSha256: sha256(files.quotas!.buffer),
          poolSha256: sha256(files.pool!.buffer),
          householdColumns,
          volunteerCount: instance.people.length,
          quotasCsv: quotasCsv(instance),
          poolCsv: anonymisedPoolCsv(instance),
          uploadedBy: principal.accountId,
        },
        volunteers,
        manager,
      );
      await this.audit.record(
        {
          actor: actorOf(principal.accountId),
          action: 'pool.uploaded',
          subjectType: 'assembly',
          subjectId: assemblyId,
          data: { poolId: pool.id, volunteers: pool.volunteerCount, quotasSha256: pool.quotasSha256, poolSha256: pool.poolSha256, instanceDigest: instanceDigest(instance) },
        },
        manager,
      );
      return pool;
    });
  }

  /** Features as spelled in the quotas, opaque household labels, and every other column as personal data. */
  private volunteersOf(instance: SortitionInstance, table: ReturnType<typeof readCsvTable>): NewVolunteer[] {
    const householdOf = householdLabeller(instance);
    const lower = (name: string): string => name.toLowerCase();
    const quotaColumns = new Set(instance.categories.map((category) => lower(category.name)));
    const idColumns = new Set<string>(ID_COLUMNS);
    const personalColumns = table.header.map((name, index) => ({ name, index })).filter(({ name }) => !quotaColumns.has(lower(name)) && !idColumns.has(lower(name)));
    const cellsByRow = new Map(table.rows.map((row) => [row.rowNumber, row.cells]));
    return instance.people.map((person) => {
      const cells = cellsByRow.get(person.row) ?? [];
      return {
        personId: person.id,
        rowNumber: person.row,
        features: Object.fromEntries(instance.categories.map((category, c) => [category.name, category.values[person.features[c]].value])),
        household: householdOf(person),
        personal: Object.fromEntries(personalColumns.map(({ name, index }) => [name, cells[index] ?? ''])),
      };
    });
  }

  async get(poolId: string): Promise<PoolEntity> {
    const pool = await this.pools.findById(poolId);
    if (pool === null) throw AssemblyException.poolNotFound();
    return pool;
  }

  /** The quota table before any draw: each value's bounds and how many volunteers have it (public, like the pool's features). */
  async quotaTable(poolId: string): Promise<QuotaRow[]> {
    const pool = await this.get(poolId);
    const instance = publishedInstance({ quotasCsv: pool.quotasCsv, poolCsv: pool.poolCsv, size: 1, householdRule: pool.householdColumns.length > 0 });
    return quotaTable(instance);
  }

  async list(assemblyId: string): Promise<PoolEntity[]> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    return this.pools.listByAssembly(assemblyId);
  }

  /** Everyone sees pseudonymous ids and features; the assembly's organisers also see personal data. */
  async volunteers(principal: Principal | undefined, poolId: string, afterRow: number, limit: number): Promise<VolunteerView[]> {
    const pool = await this.get(poolId);
    const personalVisible = await this.access.isOrganiser(principal, pool.assemblyId);
    return (await this.pools.volunteersPage(poolId, afterRow, limit)).map((volunteer) => ({ volunteer, personalVisible }));
  }

  /**
   * CSV of the pool with each volunteer's standing in the assembly (selected = drawn, staying or
   * not; remaining = never drawn), personal data included: organisers only, and audited.
   */
  async exportCsv(principal: Principal, poolId: string, selection: VolunteerSelection): Promise<{ fileName: string; csv: string }> {
    const pool = await this.get(poolId);
    await this.access.requireOrganiser(principal, pool.assemblyId, 'export volunteers');
    const volunteers = await this.pools.allVolunteers(poolId);
    const memberships = (await this.assemblies.listMemberships(pool.assemblyId, true)).filter((m) => m.poolId === poolId);
    const byPerson = new Map(memberships.map((m) => [m.personId!, m]));
    const categories = Object.keys(volunteers[0]?.features ?? {});
    const personal = Object.keys(volunteers[0]?.personal ?? {});
    const rows = [['person_id', 'status', 'role', 'membership_ended', 'end_reason', ...categories, ...(pool.householdColumns.length > 0 ? ['household'] : []), ...personal]];
    for (const volunteer of volunteers) {
      const membership = byPerson.get(volunteer.personId);
      const status = membership === undefined ? 'remaining' : 'selected';
      if (selection !== 'all' && selection !== status) continue;
      rows.push([
        volunteer.personId,
        status,
        membership?.role ?? '',
        membership?.endKind ?? '',
        membership?.endReason ?? '',
        ...categories.map((category) => volunteer.features[category] ?? ''),
        ...(pool.householdColumns.length > 0 ? [volunteer.household ?? ''] : []),
        ...personal.map((column) => volunteer.personal[column] ?? ''),
      ]);
    }
    await this.audit.record({
      actor: actorOf(principal.accountId),
      action: 'pool.exported',
      subjectType: 'assembly',
      subjectId: pool.assemblyId,
      data: { poolId, selection, rows: rows.length - 1 },
    });
    return { fileName: `pool-${poolId}-${selection}.csv`, csv: toCsvText(rows) };
  }
}
