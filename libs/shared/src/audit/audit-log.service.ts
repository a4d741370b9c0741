import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';
import { AuditChainVerifier, auditEntryHash, GENESIS_HASH, type ChainBreak, type ChainedAuditEntry } from './audit-chain.js';
import { AuditEntryEntity } from './audit-entry.entity.js';

/** Serialises appends: the chain must be linear, so one writer at a time, in commit order. */
const AUDIT_APPEND_LOCK = 0x706e7978; // "pnyx"

export interface AuditRecord {
  actor: string;
  action: string;
  subjectType?: string;
  subjectId?: string;
  data?: Record<string, unknown>;
}

export interface AuditVerification {
  ok: boolean;
  count: number;
  headHash: string;
  broken?: ChainBreak;
}

export interface AuditSearch {
  /** An action, or a family: `draw` matches `draw.*`. */
  action?: string;
  /** `system`, an account id, or an account's email. */
  actor?: string;
  from?: string;
  to?: string;
  /** Entries with a seq below this. */
  before?: number;
  limit: number;
}

export type AuditListEntry = ChainedAuditEntry & { actorName?: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function actorOf(accountId: string | undefined): string {
  return accountId === undefined ? 'system' : `account:${accountId}`;
}

@Injectable()
export class AuditLogService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Appends an entry. Pass the caller's transaction so the entry commits (or rolls back) with the
   * action it records; the advisory lock is held until that commit, keeping the chain in commit order.
   */
  async record(record: AuditRecord, manager?: EntityManager): Promise<ChainedAuditEntry> {
    if (manager === undefined) return this.dataSource.transaction((tx) => this.record(record, tx));
    await manager.query('SELECT pg_advisory_xact_lock($1)', [AUDIT_APPEND_LOCK]);
    const repository = manager.getRepository(AuditEntryEntity);
    const [last] = await repository.find({ order: { seq: 'DESC' }, take: 1 });
    // Round-trip through JSON so what we hash is exactly what jsonb gives back.
    const data = JSON.parse(JSON.stringify(record.data ?? {})) as Record<string, unknown>;
    const content = {
      seq: (last?.seq ?? 0) + 1,
      occurredAt: new Date(this.clock.now().getTime()).toISOString(),
      actor: record.actor,
      action: record.action,
      subjectType: record.subjectType ?? null,
      subjectId: record.subjectId ?? null,
      data,
    };
    const prevHash = last?.hash ?? GENESIS_HASH;
    const hash = auditEntryHash(content, prevHash);
    await manager.query(
      `INSERT INTO audit_log (seq, occurred_at, actor, action, subject_type, subject_id, data, prev_hash, hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
      [content.seq, content.occurredAt, content.actor, content.action, content.subjectType, content.subjectId, JSON.stringify(data), prevHash, hash],
    );
    return { ...content, prevHash, hash };
  }

  /** Recomputes the whole chain, page by page; names the first broken entry. */
  async verify(pageSize = 1000): Promise<AuditVerification> {
    const verifier = new AuditChainVerifier();
    const repository = this.dataSource.getRepository(AuditEntryEntity);
    let afterSeq = 0;
    for (;;) {
      const page = await repository
        .createQueryBuilder('entry')
        .where('entry.seq > :afterSeq', { afterSeq })
        .orderBy('entry.seq', 'ASC')
        .take(pageSize)
        .getMany();
      for (const row of page) {
        const broken = verifier.accept(toChained(row));
        if (broken !== null) return { ok: false, count: verifier.count, headHash: verifier.headHash, broken };
      }
      if (page.length < pageSize) break;
      afterSeq = page[page.length - 1].seq;
    }
    return { ok: true, count: verifier.count, headHash: verifier.headHash };
  }

  /**
   * Entries newest first, filtered. Actors are named from the accounts table (the one place this
   * library reads it: an audit entry names accounts by id, people read names).
   */
  async search(filter: AuditSearch): Promise<AuditListEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (value: unknown): string => {
      params.push(value);
      return `$${params.length}`;
    };
    if (filter.action !== undefined) where.push(`(l.action = ${param(filter.action)} OR l.action LIKE ${param(`${filter.action.replace(/[\\%_]/g, '\\$&')}.%`)})`);
    if (filter.actor !== undefined) {
      const actor = filter.actor.trim();
      if (actor === 'system') where.push(`l.actor = 'system'`);
      else if (UUID.test(actor)) where.push(`l.actor = ${param(`account:${actor.toLowerCase()}`)}`);
      else where.push(`acc.email_normalized = ${param(actor.toLowerCase())}`);
    }
    if (filter.from !== undefined) where.push(`l.occurred_at >= ${param(filter.from)}::timestamptz`);
    if (filter.to !== undefined) where.push(`l.occurred_at < ${param(filter.to)}::timestamptz`);
    if (filter.before !== undefined) where.push(`l.seq < ${param(filter.before)}`);
    const rows: Array<{ seq: string; occurred_at: Date; actor: string; action: string; subject_type: string | null; subject_id: string | null; data: Record<string, unknown>; prev_hash: string; hash: string; actor_name: string | null }> =
      await this.dataSource.query(
        `SELECT l.*, acc.display_name AS actor_name
           FROM audit_log l LEFT JOIN accounts acc ON l.actor = 'account:' || acc.id::text
          ${where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`}
          ORDER BY l.seq DESC LIMIT ${param(filter.limit)}`,
        params,
      );
    return rows.map((row) => ({
      seq: Number(row.seq),
      occurredAt: row.occurred_at.toISOString(),
      actor: row.actor,
      action: row.action,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      data: row.data,
      prevHash: row.prev_hash,
      hash: row.hash,
      ...(row.actor_name === null ? {} : { actorName: row.actor_name }),
    }));
  }

  async list(afterSeq: number, limit: number): Promise<ChainedAuditEntry[]> {
    const rows = await this.dataSource
      .getRepository(AuditEntryEntity)
      .createQueryBuilder('entry')
      .where('entry.seq > :afterSeq', { afterSeq })
      .orderBy('entry.seq', 'ASC')
      .take(limit)
      .getMany();
    return rows.map(toChained);
  }
}

function toChained(row: AuditEntryEntity): ChainedAuditEntry {
  return {
    seq: row.seq,
    occurredAt: row.occurredAt.toISOString(),
    actor: row.actor,
    action: row.action,
    subjectType: row.subjectType,
    subjectId: row.subjectId,
    data: row.data,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}
