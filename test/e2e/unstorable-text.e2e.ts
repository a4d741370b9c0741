import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { createAssembly } from '../support/assemblies.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Text PostgreSQL cannot store: a NUL character, and half of a surrogate pair (a cut emoji). */
const UNSTORABLE = ['Cam\u0000ille', 'Camille \uD83D'];

interface Schema {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}
interface Operation {
  parameters?: Array<{ name: string; in: 'path' | 'query'; schema?: Schema }>;
  requestBody?: { content: Record<string, { schema: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/**
 * A body shaped as the schema says, every string set to `text`, plus one more field holding it: so
 * every request carries unstorable text and none can reach a handler (nothing is changed).
 */
function sample(schema: Schema, document: OpenApi, text: string, depth = 0): unknown {
  if (schema.$ref !== undefined) return sample(document.components.schemas[schema.$ref.split('/').pop()!], document, text, depth);
  if (schema.allOf !== undefined) return Object.assign({}, ...schema.allOf.map((part) => sample(part, document, text, depth)) as object[]);
  if (schema.type === 'string' || schema.type === undefined) return depth > 4 ? text : schema.properties === undefined ? text : sample({ ...schema, type: 'object' }, document, text, depth);
  if (schema.type === 'integer' || schema.type === 'number') return 1;
  if (schema.type === 'boolean') return true;
  if (schema.type === 'array') return [sample(schema.items ?? { type: 'string' }, document, text, depth + 1)];
  return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, sample(property, document, text, depth + 1)]));
}

describe('text PostgreSQL cannot store, refused in one place', () => {
  let t: TestApp;
  let everyone: LoggedIn;
  let document: OpenApi;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '100000' } });
    // Every global role, so the guards let each request through to the validation.
    everyone = await createAndLogin(t.app, t.http, ['admin', 'organiser', 'facilitator']);
    document = (await t.http.get('/api/docs-json').expect(200)).body as OpenApi;
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a display name with a NUL character at registration with 400 naming the field (it gave 500)', async () => {
    const response = await t.http.post('/api/auth/register').send({ email: 'nul@example.org', password: 'a long enough password', displayName: 'Cam\u0000ille' }).expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', details: [{ field: 'displayName', problems: [expect.stringMatching(/NUL character/)] }] });
    const surrogate = await t.http.post('/api/auth/register').send({ email: 'half@example.org', password: 'a long enough password', displayName: 'Camille \uD83D' }).expect(400);
    expect(surrogate.body).toMatchObject({ details: [{ field: 'displayName', problems: [expect.stringMatching(/lone UTF-16 surrogate/)] }] });
  });

  it('answers 400 naming the field on every route that takes text: JSON bodies, queries and paths', async () => {
    const refused: string[] = [];
    let bodies = 0;
    let queries = 0;
    for (const [path, methods] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(methods)) {
        const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const json = operation.requestBody?.content['application/json']?.schema;
        const pathParams = (operation.parameters ?? []).filter((p) => p.in === 'path');
        const queryParams = (operation.parameters ?? []).filter((p) => p.in === 'query' && (p.schema?.type ?? 'string') === 'string');
        const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
        for (const text of UNSTORABLE) {
          if (json !== undefined) {
            bodies += 1;
            const body = { ...(sample(json, document, text) as object), unstorableProbe: text };
            const answer = await t.http[verb](url).set(everyone.auth).send(body);
            expect([`${method} ${path}`, answer.status, (answer.body as { code?: string }).code]).toEqual([`${method} ${path}`, 400, 'VALIDATION_FAILED']);
            refused.push(`${method} ${path}`);
          }
          // A URL carries bytes: half a character cannot be in one (it decodes as U+FFFD), a NUL can (%00).
          const inUrl = text.includes('\u0000');
          if (queryParams.length > 0 && inUrl) {
            queries += 1;
            const query = Object.fromEntries(queryParams.map((p) => [p.name, text]));
            const answer = await t.http[verb](url).query(query).set(everyone.auth).send(json === undefined ? undefined : {});
            expect([`${method} ${path} ?query`, answer.status]).toEqual([`${method} ${path} ?query`, 400]);
            expect((answer.body as { details?: Array<{ field: string }> }).details?.[0]?.field).toEqual(expect.any(String));
          }
          if (pathParams.length > 0 && method === 'get' && inUrl) {
            const bad = path.replace(/\{[^}]+\}/g, encodeURIComponent(text));
            const answer = await t.http.get(bad).set(everyone.auth);
            expect([`${method} ${path} /path`, answer.status < 500]).toEqual([`${method} ${path} /path`, true]);
          }
        }
      }
    }
    expect(bodies).toBeGreaterThan(100);
    expect(queries).toBeGreaterThan(10);
    expect(refused).toEqual(expect.arrayContaining(['post /api/auth/register', 'post /api/referendums', 'post /api/assemblies/{id}/proposals']));
  }, 120_000);

  it('refuses such text in uploaded CSV files, naming the row and column', async () => {
    const assembly = await createAssembly(t.http, everyone, 2);
    const quotas = 'feature,value,min,max\ngender,woman,1,1\ngender,man,1,1\n';
    const pool = 'id,gender,first_name\n1,woman,Anne\n2,man,Lu\u0000c\n3,woman,Eve\n';
    const response = await t.http
      .post(`/api/assemblies/${assembly.id}/pools`)
      .set(everyone.auth)
      .attach('quotas', Buffer.from(quotas), 'quotas.csv')
      .attach('pool', Buffer.from(pool), 'pool.csv')
      .expect(400);
    expect(response.body).toMatchObject({ code: 'POOL_CSV_INVALID', message: expect.stringMatching(/pool\.csv, row 3, column 3: contains a NUL character/), details: { row: 3, column: 3 } });
  });
});
