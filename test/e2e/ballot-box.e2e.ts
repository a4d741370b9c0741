import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PollService } from '@app/voting';
import { inTransaction } from '@app/persistence';
import { BallotBoxRepository } from '../../libs/voting/src/ballot-box.repository.js';
import { createAccount } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The ballot box's COPY readers against PostgreSQL: the tally by page ranges on parallel
 * connections and the tally through the poll's index give the same counts, and the grades read back
 * are the grades stored (NULL for an ungraded option), for a poll holding most of the table and for
 * one holding a sliver of it.
 */
describe('ballot box readers on PostgreSQL', () => {
  let t: TestApp;
  let box: BallotBoxRepository;
  let polls: PollService;
  let dataSource: DataSource;

  // A database of its own: the two polls below are all its ballots.
  beforeAll(async () => {
    t = await startTestApp();
    box = t.app.get(BallotBoxRepository);
    polls = t.app.get(PollService);
    dataSource = t.app.get<DataSource>(getDataSourceToken());
  });
  afterAll(async () => {
    await t.close();
  });

  const pollWith = async (ballots: number): Promise<string> => {
    const organiser = await createAccount(t.app, { roles: ['organiser'] });
    const { poll } = await polls.create(
      { accountId: organiser.id, sessionId: 'test', roles: ['organiser'] },
      { title: `Urne de ${ballots}`, audience: 'residents', options: [{ label: 'A' }, { label: 'B' }, { label: 'C' }], grades: ['0', '1', '2', '3'], skipped: 'worst' },
    );
    // Grades chosen from the ballot's number so they can be checked; every fifth leaves C ungraded.
    await dataSource.query(
      `INSERT INTO ballots (poll_id, receipt_hash, grades)
       SELECT $1::uuid, encode(sha256(convert_to($1::text || ':' || i, 'UTF8')), 'hex'),
              ARRAY[(i % 4)::smallint, ((i / 4) % 4)::smallint, CASE WHEN i % 5 = 0 THEN NULL ELSE ((i * 7) % 4)::smallint END]
         FROM generate_series(1, $2::int) AS i`,
      [poll.id, ballots],
    );
    await dataSource.query(`INSERT INTO participations (poll_id, voter_key) SELECT $1::uuid, 'test:' || i FROM generate_series(1, $2::int) AS i`, [poll.id, ballots]);
    return poll.id;
  };

  const expected = (ballots: number): { grades: Array<Array<number | null>>; counts: bigint[][] } => {
    const grades = Array.from({ length: ballots }, (_, index) => {
      const i = index + 1;
      return [i % 4, Math.floor(i / 4) % 4, i % 5 === 0 ? null : (i * 7) % 4];
    });
    const counts = [0, 1, 2].map((option) => [0, 1, 2, 3].map((grade) => BigInt(grades.filter((ballot) => ballot[option] === grade).length)));
    return { grades, counts };
  };

  it('tallies the same by page ranges and through the index, for a large poll and a small one', async () => {
    const large = await pollWith(20_000);
    const small = await pollWith(300);
    for (const [pollId, size] of [
      [large, 20_000],
      [small, 300],
    ] as const) {
      for (const strategy of ['auto', 'pages', 'index'] as const) {
        const tally = await inTransaction(dataSource, (manager) => box.tallyByCopy(pollId, 3, 4, manager, 3, strategy));
        expect({ size, strategy, ballots: tally.ballots, counts: tally.counts }).toEqual({ size, strategy, ballots: size, counts: expected(size).counts });
      }
    }
  });

  it('reads back every ballot’s grades, ungraded as null', async () => {
    const pollId = await pollWith(1_000);
    const read = await box.grades(pollId, 3);
    const sort = (rows: Array<Array<number | null>>): string[] => rows.map((row) => JSON.stringify(row)).sort();
    expect(sort(read)).toEqual(sort(expected(1_000).grades));
  });
});
