import { createHash } from 'node:crypto';
import { normaliseRankingJson, rankingToJson, type RankingJson } from './json.js';
import { rankOptions, TIE_BREAKS, type TieBreak } from './rank.js';
import { TallyError, type PaddingPolicy } from './tally.js';

export const BULLETIN_BOARD_FORMAT = 'pnyx-bulletin-board-v1';
export const SKIPPED_RULES = ['refuse', 'worst', 'median'] as const;
export type SkippedRule = (typeof SKIPPED_RULES)[number];

export interface BulletinBallot {
  /** SHA-256 (hex) of the voter's receipt in canonical form (upper case, no dashes). */
  receiptHash: string;
  /** Grade index per option, in option order; null = skipped. */
  grades: Array<number | null>;
}

export interface BulletinPoll {
  id: string;
  title: string;
  grades: string[];
  options: Array<{ id: string; label: string }>;
  skipped: SkippedRule;
  tieBreak: TieBreak;
}

/** What is published after close: every anonymous ballot, the digest of their canonical text, and the result. */
export interface BulletinBoard {
  format: typeof BULLETIN_BOARD_FORMAT;
  poll: BulletinPoll;
  ballots: BulletinBallot[];
  digest: string;
  result: RankingJson;
}

/**
 * The canonical text the digest covers: `{"format":…,"poll":{"id","title","grades","options":[{"id","label"}],
 * "skipped","tieBreak"},"ballots":[{"receiptHash","grades"}…]}` — keys in exactly this order, no
 * whitespace, ballots sorted by receipt hash (so the order says nothing about when anyone voted).
 */
export function canonicalBulletinBoard(poll: BulletinPoll, ballots: readonly BulletinBallot[]): string {
  const sorted = [...ballots].sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : a.receiptHash > b.receiptHash ? 1 : 0));
  return JSON.stringify({
    format: BULLETIN_BOARD_FORMAT,
    poll: {
      id: poll.id,
      title: poll.title,
      grades: poll.grades,
      options: poll.options.map((option) => ({ id: option.id, label: option.label })),
      skipped: poll.skipped,
      tieBreak: poll.tieBreak,
    },
    ballots: sorted.map((ballot) => ({ receiptHash: ballot.receiptHash, grades: ballot.grades })),
  });
}

/**
 * The canonical text in pieces, for computing the digest while streaming ballots in receipt-hash
 * order: `prefix + ballots.map(canonicalBallot).join(',') + suffix` equals `canonicalBulletinBoard`.
 */
export function canonicalBulletinBoardParts(poll: BulletinPoll): { prefix: string; suffix: string } {
  const empty = canonicalBulletinBoard(poll, []);
  const cut = empty.length - ']}'.length;
  return { prefix: empty.slice(0, cut), suffix: empty.slice(cut) };
}

export function canonicalBallot(ballot: BulletinBallot): string {
  return JSON.stringify({ receiptHash: ballot.receiptHash, grades: ballot.grades });
}

export function bulletinBoardDigest(poll: BulletinPoll, ballots: readonly BulletinBallot[]): string {
  return createHash('sha256').update(canonicalBulletinBoard(poll, ballots), 'utf8').digest('hex');
}

/** Per option (by id), voters per grade, worst first; skipped grades are not counted. */
export function tallyBallots(poll: BulletinPoll, ballots: readonly BulletinBallot[]): Map<string, bigint[]> {
  const counts = poll.options.map(() => Array<bigint>(poll.grades.length).fill(0n));
  for (const ballot of ballots) {
    if (ballot.grades.length !== poll.options.length) throw new TallyError('WRONG_GRADE_COUNT', `ballot ${ballot.receiptHash} grades ${ballot.grades.length} options, the poll has ${poll.options.length}`);
    ballot.grades.forEach((grade, position) => {
      if (grade === null) return;
      if (!Number.isInteger(grade) || grade < 0 || grade >= poll.grades.length) throw new TallyError('WRONG_GRADE_COUNT', `ballot ${ballot.receiptHash} has grade ${grade}`);
      counts[position][grade] += 1n;
    });
  }
  return new Map(poll.options.map((option, position) => [option.id, counts[position]]));
}

/** The padding a skipped-option rule implies: `refuse` polls have complete ballots and need none. */
export function paddingFor(skipped: SkippedRule): PaddingPolicy | undefined {
  return skipped === 'refuse' ? undefined : skipped;
}

/** Ranks from per-option tallies exactly as a poll's result is computed (shared by the API and the recount). */
export function resultFromTallies(poll: BulletinPoll, tallies: ReadonlyMap<string, readonly bigint[]>, voters: bigint): RankingJson {
  if (voters === 0n) {
    return { grades: poll.grades, tieBreak: poll.tieBreak, padding: paddingFor(poll.skipped) ?? null, voters: 0, ranking: [] };
  }
  return rankingToJson(rankOptions(poll.grades.length, tallies, { tieBreak: poll.tieBreak, padding: paddingFor(poll.skipped), voters }), poll.grades);
}

export interface RecountReport {
  ok: boolean;
  digest: { published: string; recomputed: string; ok: boolean };
  result: { ok: boolean; differences: string[]; recomputed: RankingJson };
}

/**
 * Recounts a published bulletin board: recomputes the digest of its ballots and the ranking from
 * them, and says where either differs from what was published.
 */
export function recountBulletinBoard(board: BulletinBoard): RecountReport {
  if (board.format !== BULLETIN_BOARD_FORMAT) throw new TallyError('NO_OPTIONS', `unknown bulletin board format ${String(board.format)}`);
  if (!TIE_BREAKS.includes(board.poll.tieBreak)) throw new TallyError('NO_OPTIONS', `unknown tie-break ${String(board.poll.tieBreak)}`);
  const recomputedDigest = bulletinBoardDigest(board.poll, board.ballots);
  const recomputed = resultFromTallies(board.poll, tallyBallots(board.poll, board.ballots), BigInt(board.ballots.length));
  const differences: string[] = [];
  const published = board.result === undefined || board.result === null ? undefined : normaliseRankingJson(board.result);
  if (JSON.stringify(published?.voters) !== JSON.stringify(recomputed.voters)) differences.push(`voters: published ${JSON.stringify(published?.voters)}, recounted ${JSON.stringify(recomputed.voters)}`);
  const publishedById = new Map((published?.ranking ?? []).map((entry) => [entry.option, entry]));
  for (const entry of recomputed.ranking) {
    const other = publishedById.get(entry.option);
    if (other === undefined) differences.push(`option ${entry.option}: missing from the published result`);
    else if (JSON.stringify(other) !== JSON.stringify(entry)) {
      differences.push(`option ${entry.option}: published rank ${other.rank}, grade ${other.majorityGradeLabel}, profile [${other.meritProfile.join(', ')}]; recounted rank ${entry.rank}, grade ${entry.majorityGradeLabel}, profile [${entry.meritProfile.join(', ')}]`);
    }
    publishedById.delete(entry.option);
  }
  for (const option of publishedById.keys()) differences.push(`option ${option}: published but not an option of the poll`);
  if (JSON.stringify(published?.ranking.map((e) => e.option)) !== JSON.stringify(recomputed.ranking.map((e) => e.option))) differences.push('the order of the ranking differs');
  const digestOk = recomputedDigest === board.digest;
  return {
    ok: digestOk && differences.length === 0,
    digest: { published: board.digest, recomputed: recomputedDigest, ok: digestOk },
    result: { ok: differences.length === 0, differences, recomputed },
  };
}

/** The bulletin board as CSV: receipt_hash, then one column per option (grade index; empty = skipped). */
export function bulletinBoardCsv(poll: BulletinPoll, ballots: readonly BulletinBallot[]): string {
  const field = (value: string): string => (/[",\r\n]/.test(value) || /^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  const sorted = [...ballots].sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : a.receiptHash > b.receiptHash ? 1 : 0));
  const lines = [['receipt_hash', ...poll.options.map((option) => option.label)].map(field).join(',')];
  for (const ballot of sorted) lines.push([ballot.receiptHash, ...ballot.grades.map((grade) => (grade === null ? '' : String(grade)))].join(','));
  return `${lines.join('\r\n')}\r\n`;
}
