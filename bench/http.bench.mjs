// npm run bench:http — authenticated requests over HTTP against the running API.
// Each GET /api/auth/me verifies the JWT and checks the session and roles in PostgreSQL, so this
// measures the fixed cost every authenticated route pays. Uses DATABASE_URL when set (CI: the system
// PostgreSQL), else an embedded PostgreSQL in a temporary directory.
import autocannon from 'autocannon';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiCpuSeconds, benchCommand, benchDatabase, machine, recordResult, startApi } from './support.mjs';

const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const duration = Number(process.env.BENCH_SECONDS ?? 15);

const dataDir = await mkdtemp(join(tmpdir(), 'pnyx-bench-'));
// On the system PostgreSQL, a database of its own (not DATABASE_URL's, which would keep its accounts).
const database = process.env.DATABASE_URL ? await benchDatabase() : null;
const api = await startApi({
  PNYX_DATA_DIR: join(dataDir, 'data'),
  ...(database === null ? {} : { DATABASE_URL: database.url }),
  DATABASE_POOL_SIZE: '20',
  LOGIN_RATE_PER_MINUTE: '1000',
});
try {
  const email = `bench-${Date.now()}@example.org`;
  const password = 'benchmark password 1234';
  const json = { 'content-type': 'application/json' };
  await fetch(`${api.base}/api/auth/register`, { method: 'POST', headers: json, body: JSON.stringify({ email, password, displayName: 'Bench' }) });
  const login = await (await fetch(`${api.base}/api/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ email, password }) })).json();

  const cpuBefore = await apiCpuSeconds(api);
  const result = await autocannon({
    url: `${api.base}/api/auth/me`,
    connections,
    duration,
    headers: { authorization: `Bearer ${login.accessToken}` },
  });
  const cpuSeconds = (await apiCpuSeconds(api)) - cpuBefore;
  const ok = result['2xx'];
  const summary = {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    total: ok,
    cpuMsPerRequest: Number(((cpuSeconds * 1000) / Math.max(1, ok)).toFixed(3)),
  };
  console.log(JSON.stringify(summary));
  await recordResult(
    'bench:http — authenticated GET /api/auth/me',
    ['date', 'machine', 'command', 'database', 'connections × s', 'req/s', 'p50 ms', 'p99 ms', 'non-2xx', 'API CPU ms per request'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      benchCommand('bench:http', ['SESSION_CACHE_SECONDS', 'BENCH_LOG_LEVEL']),
      process.env.DATABASE_URL ? 'system PostgreSQL' : 'embedded PostgreSQL 18',
      `${connections} × ${duration}`,
      summary.requestsPerSecond,
      summary.p50,
      summary.p99,
      summary.non2xx + summary.errors,
      summary.cpuMsPerRequest,
    ],
  );
} finally {
  await api.stop();
  await database?.drop();
}
