import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe("the web app's generated API types", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('match the OpenAPI document the API serves (run `npm run web:api-types` after changing a DTO)', async () => {
    const { renderApiTypes, SCHEMA_FILE } = await import('../../apps/web/scripts/api-types.mjs');
    const served = (await t.http.get('/api/docs-json').expect(200)).body as unknown;
    const expected = await renderApiTypes(served);
    const committed = readFileSync(SCHEMA_FILE, 'utf8');
    if (committed !== expected) {
      const a = committed.split('\n');
      const b = expected.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(`apps/web/src/app/api/schema.d.ts is stale from line ${line + 1} (committed "${a[line]}", the API documents "${b[line]}"): run \`npm run web:api-types\``);
    }
    expect(committed).toBe(expected);
  });
});
