import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';

/** The `prevHash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** What one audit entry says; the hash covers all of it plus the previous entry's hash. */
export interface AuditContent {
  seq: number;
  occurredAt: string; // ISO 8601, milliseconds, UTC
  actor: string; // "account:<uuid>", "cli", "system"
  action: string; // e.g. "account.role.granted"
  subjectType: string | null;
  subjectId: string | null;
  data: Record<string, unknown>;
}

export interface ChainedAuditEntry extends AuditContent {
  prevHash: string;
  hash: string;
}

/**
 * hash = hex(SHA-256(UTF-8(canonicalJson({ ...content, prevHash })))).
 * Anyone holding the rows can recompute it; see README "Audit log".
 */
export function auditEntryHash(content: AuditContent, prevHash: string): string {
  const canonical = canonicalJson({
    seq: content.seq,
    occurredAt: content.occurredAt,
    actor: content.actor,
    action: content.action,
    subjectType: content.subjectType,
    subjectId: content.subjectId,
    data: content.data,
    prevHash,
  });
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreak =
  | { seq: number; reason: 'sequence-gap'; expectedSeq: number }
  | { seq: number; reason: 'previous-hash-mismatch'; expected: string; found: string }
  | { seq: number; reason: 'content-hash-mismatch'; expected: string; found: string };

/** Incremental verifier, so a long log can be streamed page by page. */
export class AuditChainVerifier {
  private lastHash = GENESIS_HASH;
  private nextSeq = 1;
  private verified = 0;

  /** Returns the first break found in this entry, or null when it extends the chain. */
  accept(entry: ChainedAuditEntry): ChainBreak | null {
    if (entry.seq !== this.nextSeq) return { seq: entry.seq, reason: 'sequence-gap', expectedSeq: this.nextSeq };
    if (entry.prevHash !== this.lastHash) {
      return { seq: entry.seq, reason: 'previous-hash-mismatch', expected: this.lastHash, found: entry.prevHash };
    }
    const expected = auditEntryHash(entry, entry.prevHash);
    if (expected !== entry.hash) return { seq: entry.seq, reason: 'content-hash-mismatch', expected, found: entry.hash };
    this.lastHash = entry.hash;
    this.nextSeq += 1;
    this.verified += 1;
    return null;
  }

  get count(): number {
    return this.verified;
  }

  /** Publish this value elsewhere: it fixes the whole history up to now. */
  get headHash(): string {
    return this.lastHash;
  }
}

export function describeChainBreak(broken: ChainBreak): string {
  switch (broken.reason) {
    case 'sequence-gap':
      return `entry #${broken.seq}: expected entry #${broken.expectedSeq} here (an entry is missing or out of order)`;
    case 'previous-hash-mismatch':
      return `entry #${broken.seq}: its previous-hash ${broken.found} does not match the hash of the entry before it (${broken.expected})`;
    case 'content-hash-mismatch':
      return `entry #${broken.seq}: its content does not match its hash (stored ${broken.found}, recomputed ${broken.expected}); the entry was altered`;
  }
}
