import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { bulletinBoardDigest, canonicalBulletinBoardParts, tallyBallots, type BulletinPoll } from '@app/majority-judgment';
import { digestBallotLines, readGradeLines, tallyGradeLines } from './ballot-stream.js';

const poll: BulletinPoll = { id: 'p', title: 'T', grades: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], options: [{ id: 'x', label: 'X' }, { id: 'y', label: 'Y' }, { id: 'z', label: 'Z' }], skipped: 'worst', tieBreak: 'majority-value' };
const ballots = [
  { receiptHash: '0a'.repeat(32), grades: [9, 0, null] },
  { receiptHash: '1b'.repeat(32), grades: [null, 3, 3] },
  { receiptHash: 'ff'.repeat(32), grades: [2, 2, 2] },
];
const copyText = (withHash: boolean): string =>
  ballots.map((b) => `${withHash ? `${b.receiptHash}\t` : ''}{${b.grades.map((g) => (g === null ? 'NULL' : String(g))).join(',')}}\n`).join('');

/** The same text cut into chunks at every possible place. */
function chunked(text: string, size: number): Readable {
  const buffer = Buffer.from(text);
  const parts: Buffer[] = [];
  for (let i = 0; i < buffer.length; i += size) parts.push(buffer.subarray(i, i + size));
  return Readable.from(parts);
}

describe('ballot COPY streams', () => {
  it('tallies exactly like tallyBallots, whatever the chunking', async () => {
    const expected = [...tallyBallots(poll, ballots).values()].map((counts) => counts.map(Number));
    for (const size of [1, 2, 3, 7, 1000]) {
      const { counts, ballots: n } = await tallyGradeLines(chunked(copyText(false), size), 3, 10);
      expect(n).toBe(3);
      expect(counts).toEqual(expected);
    }
  });

  it('digests exactly like bulletinBoardDigest, whatever the chunking', async () => {
    const { prefix, suffix } = canonicalBulletinBoardParts(poll);
    for (const size of [1, 5, 64, 1000]) {
      const { digest, ballots: n } = await digestBallotLines(chunked(copyText(true), size), prefix, suffix);
      expect(n).toBe(3);
      expect(digest).toBe(bulletinBoardDigest(poll, ballots));
    }
  });

  it('reads each ballot’s grades, ungraded as null, whatever the chunking', async () => {
    for (const size of [1, 2, 3, 7, 1000]) expect(await readGradeLines(chunked(copyText(false), size), 3)).toEqual(ballots.map((b) => b.grades));
  });

  it('refuses a ballot with the wrong number of grades', async () => {
    await expect(tallyGradeLines(Readable.from([Buffer.from('{1,2}\n')]), 3, 10)).rejects.toThrow(/2 grades for 3 options/);
    await expect(readGradeLines(Readable.from([Buffer.from('{1,2}\n')]), 3)).rejects.toThrow(/2 grades for 3 options/);
  });
});
