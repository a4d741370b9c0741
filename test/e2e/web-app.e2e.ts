import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'node:http';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import { createAndLogin, type LoggedIn } from '../support/factories.js';
import { createAssembly } from '../support/assemblies.js';
import { electors, generateCodes, rollCsv, uploadRoll } from '../support/referendums.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const INDEX = '<!doctype html><html lang="fr"><head><script type="module" src="/assets/index-3f9a1c.js"></script></head><body><div id="root"></div></body></html>';

interface PollBody {
  id: string;
  options: Array<{ id: string }>;
}

describe('the web app served by the API', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'pnyx-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), INDEX);
    writeFileSync(join(webDir, 'assets', 'index-3f9a1c.js'), 'console.log("pnyx")');
    writeFileSync(join(webDir, 'assets', 'index-3f9a1c.js.br'), brotliCompressSync('console.log("pnyx")'));
    writeFileSync(join(webDir, 'assets', 'index-3f9a1c.js.gz'), gzipSync('console.log("pnyx")'));
    writeFileSync(join(webDir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await startTestApp({ env: { PNYX_WEB_DIR: webDir } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('serves index.html at / and at any page path (history fallback), revalidated each time', async () => {
    for (const path of ['/', '/polls/5c2d0f4e-3b1a-4c5d-8e9f-0a1b2c3d4e5f', '/fr/petitions?q=vélo', '/en']) {
      const page = await t.http.get(path).set('Accept', 'text/html').expect(200);
      expect(page.text).toBe(INDEX);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year as immutable, and answers 404 for a missing one instead of the page', async () => {
    const asset = await t.http.get('/assets/index-3f9a1c.js').set('Accept-Encoding', 'identity').expect(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['content-encoding']).toBeUndefined();
    expect(asset.text).toBe('console.log("pnyx")');
    // The copies compressed at build time, to browsers that take them.
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ]) {
      const compressed = await t.http.get('/assets/index-3f9a1c.js').set('Accept-Encoding', accept).expect(200);
      expect(compressed.headers).toMatchObject({ 'content-encoding': encoding, vary: 'Accept-Encoding', 'cache-control': 'public, max-age=31536000, immutable' });
      expect(compressed.headers['content-type']).toMatch(/javascript/);
      expect(compressed.text).toBe('console.log("pnyx")'); // supertest decodes
    }
    const missing = await t.http.get('/assets/index-000000.js').set('Accept', 'text/html').expect(404);
    expect(missing.text).not.toContain('<html');
    const icon = await t.http.get('/favicon.svg').expect(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves /api and /socket.io alone: unknown API routes keep the JSON error shape', async () => {
    const unknown = await t.http.get('/api/no-such-route').set('Accept', 'text/html').expect(404);
    expect(unknown.body).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const socketPath = await t.http.get('/socket.io/?EIO=4&transport=polling').set('Accept', 'text/html');
    expect(socketPath.text).not.toBe(INDEX);
    // Not a page request: a POST or a JSON client gets no HTML.
    await t.http.post('/somewhere').send({}).expect(404);
  });

  it('sends a Content-Security-Policy allowing only our own origin on pages and API answers', async () => {
    const page = await t.http.get('/').set('Accept', 'text/html').expect(200);
    const csp = page.headers['content-security-policy'];
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toMatch(/https?:\/\//);
    const api = await t.http.get('/api/health').expect(200);
    expect(api.headers['content-security-policy']).toBe(csp);
    // Swagger UI keeps the inline allowances its own bundle needs.
    const docs = await t.http.get('/api/docs/').expect(200);
    expect(docs.headers['content-security-policy']).toContain("'unsafe-inline'");
  });
});

describe('without a built web app', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PNYX_WEB_DIR: join(tmpdir(), 'pnyx-no-such-build') } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('says how to build it, and the API still answers', async () => {
    const page = await t.http.get('/').set('Accept', 'text/html').expect(503);
    expect(page.text).toContain('npm run build');
    await t.http.get('/api/health').expect(200);
  });
});

describe('API for the residents’ pages', () => {
  let t: TestApp;
  let organiser: LoggedIn;
  let liveUrl: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '10000' } });
    organiser = await createAndLogin(t.app, t.http, ['organiser']);
    const server = t.app.getHttpServer() as Server;
    await t.app.listen(0, '127.0.0.1');
    liveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/live`;
  });
  afterAll(async () => {
    await t.close();
  });

  async function openResidentPoll(): Promise<PollBody> {
    const created = await t.http
      .post('/api/polls')
      .set(organiser.auth)
      .send({ title: 'Trottinettes', audience: 'residents', options: [{ label: 'Oui' }, { label: 'Non' }] })
      .expect(201);
    const poll = created.body as PollBody;
    await t.http.post(`/api/polls/${poll.id}/open`).set(organiser.auth).expect(200);
    return poll;
  }

  it('tells a person whether they may vote and whether they have, before they fill in a ballot', async () => {
    const poll = await openResidentPoll();
    const resident = await createAndLogin(t.app, t.http);
    expect((await t.http.get(`/api/polls/${poll.id}/participation`).set(resident.auth).expect(200)).body).toEqual({ eligible: true, voted: false });
    await t.http
      .post(`/api/polls/${poll.id}/ballots`)
      .set(resident.auth)
      .send({ grades: { [poll.options[0].id]: 3, [poll.options[1].id]: 1 } })
      .expect(201);
    expect((await t.http.get(`/api/polls/${poll.id}/participation`).set(resident.auth).expect(200)).body).toEqual({ eligible: true, voted: true });

    const assembly = await createAssembly(t.http, organiser, 10);
    const memberPoll = await t.http
      .post('/api/polls')
      .set(organiser.auth)
      .send({ title: 'Ordre du jour', audience: 'assembly', assemblyId: assembly.id, options: [{ label: 'A' }, { label: 'B' }] })
      .expect(201);
    const refused = (await t.http.get(`/api/polls/${(memberPoll.body as PollBody).id}/participation`).set(resident.auth).expect(200)).body as Record<string, unknown>;
    expect(refused).toMatchObject({ eligible: false, voted: false });
    expect(refused.reason).toEqual(expect.stringContaining('members'));

    await t.http.get(`/api/polls/${poll.id}/participation`).expect(401);
    await t.http.get('/api/polls/5c2d0f4e-3b1a-4c5d-8e9f-0a1b2c3d4e5f/participation').set(resident.auth).expect(404);
  });

  it('lists polls by audience, so residents never see referendum ballot boxes as polls', async () => {
    const poll = await openResidentPoll();
    const open = (await t.http.get('/api/polls?status=open&audience=residents').expect(200)).body as Array<{ id: string; audience: string }>;
    expect(open.map((p) => p.id)).toContain(poll.id);
    expect(open.every((p) => p.audience === 'residents')).toBe(true);
    expect((await t.http.get('/api/polls?audience=everyone').expect(400)).body).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lists the public sessions to come across assemblies, soonest first, without members-only ones', async () => {
    const assembly = await createAssembly(t.http, organiser, 10);
    const at = (hours: number): string => new Date(Date.now() + hours * 3600_000).toISOString();
    const later = await t.http.post(`/api/assemblies/${assembly.id}/sessions`).set(organiser.auth).send({ title: 'Plénière 2', scheduledAt: at(48) }).expect(201);
    const sooner = await t.http.post(`/api/assemblies/${assembly.id}/sessions`).set(organiser.auth).send({ title: 'Plénière 1', scheduledAt: at(24) }).expect(201);
    const closed = await t.http.post(`/api/assemblies/${assembly.id}/sessions`).set(organiser.auth).send({ title: 'Huis clos', scheduledAt: at(30), visibility: 'members' }).expect(201);
    const past = await t.http.post(`/api/assemblies/${assembly.id}/sessions`).set(organiser.auth).send({ title: 'Ancienne', scheduledAt: at(-72) }).expect(201);
    const ids = ((await t.http.get('/api/sessions?limit=50').expect(200)).body as Array<{ id: string }>).map((s) => s.id);
    const id = (response: { body: unknown }): string => (response.body as { id: string }).id;
    expect(ids.indexOf(id(sooner))).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(id(sooner))).toBeLessThan(ids.indexOf(id(later)));
    expect(ids).not.toContain(id(closed));
    expect(ids).not.toContain(id(past));
    await t.http.get('/api/sessions?limit=0').expect(400);
  });

  describe('/live namespace', () => {
    const sockets: Socket[] = [];
    afterAll(() => {
      for (const socket of sockets) socket.disconnect();
    });

    async function connect(): Promise<Socket> {
      const socket = io(liveUrl, { transports: ['websocket'], reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('connect_error', reject);
      });
      return socket;
    }

    function next<T>(socket: Socket, event: string, predicate: (payload: T) => boolean = () => true): Promise<T> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ${event} within 10 s`)), 10_000);
        const listener = (payload: T): void => {
          if (!predicate(payload)) return;
          clearTimeout(timer);
          socket.off(event, listener);
          resolve(payload);
        };
        socket.on(event, listener);
      });
    }

    it('pushes poll turnout to anyone watching, ending on the exact figure after a burst', async () => {
      const poll = await openResidentPoll();
      const socket = await connect(); // no token: public figures
      expect(await socket.emitWithAck('watch', { topics: [`poll:${poll.id}`] })).toEqual({ ok: true, topics: [`poll:${poll.id}`] });
      const voters = await Promise.all(Array.from({ length: 5 }, () => createAndLogin(t.app, t.http)));
      const five = next<{ participants: number }>(socket, 'poll.turnout', (payload) => payload.participants === 5);
      for (const voter of voters) {
        await t.http
          .post(`/api/polls/${poll.id}/ballots`)
          .set(voter.auth)
          .send({ grades: { [poll.options[0].id]: 1, [poll.options[1].id]: 2 } })
          .expect(201);
      }
      // Five ballots within a second: the first is pushed at once, the last by the trailing tick.
      expect(await five).toMatchObject({ pollId: poll.id, participants: 5, status: 'open' });
      const closed = next<{ status: string }>(socket, 'poll.status');
      await t.http.post(`/api/polls/${poll.id}/close`).set(organiser.auth).expect(200);
      expect(await closed).toEqual({ pollId: poll.id, status: 'closed' });
    });

    it('pushes a petition’s support count as it changes', async () => {
      const assembly = await createAssembly(t.http, organiser, 10);
      await t.http.put(`/api/assemblies/${assembly.id}/agenda-settings`).set(organiser.auth).send({ petitionThreshold: 100, petitionDays: 30 }).expect(200);
      const author = await createAndLogin(t.app, t.http);
      const draft = await t.http.post(`/api/assemblies/${assembly.id}/proposals`).set(author.auth).send({ kind: 'petition', title: 'Des fontaines', body: 'Plus de fontaines.' }).expect(201);
      const proposalId = (draft.body as { id: string }).id;
      await t.http.post(`/api/proposals/${proposalId}/transitions/submit`).set(author.auth).send({}).expect(200);
      const socket = await connect();
      await socket.emitWithAck('watch', { topics: [`proposal:${proposalId}`] });
      const supporter = await createAndLogin(t.app, t.http);
      const one = next<{ supportCount: number }>(socket, 'proposal.supports', (payload) => payload.supportCount === 1);
      await t.http.put(`/api/proposals/${proposalId}/support`).set(supporter.auth).expect(200);
      expect(await one).toEqual({ proposalId, supportCount: 1, state: 'collecting' });
      const zero = next<{ supportCount: number }>(socket, 'proposal.supports', (payload) => payload.supportCount === 0);
      await t.http.delete(`/api/proposals/${proposalId}/support`).set(supporter.auth).expect(200);
      expect(await zero).toEqual({ proposalId, supportCount: 0, state: 'collecting' });
    });

    it('pushes a referendum’s turnout, by district, as electors vote', async () => {
      // The window is given in Paris wall-clock time: from an hour ago to tomorrow.
      const paris = (offsetHours: number): string =>
        new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
          .format(new Date(Date.now() + offsetHours * 3600_000))
          .replace(' ', 'T');
      const created = await t.http
        .post('/api/referendums')
        .set(organiser.auth)
        .send({ title: 'Votation', opensAt: paris(-1), closesAt: paris(24), questions: [{ kind: 'yes-no', text: 'Oui ou non ?' }] })
        .expect(201);
      const referendumId = (created.body as { id: string }).id;
      const roll = electors(3, ['11e']);
      expect((await uploadRoll(t.http, organiser, referendumId, rollCsv(roll))).status).toBe(200);
      const codes = await generateCodes(t.http, organiser, referendumId);
      await t.http.post(`/api/referendums/${referendumId}/open`).set(organiser.auth).expect(200);
      const socket = await connect();
      await socket.emitWithAck('watch', { topics: [`referendum:${referendumId}`] });
      const two = next<{ turnout: { voters: number } }>(socket, 'referendum.turnout', (payload) => payload.turnout.voters === 2);
      for (const elector of roll.slice(0, 2)) {
        await t.http.post(`/api/referendums/${referendumId}/ballots`).send({ code: codes.get(elector.externalId), birthDate: elector.birthDate, answers: [{ choice: 0 }] }).expect(201);
      }
      expect(await two).toMatchObject({ referendumId, turnout: { status: 'open', electors: 3, voters: 2, online: 2, paper: 0, districts: [{ district: '11e', voters: 2 }] } });
      const closed = next<{ status: string }>(socket, 'referendum.status');
      await t.http.post(`/api/referendums/${referendumId}/close`).set(organiser.auth).expect(200);
      expect(await closed).toEqual({ referendumId, status: 'closed' });
    });

    it('refuses malformed topics and more topics than a connection may follow', async () => {
      const socket = await connect();
      for (const body of [null, {}, { topics: 'poll:x' }, { topics: [] }, { topics: ['poll:not-a-uuid'] }, { topics: ['session:5c2d0f4e-3b1a-4c5d-8e9f-0a1b2c3d4e5f'] }]) {
        expect(await socket.emitWithAck('watch', body)).toMatchObject({ ok: false, code: 'VALIDATION_FAILED' });
      }
      const uuid = (i: number): string => `5c2d0f4e-3b1a-4c5d-8e9f-${i.toString(16).padStart(12, '0')}`;
      expect(await socket.emitWithAck('watch', { topics: Array.from({ length: 100 }, (_, i) => `poll:${uuid(i)}`) })).toMatchObject({ ok: true });
      expect(await socket.emitWithAck('watch', { topics: [`poll:${uuid(100)}`] })).toMatchObject({ ok: false, code: 'TOO_MANY_TOPICS' });
      expect(await socket.emitWithAck('unwatch', { topics: [`poll:${uuid(0)}`] })).toMatchObject({ ok: true });
      expect(await socket.emitWithAck('watch', { topics: [`poll:${uuid(100)}`] })).toMatchObject({ ok: true });
    });
  });
});
