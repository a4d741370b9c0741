import { join } from 'node:path';
import type { Response } from 'superagent';
import type TestAgent from 'supertest/lib/agent.js';
import { FIXTURES, type FixtureName } from '../../libs/sortition/src/testing/fixtures.js';
import type { LoggedIn } from './factories.js';

export interface DrawBody {
  id: string;
  status: string;
  kind: string;
  size: number;
  lotteryDigest?: string;
  instanceDigest: string;
  panel?: string[];
  result?: { minProbability: number; maxProbability: number; probabilities?: Record<string, number>; kOverN: number };
  error?: { code: string; message: string };
  progress?: { phase: string };
}

export async function createAssembly(http: TestAgent, organiser: LoggedIn, seats: number, name = 'Assemblée citoyenne'): Promise<{ id: string }> {
  const response = await http.post('/api/assemblies').set(organiser.auth).send({ name, seats, termStart: '2027-01-01', termEnd: '2027-12-31' }).expect(201);
  return response.body as { id: string };
}

export function fixtureFiles(name: FixtureName): { quotas: string; pool: string; householdColumns: string } {
  const dir = join(process.cwd(), 'test', 'fixtures', 'sortition', name);
  const spec = FIXTURES[name];
  return { quotas: join(dir, spec.quotas), pool: join(dir, spec.pool), householdColumns: spec.householdColumns.join(',') };
}

/** Uploads one of the sortition fixtures as a pool, with its household columns. */
export async function uploadFixture(http: TestAgent, organiser: LoggedIn, assemblyId: string, name: FixtureName): Promise<{ id: string; volunteerCount: number }> {
  const files = fixtureFiles(name);
  const request = http.post(`/api/assemblies/${assemblyId}/pools`).set(organiser.auth).attach('quotas', files.quotas).attach('pool', files.pool);
  if (files.householdColumns !== '') void request.field('householdColumns', files.householdColumns);
  const response = await request;
  if (response.status !== 201) throw new Error(`pool upload answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body as { id: string; volunteerCount: number };
}

/** Polls a draw until it reaches one of `statuses` (the job runs in a worker thread). */
export async function waitForDraw(http: TestAgent, drawId: string, statuses: string[], timeoutMs = 60_000): Promise<DrawBody> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const draw = (await http.get(`/api/draws/${drawId}`).expect(200)).body as DrawBody;
    if (statuses.includes(draw.status)) return draw;
    if (Date.now() > deadline) throw new Error(`draw ${drawId} still ${draw.status} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A supertest parser keeping a binary body (a PDF) as a Buffer. */
export function binary(res: Response, done: (error: Error | null, body: Buffer) => void): void {
  const response = res as unknown as NodeJS.ReadableStream; // superagent hands Node's response stream
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => done(null, Buffer.concat(chunks)));
  response.on('error', (error: Error) => done(error, Buffer.alloc(0)));
}
