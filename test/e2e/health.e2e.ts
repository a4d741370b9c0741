import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { withAdminClient } from '../support/test-database.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('readiness when the database goes away', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('stays live but answers ready with 503 NOT_READY', async () => {
    await t.http.get('/api/health/ready').expect(200);
    await withAdminClient(process.env['PNYX_TEST_ADMIN_URL']!, (client) =>
      client.query(`DROP DATABASE ${client.escapeIdentifier(t.database.name)} WITH (FORCE)`),
    );
    const ready = await t.http.get('/api/health/ready').expect(503);
    expect(ready.body).toEqual({ statusCode: 503, code: 'NOT_READY', message: 'The database is not reachable' });
    await t.http.get('/api/health').expect(200);
  });
});
