import { describe, expect, it } from '@jest/globals';
import { AuditChainVerifier, auditEntryHash, describeChainBreak, GENESIS_HASH, type AuditContent, type ChainedAuditEntry } from './audit-chain.js';

function chain(count: number): ChainedAuditEntry[] {
  const entries: ChainedAuditEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= count; seq += 1) {
    const content: AuditContent = {
      seq,
      occurredAt: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)).toISOString(),
      actor: 'system',
      action: 'test.step',
      subjectType: null,
      subjectId: null,
      data: { seq },
    };
    const hash = auditEntryHash(content, prevHash);
    entries.push({ ...content, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

function firstBreak(entries: ChainedAuditEntry[]) {
  const verifier = new AuditChainVerifier();
  for (const entry of entries) {
    const broken = verifier.accept(entry);
    if (broken !== null) return broken;
  }
  return null;
}

describe('audit chain', () => {
  it('has a known hash for a known entry (golden vector)', () => {
    const content: AuditContent = {
      seq: 1,
      occurredAt: '2026-01-01T00:00:00.000Z',
      actor: 'cli',
      action: 'account.admin-created',
      subjectType: 'account',
      subjectId: '00000000-0000-0000-0000-000000000001',
      data: { roles: ['admin', 'resident'] },
    };
    // sha256 of {"action":"account.admin-created","actor":"cli","data":{"roles":["admin","resident"]},
    // "occurredAt":"2026-01-01T00:00:00.000Z","prevHash":"000…0","seq":1,"subjectId":"…1","subjectType":"account"}
    expect(auditEntryHash(content, GENESIS_HASH)).toBe('fb7385750cd672ec3d8fd05ea1c91c49b0a2f6a7b04b18fa435e5eb686b16d58');
  });

  it('accepts an intact chain and reports its head', () => {
    const entries = chain(5);
    const verifier = new AuditChainVerifier();
    for (const entry of entries) expect(verifier.accept(entry)).toBeNull();
    expect(verifier.count).toBe(5);
    expect(verifier.headHash).toBe(entries[4].hash);
  });

  it('names an entry whose content was edited', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], data: { seq: 99 } };
    expect(firstBreak(entries)).toMatchObject({ seq: 3, reason: 'content-hash-mismatch' });
  });

  it('names the entry after one whose hash was recomputed to hide an edit', () => {
    const entries = chain(5);
    const edited = { ...entries[1], actor: 'someone-else' };
    entries[1] = { ...edited, hash: auditEntryHash(edited, edited.prevHash) };
    expect(firstBreak(entries)).toMatchObject({ seq: 3, reason: 'previous-hash-mismatch' });
  });

  it('names the gap left by a deleted entry, and entries out of order', () => {
    const entries = chain(5);
    expect(firstBreak([entries[0], entries[2]])).toMatchObject({ seq: 3, reason: 'sequence-gap', expectedSeq: 2 });
    expect(firstBreak([entries[1]])).toMatchObject({ seq: 2, reason: 'sequence-gap', expectedSeq: 1 });
  });

  it('describes a break in words that name the entry', () => {
    expect(describeChainBreak({ seq: 7, reason: 'content-hash-mismatch', expected: 'a', found: 'b' })).toMatch(/^entry #7: .*altered/);
  });
});
