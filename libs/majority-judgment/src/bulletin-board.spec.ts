import { describe, expect, it } from '@jest/globals';
import { bulletinBoardCsv, bulletinBoardDigest, canonicalBallot, canonicalBulletinBoard, canonicalBulletinBoardParts, recountBulletinBoard, resultFromTallies, tallyBallots, type BulletinBallot, type BulletinBoard, type BulletinPoll } from './bulletin-board.js';

const poll: BulletinPoll = {
  id: 'p1',
  title: 'Budget, "participatif"',
  grades: ['À rejeter', 'Passable', 'Bien'],
  options: [
    { id: 'a', label: 'Arbres, fleurs' },
    { id: 'b', label: 'Bancs' },
  ],
  skipped: 'worst',
  tieBreak: 'majority-value',
};
const ballots: BulletinBallot[] = [
  { receiptHash: 'c'.repeat(64), grades: [2, 1] },
  { receiptHash: 'a'.repeat(64), grades: [1, null] },
  { receiptHash: 'b'.repeat(64), grades: [2, 2] },
];

function board(): BulletinBoard {
  return {
    format: 'pnyx-bulletin-board-v1',
    poll,
    ballots,
    digest: bulletinBoardDigest(poll, ballots),
    result: resultFromTallies(poll, tallyBallots(poll, ballots), 3n),
  };
}

describe('bulletin board', () => {
  it('has a digest that ignores the order ballots are listed in and changes with any ballot', () => {
    expect(bulletinBoardDigest(poll, [...ballots].reverse())).toBe(bulletinBoardDigest(poll, ballots));
    const changed = ballots.map((b, i) => (i === 2 ? { ...b, grades: [2, 1] } : b));
    expect(bulletinBoardDigest(poll, changed)).not.toBe(bulletinBoardDigest(poll, ballots));
  });

  it('can be streamed: prefix, canonical ballots in receipt-hash order, suffix', () => {
    const { prefix, suffix } = canonicalBulletinBoardParts(poll);
    const sorted = [...ballots].sort((a, b) => (a.receiptHash < b.receiptHash ? -1 : 1));
    expect(prefix + sorted.map(canonicalBallot).join(',') + suffix).toBe(canonicalBulletinBoard(poll, ballots));
  });

  it('counts a skipped option by the poll rule: here the worst grade', () => {
    const result = resultFromTallies(poll, tallyBallots(poll, ballots), 3n);
    const bancs = result.ranking.find((entry) => entry.option === 'b')!;
    expect(bancs.meritProfile).toEqual([1, 1, 1]);
    expect(bancs.padded).toBe(1);
    expect(result.padding).toBe('worst');
  });

  it('recounts a faithful board, and names what differs in a doctored one', () => {
    expect(recountBulletinBoard(board()).ok).toBe(true);
    const doctored = board();
    doctored.result.ranking[0].meritProfile = [0, 0, 3];
    const report = recountBulletinBoard(doctored);
    expect(report.ok).toBe(false);
    expect(report.digest.ok).toBe(true);
    expect(report.result.differences[0]).toMatch(/^option a: published rank 1/);
    const swapped = board();
    swapped.ballots = swapped.ballots.map((b) => ({ ...b, grades: [b.grades[1], b.grades[0]] }));
    expect(recountBulletinBoard(swapped).digest.ok).toBe(false);
  });

  it('writes CSV sorted by receipt hash, quoting labels, blank for skipped', () => {
    expect(bulletinBoardCsv(poll, ballots)).toBe(
      `receipt_hash,"Arbres, fleurs",Bancs\r\n${'a'.repeat(64)},1,\r\n${'b'.repeat(64)},2,2\r\n${'c'.repeat(64)},2,1\r\n`,
    );
  });
});
