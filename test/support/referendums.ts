import type TestAgent from 'supertest/lib/agent.js';
import type { LoggedIn } from './factories.js';

export interface ReferendumBody {
  id: string;
  status: string;
  opensAt: string;
  closesAt: string;
  votingDay: string;
  rollDigest: string | null;
  rollSize: number | null;
  questions: Array<{ id: string; position: number; kind: string; options: string[]; grades: string[] }>;
}

export interface Elector {
  externalId: string;
  familyName: string;
  givenNames: string;
  birthDate: string;
  district: string;
  pollingStation: string;
}

/** A roll CSV in the English layout. */
export function rollCsv(electors: readonly Elector[], header = 'external_id,family_name,given_names,birth_date,district,polling_station'): string {
  return [header, ...electors.map((e) => [e.externalId, e.familyName, e.givenNames, e.birthDate, e.district, e.pollingStation].join(','))].join('\n') + '\n';
}

/** `count` electors spread over districts and stations (station = district + letter), adults. */
export function electors(count: number, districts: readonly string[], prefix = 'E'): Elector[] {
  return Array.from({ length: count }, (_, i) => {
    const district = districts[i % districts.length];
    return {
      externalId: `${prefix}${String(i + 1).padStart(6, '0')}`,
      familyName: `Nom${i + 1}`,
      givenNames: `Prénom ${i + 1}`,
      birthDate: `19${String(50 + (i % 45)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`,
      district,
      pollingStation: `${district}-${i % 2 === 0 ? 'A' : 'B'}`,
    };
  });
}

export async function uploadRoll(http: TestAgent, organiser: LoggedIn, id: string, csv: string, query = ''): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await http.put(`/api/referendums/${id}/roll${query}`).set(organiser.auth).attach('roll', Buffer.from(csv, 'utf8'), 'roll.csv');
  return { status: response.status, body: response.body as Record<string, unknown> };
}

/** Generates the codes and returns them by elector id (from the one-time CSV). */
export async function generateCodes(http: TestAgent, organiser: LoggedIn, id: string): Promise<Map<string, string>> {
  const response = await http.post(`/api/referendums/${id}/codes`).set(organiser.auth).expect(200);
  const lines = response.text.trim().split(/\r?\n/).slice(1);
  return new Map(lines.filter((line) => line !== '').map((line) => {
    const cells = line.split(',');
    return [cells[0], cells[cells.length - 1]];
  }));
}
