import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createAssembly } from '../support/assemblies.js';
import { createAndLogin, seatMember, type LoggedIn } from '../support/factories.js';
import { deliberationUrl, RoomClient, type Ack } from '../support/sockets.js';
import { MemoryLogSink, startTestApp, type TestApp } from '../support/test-app.js';

/** A redis-server of this test's own, on a fixed port, that can be killed with SIGKILL and started again. */
class KillableRedis {
  private child: ChildProcess | undefined;
  constructor(readonly port: number) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const deadline = Date.now() + 10_000;
    while (!(await reachable(this.port))) {
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error('redis-server did not start (is the redis-server binary installed?)');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || !this.running) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

function reachable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

/**
 * Redis carries the live room's events between API instances (the socket.io adapter); the database
 * stays the record. Killed with SIGKILL while members act on instance A and a member follows on
 * instance B, then started again: no command fails, HTTP does not notice, B's member receives every
 * event exactly once and in order (read back from the database while Redis is gone), and the log
 * says so once rather than at every reconnection attempt.
 */
describe('a Redis outage under load, across two API instances', () => {
  let redis: KillableRedis;
  let a: TestApp;
  let b: TestApp;
  const logsA = new MemoryLogSink();
  const logsB = new MemoryLogSink();
  const clients: RoomClient[] = [];

  beforeAll(async () => {
    redis = new KillableRedis(await freePort());
    await redis.start();
    const env = { LOGIN_RATE_PER_MINUTE: '10000', ACCESS_TOKEN_TTL_SECONDS: '86400', REDIS_URL: redis.url, REDIS_KEY_PREFIX: `pnyx-outage-${randomBytes(4).toString('hex')}` };
    a = await startTestApp({ env, logSink: logsA });
    b = await startTestApp({ env, logSink: logsB, database: a.database });
  });
  afterAll(async () => {
    try {
      for (const client of clients) client.close();
      // Closing the apps' Redis clients is quick only with a Redis to say goodbye to.
      if (!redis.running) await redis.start();
      await b.close();
      await a.close();
    } finally {
      await redis.kill();
    }
  }, 30_000);

  it('loses no event and fails no command while Redis is killed and restarted', async () => {
    const organiser = await createAndLogin(a.app, a.http, ['organiser']);
    const facilitator = await createAndLogin(a.app, a.http, ['facilitator']);
    const assemblyId = (await createAssembly(a.http, organiser, 20)).id;
    await a.http.post(`/api/assemblies/${assemblyId}/memberships`).set(organiser.auth).send({ accountId: facilitator.account.id, role: 'facilitator' }).expect(201);
    const members: LoggedIn[] = [];
    for (let i = 0; i < 7; i += 1) {
      const member = await createAndLogin(a.app, a.http);
      await seatMember(a.app, assemblyId, member.account.id);
      members.push(member);
    }
    const sessionId = ((await a.http.post(`/api/assemblies/${assemblyId}/sessions`).set(facilitator.auth).send({ title: 'Plénière', scheduledAt: new Date().toISOString() }).expect(201)).body as { id: string }).id;

    const urlA = await deliberationUrl(a.app);
    const urlB = await deliberationUrl(b.app);
    const chair = await RoomClient.connect(urlA, facilitator.accessToken);
    const watcher = await RoomClient.connect(urlB, members[6].accessToken);
    const actors: RoomClient[] = [];
    for (const member of members.slice(0, 6)) actors.push(await RoomClient.connect(urlA, member.accessToken));
    clients.push(chair, watcher, ...actors);
    for (const client of [chair, watcher, ...actors]) await client.ok('session.join', { sessionId });
    await chair.ok('session.start', { sessionId });

    // Six members post 8 messages each on A over about 4 s (the room takes 10 per 10 s from each);
    // Redis dies after 1 s and comes back 2 s later.
    const acks: Ack[] = [];
    const load = Promise.all(
      actors.map(async (actor) => {
        for (let i = 0; i < 8; i += 1) {
          acks.push(await actor.emit('message.post', { sessionId, body: `Message ${i + 1}` }));
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await redis.kill();
    // HTTP does not depend on Redis: both instances stay ready and serve reads.
    await a.http.get('/api/health/ready').expect(200);
    await b.http.get(`/api/sessions/${sessionId}/room`).expect(200);
    await new Promise((resolve) => setTimeout(resolve, 2000));
    await redis.start();
    await load;
    const last = await chair.ok('session.pause', { sessionId });

    expect(acks.filter((ack) => !ack.ok)).toEqual([]);
    expect(acks).toHaveLength(48);
    // B's member has every event up to the last, once each, in order (within 5 s of the last command).
    await watcher.waitFor((event) => event.seq === last.seq, `seq ${String(last.seq)} on instance B`);
    const seqs = watcher.events.map((event) => event.seq);
    const first = seqs[0];
    expect(seqs).toEqual(Array.from({ length: (last.seq as number) - first + 1 }, (_, i) => first + i));
    expect(watcher.events.filter((event) => event.type === 'message.posted').length).toBe(48);

    // The log says when Redis was lost and when it came back (each instance reconnects on its own
    // schedule), once each, not at every reconnection attempt (it wrote a line each half second before).
    const redisLines = (logs: MemoryLogSink): string[] => logs.lines.filter((line) => line.includes('Redis connection'));
    const deadline = Date.now() + 10_000;
    while ([logsA, logsB].some((logs) => !redisLines(logs).some((line) => line.includes('restored'))) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    for (const logs of [logsA, logsB]) {
      expect(redisLines(logs)).toEqual([expect.stringContaining('Redis connection lost'), expect.stringMatching(/Redis connection restored.*"failedAttempts":\d+/)]);
    }

    // Reconnected, events cross through Redis again (its stream reader resumes a moment after the
    // client): within 10 s, three events in a row each reach B well within the database catch-up's
    // one-second period.
    let fastInARow = 0;
    const until = Date.now() + 10_000;
    for (let i = 0; fastInARow < 3 && Date.now() < until; i += 1) {
      const sent = Date.now();
      const { seq } = await chair.ok(i % 2 === 0 ? 'session.resume' : 'session.pause', { sessionId });
      await watcher.waitFor((event) => event.seq === seq, `event ${String(seq)} on instance B`);
      fastInARow = Date.now() - sent < 400 ? fastInARow + 1 : 0;
    }
    expect(fastInARow).toBe(3);
  }, 60_000);
});
