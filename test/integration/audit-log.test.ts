import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuditLogService } from '@app/shared';
import { startTestContext, type TestContext } from '../support/test-context.js';

describe('audit log on PostgreSQL', () => {
  let t: TestContext;
  let audit: AuditLogService;

  beforeAll(async () => {
    t = await startTestContext();
    audit = t.context.get(AuditLogService);
  });
  afterAll(async () => {
    await t.close();
  });

  it('chains entries and verifies them', async () => {
    const first = await audit.record({ actor: 'system', action: 'test.first', data: { b: 1, a: [1, 'two', null], nested: { z: true, y: 0.1 } } });
    const second = await audit.record({ actor: 'account:x', action: 'test.second', subjectType: 'thing', subjectId: '42' });
    expect(first.seq).toBe(1);
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    await expect(audit.verify()).resolves.toEqual({ ok: true, count: 2, headHash: second.hash });
  });

  it('keeps one linear chain under 30 concurrent appends', async () => {
    await Promise.all(Array.from({ length: 30 }, (_, i) => audit.record({ actor: 'system', action: 'test.concurrent', data: { i } })));
    const result = await audit.verify(7); // small pages exercise the paging
    expect(result.ok).toBe(true);
    expect(result.count).toBe(32);
  });

  it('rolls the entry back with the transaction that wrote it', async () => {
    const before = await audit.verify();
    await expect(
      t.dataSource.transaction(async (manager) => {
        await audit.record({ actor: 'system', action: 'test.rolled-back' }, manager);
        throw new Error('the action failed');
      }),
    ).rejects.toThrow('the action failed');
    const after = await audit.verify();
    expect(after).toEqual(before);
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET action = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('names the first altered entry when a superuser bypasses the trigger', async () => {
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`UPDATE audit_log SET data = '{"i": 999}' WHERE seq = 5`);
    });
    const result = await audit.verify();
    expect(result.ok).toBe(false);
    expect(result.broken).toMatchObject({ seq: 5, reason: 'content-hash-mismatch' });
    expect(result.count).toBe(4);
  });
});

describe('audit log: a deleted entry', () => {
  let t: TestContext;
  beforeAll(async () => {
    t = await startTestContext();
  });
  afterAll(async () => {
    await t.close();
  });

  it('is detected as a gap at the entry after it', async () => {
    const audit = t.context.get(AuditLogService);
    for (let i = 0; i < 4; i += 1) await audit.record({ actor: 'system', action: 'test.entry', data: { i } });
    await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL session_replication_role = replica`);
      await manager.query(`DELETE FROM audit_log WHERE seq = 2`);
    });
    await expect(audit.verify()).resolves.toMatchObject({ ok: false, broken: { seq: 3, reason: 'sequence-gap', expectedSeq: 2 } });
  });
});
