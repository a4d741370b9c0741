import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { DataSource, type EntityManager } from 'typeorm';
import { createDataSourceOptions, inTransaction, isUniqueViolation, sqlStateOf } from '@app/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('inTransaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = new DataSource(createDataSourceOptions({ url: database.url, poolSize: 10 }));
    await dataSource.initialize();
    await dataSource.query(`CREATE TABLE counter (id int PRIMARY KEY, value int NOT NULL)`);
  });
  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  /** Read, then write what was read plus one: a lost update unless serialised. */
  const increment = async (manager: EntityManager): Promise<void> => {
    const [row] = await manager.query<Array<{ value: number }>>(`SELECT value FROM counter WHERE id = 1`);
    await new Promise((resolve) => setTimeout(resolve, 20)); // widen the race window
    await manager.query(`UPDATE counter SET value = $1 WHERE id = 1`, [row.value + 1]);
  };

  it('loses updates to serialization failures without retries (the control)', async () => {
    await dataSource.query(`INSERT INTO counter VALUES (1, 0) ON CONFLICT (id) DO UPDATE SET value = 0`);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => inTransaction(dataSource, increment, { isolation: 'SERIALIZABLE', retries: 0 })),
    );
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    expect(sqlStateOf(failures[0].reason)).toBe('40001');
  });

  it('retries serialization failures until every update counts', async () => {
    await dataSource.query(`UPDATE counter SET value = 0 WHERE id = 1`);
    await Promise.all(Array.from({ length: 5 }, () => inTransaction(dataSource, increment, { isolation: 'SERIALIZABLE', retries: 10 })));
    const [row] = await dataSource.query<Array<{ value: number }>>(`SELECT value FROM counter WHERE id = 1`);
    expect(row.value).toBe(5);
  });

  it('recognises a unique violation and its constraint', async () => {
    const error = await dataSource.query(`INSERT INTO counter VALUES (1, 0)`).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(isUniqueViolation(error, 'counter_pkey')).toBe(true);
    expect(isUniqueViolation(error, 'other')).toBe(false);
    expect(isUniqueViolation(new Error('x'))).toBe(false);
  });
});
