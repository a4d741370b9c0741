import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ALL_ENTITIES } from '../../apps/cli/src/entities.js';
import { MemoryLogSink, startTestApp, type TestApp } from '../support/test-app.js';

describe('HTTP conventions', () => {
  let t: TestApp;
  const logs = new MemoryLogSink();

  beforeAll(async () => {
    t = await startTestApp({ env: { BODY_LIMIT_BYTES: '4096', CORS_ORIGINS: 'https://pnyx.example.org' }, logSink: logs });
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers exactly the entities the TypeORM CLI knows (ormconfig.ts)', () => {
    const loaded = t.app.get<DataSource>(getDataSourceToken()).entityMetadatas.map((m) => m.name);
    expect(loaded.sort((a, b) => a.localeCompare(b))).toEqual(ALL_ENTITIES.map((e) => e.name).sort((a, b) => a.localeCompare(b)));
  });

  it('answers liveness and readiness without authentication', async () => {
    await t.http.get('/api/health').expect(200, { status: 'ok' });
    await t.http.get('/api/health/ready').expect(200, { status: 'ok', database: 'ok' });
  });

  it('serves OpenAPI 3 at /api/docs-json and the UI at /api/docs', async () => {
    const json = await t.http.get('/api/docs-json').expect(200);
    const document = json.body as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/health/ready']));
    const ui = await t.http.get('/api/docs').expect(200);
    expect(ui.text).toContain('swagger');
  });

  it('requires authentication on every route not marked public', async () => {
    const response = await t.http.get('/api/auth/me').expect(401);
    expect(response.body).toEqual({ statusCode: 401, code: 'UNAUTHENTICATED', message: expect.any(String) });
    await t.http.get('/api/accounts?email=x').expect(401);
  });

  it('has exactly the public routes it means to have: every other documented route answers 401 without a token', async () => {
    const PUBLIC = new Set([
      'GET /api/health',
      'GET /api/health/ready',
      'POST /api/auth/register',
      'POST /api/auth/login',
      'POST /api/auth/refresh',
      'GET /api/auth/methods',
      'GET /api/privacy/retention',
      'POST /api/auth/oidc/{provider}/start',
      'GET /api/auth/oidc/{provider}/callback',
      'GET /api/assemblies',
      'GET /api/assemblies/{id}',
      'GET /api/assemblies/{id}/memberships',
      'GET /api/assemblies/{id}/pools',
      'GET /api/assemblies/{id}/draws',
      'GET /api/pools/{id}',
      'GET /api/pools/{id}/quotas',
      'GET /api/pools/{id}/volunteers',
      'GET /api/draws/{id}',
      'GET /api/draws/{id}/bundle',
      'GET /api/polls',
      'GET /api/polls/{id}',
      'GET /api/polls/{id}/turnout',
      'GET /api/polls/{id}/results',
      'GET /api/polls/{id}/bulletin-board',
      'POST /api/polls/{id}/receipts/verify',
      'GET /api/assemblies/{id}/proposals',
      'GET /api/assemblies/{id}/proposals/export',
      'GET /api/proposals/{id}',
      'GET /api/proposals/{id}/amendments',
      'GET /api/proposals/{id}/versions',
      'GET /api/proposals/{id}/diff',
      'GET /api/assemblies/{id}/sessions',
      'GET /api/sessions',
      'GET /api/sessions/{id}/agenda',
      'GET /api/assemblies/{id}/agenda-settings',
      'GET /api/sessions/{id}/room',
      'GET /api/sessions/{id}/events',
      'GET /api/sessions/{id}/messages',
      'GET /api/sessions/{id}/votes',
      'GET /api/sessions/{id}/minutes',
      'GET /api/sessions/{id}/facilitators',
      'GET /api/referendums',
      'GET /api/referendums/{id}',
      'POST /api/referendums/{id}/ballots',
      'GET /api/referendums/{id}/turnout',
      'GET /api/referendums/{id}/results',
      'GET /api/referendums/{id}/ballot-boxes',
      'GET /api/budget/editions',
      'GET /api/budget/editions/{id}',
      'GET /api/budget/editions/{id}/envelopes',
      'GET /api/budget/editions/{id}/ideas',
      'GET /api/budget/ideas/{id}',
      'GET /api/budget/editions/{id}/projects',
      'GET /api/budget/projects/{id}',
      'GET /api/budget/editions/{id}/ballot',
      'GET /api/budget/editions/{id}/results',
      'GET /api/budget/editions/{id}/follow-up',
      'GET /api/budget/editions/{id}/follow-up/export',
      'GET /api/assemblies/{id}/invitation-draws',
      'GET /api/assemblies/{id}/indemnity-rules',
      'GET /api/assemblies/{id}/decisions',
      'GET /api/assemblies/{id}/decisions.atom',
      'GET /api/decisions/{id}',
      'GET /api/sessions/{id}/breakouts',
      'GET /api/invitation-draws/{id}',
      'POST /api/respond/lookup',
      'POST /api/respond',
    ]);
    const document = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const operations = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`));
    expect(operations.length).toBeGreaterThan(PUBLIC.size);
    for (const operation of operations) {
      const [method, path] = operation.split(' ');
      const url = path.replace(/\{[^}]+\}/g, '00000000-0000-4000-8000-000000000000');
      const answer = await t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url).send({});
      if (PUBLIC.has(operation)) expect([operation, answer.status]).not.toEqual([operation, 401]);
      else expect([operation, answer.status]).toEqual([operation, 401]);
    }
  });

  it('answers an unknown route with 404 ROUTE_NOT_FOUND in the error shape', async () => {
    const response = await t.http.get('/api/no/such/route').expect(404);
    expect(response.body).toEqual({ statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'No route matches /api/no/such/route' });
  });

  it('refuses unknown fields and wrong types with 400 VALIDATION_FAILED naming the fields', async () => {
    const unknown = await t.http
      .post('/api/auth/register')
      .send({ email: 'x@example.org', password: 'a long enough password', displayName: 'X', isAdmin: true })
      .expect(400);
    expect(unknown.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((unknown.body as { details: Array<{ field: string }> }).details).toEqual([{ field: 'isAdmin', problems: ['property isAdmin should not exist'] }]);

    const wrongTypes = await t.http.post('/api/auth/register').send({ email: 42, password: ['x'], displayName: null }).expect(400);
    const fields = (wrongTypes.body as { details: Array<{ field: string }> }).details.map((d) => d.field).sort((a, b) => a.localeCompare(b));
    expect(fields).toEqual(['displayName', 'email', 'password']);
  });

  it('refuses a body that is not an object', async () => {
    const response = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('"just a string"').expect(400);
    expect(response.body).toMatchObject({ code: 'MALFORMED_JSON' });
  });

  it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
    const response = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ').expect(400);
    expect(response.body).toEqual({ statusCode: 400, code: 'MALFORMED_JSON', message: 'The request body is not valid JSON' });
  });

  it('answers an oversize body with 413 PAYLOAD_TOO_LARGE and stores nothing', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .send({ email: 'big@example.org', password: 'a long enough password', displayName: 'x'.repeat(8000) })
      .expect(413);
    expect(response.body).toEqual({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' });
    await t.http.post('/api/auth/login').send({ email: 'big@example.org', password: 'a long enough password' }).expect(401);
  });

  it('never sends a stack trace', async () => {
    const responses = await Promise.all([
      t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{'),
      t.http.get('/api/accounts/not-a-uuid'),
      t.http.post('/api/auth/refresh').send({ refreshToken: 'nope' }),
    ]);
    for (const response of responses) {
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      expect(JSON.stringify(response.body)).not.toMatch(/at .*\.(ts|js):\d+/);
    }
  });

  it('returns a correlation id, reusing a well-formed X-Request-Id', async () => {
    const generated = await t.http.get('/api/health').expect(200);
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const reused = await t.http.get('/api/health').set('X-Request-Id', 'proxy-request-12345').expect(200);
    expect(reused.headers['x-request-id']).toBe('proxy-request-12345');
    const refused = await t.http.get('/api/health').set('X-Request-Id', 'bad id with spaces').expect(200);
    expect(refused.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sends security headers and CORS only for configured origins', async () => {
    const allowed = await t.http.get('/api/health').set('Origin', 'https://pnyx.example.org').expect(200);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://pnyx.example.org');
    expect(allowed.headers['x-content-type-options']).toBe('nosniff');
    expect(allowed.headers['x-powered-by']).toBeUndefined();
    const other = await t.http.get('/api/health').set('Origin', 'https://evil.example.com').expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('writes structured JSON request logs with no query string and no body', async () => {
    await t.http.post('/api/auth/login?token=secret-in-query').send({ email: 'who@example.org', password: 'hunter2-but-longer' });
    const lines = logs.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const entry = lines.filter((line) => line['msg'] === 'request' && line['path'] === '/api/auth/login').at(-1);
    expect(entry).toMatchObject({ level: 'info', method: 'POST', status: 401, correlationId: expect.any(String) });
    expect(logs.lines.join('\n')).not.toContain('secret-in-query');
    expect(logs.lines.join('\n')).not.toContain('hunter2-but-longer');
  });
});
