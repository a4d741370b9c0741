// Which Redis the tests that need one (test/e2e/*.redis.e2e.ts: several API instances) talk to:
// REDIS_URL, else a Redis already listening on 127.0.0.1:6379, else a `redis-server` binary started
// on a free port for the run. A machine with none of these runs every other test and says plainly
// that the Redis ones were left out (.ci/run always provides Redis).
import { spawn, spawnSync } from 'node:child_process';
import { createConnection, createServer } from 'node:net';

function reachable(host, port, timeoutMs = 300) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** @returns {Promise<{ mode: 'url', url: string } | { mode: 'spawn' } | { mode: 'none' }>} */
export async function findRedis() {
  if (process.env.REDIS_URL) return { mode: 'url', url: process.env.REDIS_URL };
  if (await reachable('127.0.0.1', 6379)) return { mode: 'url', url: 'redis://127.0.0.1:6379' };
  const probe = spawnSync('redis-server', ['--version'], { stdio: 'ignore' });
  return probe.status === 0 ? { mode: 'spawn' } : { mode: 'none' };
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Starts a throw-away redis-server; returns its URL and a stop function. */
export async function startRedis() {
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const deadline = Date.now() + 10_000;
  while (!(await reachable('127.0.0.1', port))) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('redis-server did not start');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill('SIGTERM') };
}
