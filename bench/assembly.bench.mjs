// npm run bench:assembly — running an assembly for a year, through the API on a fresh database
// (system PostgreSQL): 100 seated members, 48 sittings (four a month, one of them a full day),
// about nine in ten members at each (one in five from home, some late or leaving early), a few
// corrections. Timed: the year's indemnity statement as JSON, as the payment service's CSV and as the
// PDF (median of BENCH_RUNS, 5 by default); targets 500 ms, 500 ms and 3 s.
import { benchDatabase, machine, organiserHeaders, recordResult, startApi, benchCommand } from './support.mjs';

const memberCount = Number(process.env.BENCH_MEMBERS ?? 100);
const runs = Number(process.env.BENCH_RUNS ?? 5);
let seed = 19;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;

const database = await benchDatabase();
const api = await startApi({ DATABASE_URL: database.url, LOGIN_RATE_PER_MINUTE: '100000' });
try {
  const db = await database.client();
  const organiser = await organiserHeaders(api, db);
  const assembly = await (await fetch(`${api.base}/api/assemblies`, { method: 'POST', headers: organiser, body: JSON.stringify({ name: 'Assemblée citoyenne de Paris', seats: memberCount, termStart: '2026-01-01', termEnd: '2026-12-31' }) })).json();
  const [{ id: organiserId }] = (await db.query(`SELECT id FROM accounts WHERE email_normalized = 'organiser@bench.example'`)).rows;
  const memberships = (
    await db.query(
      `WITH a AS (INSERT INTO accounts (email, email_normalized, password_hash, display_name)
                  SELECT 'm' || i || '@bench.example', 'm' || i || '@bench.example', 'x', 'Membre ' || i FROM generate_series(1, $2) i RETURNING id)
       INSERT INTO memberships (assembly_id, role, account_id, started_at) SELECT $1, 'member', id, '2025-12-01' FROM a RETURNING id`,
      [assembly.id, memberCount],
    )
  ).rows.map((row) => row.id);
  const sessions = [];
  for (let month = 0; month < 12; month += 1) {
    for (let week = 0; week < 4; week += 1) {
      const fullDay = week === 3;
      const start = new Date(Date.UTC(2026, month, 3 + week * 7, fullDay ? 8 : 13));
      const end = new Date(start.getTime() + (fullDay ? 7 : 3) * 3600_000);
      const { rows } = await db.query(
        `INSERT INTO sessions (assembly_id, title, scheduled_at, ends_at, half_days, remote_attendance, status, created_by) VALUES ($1, $2, $3, $4, $5, true, 'ended', $6) RETURNING id`,
        [assembly.id, `Séance ${month + 1}.${week + 1}`, start, end, fullDay ? 2 : 1, organiserId],
      );
      sessions.push({ id: rows[0].id, start, end });
    }
  }
  const records = [];
  for (const session of sessions) {
    for (const membershipId of memberships) {
      if (random() < 0.1) continue;
      const remote = random() < 0.2;
      const length = session.end - session.start;
      const arrived = new Date(session.start.getTime() - 10 * 60_000 + (random() < 0.15 ? random() * length * 0.4 : 0));
      const left = random() < 0.1 ? new Date(session.end.getTime() - random() * length * 0.5) : new Date(session.end.getTime() + 5 * 60_000);
      records.push([session.id, membershipId, remote ? 'remote' : 'room', remote ? 'live' : 'list', arrived, left, remote ? null : organiserId]);
    }
  }
  for (let i = 0; i < records.length; i += 1000) {
    const chunk = records.slice(i, i + 1000);
    const values = chunk.map((_, j) => `($${j * 7 + 1}, $${j * 7 + 2}, $${j * 7 + 3}, $${j * 7 + 4}, $${j * 7 + 5}, $${j * 7 + 6}, $${j * 7 + 7})`).join(', ');
    await db.query(`INSERT INTO attendance_records (session_id, membership_id, mode, method, arrived_at, left_at, recorded_by) VALUES ${values}`, chunk.flat());
  }
  for (let i = 0; i < 40; i += 1) {
    await db.query(`INSERT INTO attendance_corrections (session_id, membership_id, minutes, reason, corrected_by) VALUES ($1, $2, 180, 'Feuille d''émargement', $3) ON CONFLICT DO NOTHING`, [sessions[i % sessions.length].id, memberships[(i * 7) % memberships.length], organiserId]);
  }
  await fetch(`${api.base}/api/assemblies/${assembly.id}/indemnity-rules`, { method: 'PUT', headers: organiser, body: JSON.stringify({ centsPerHalfDay: 4400, minimumMinutes: 120, monthlyCapCents: 26400 }) });

  const time = async (format) => {
    const times = [];
    let bytes = 0;
    for (let run = 0; run < runs; run += 1) {
      const started = performance.now();
      const response = await fetch(`${api.base}/api/assemblies/${assembly.id}/indemnities?from=2026-01&to=2026-12&format=${format}&lang=fr`, { headers: organiser });
      if (!response.ok) throw new Error(`${format}: ${response.status} ${await response.text()}`);
      bytes = (await response.arrayBuffer()).byteLength;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    return { p50: Math.round(times[Math.floor(times.length / 2)]), bytes };
  };
  const json = await time('json');
  const csv = await time('csv');
  const pdf = await time('pdf');
  const summary = { members: memberCount, sittings: sessions.length, records: records.length, json, csv, pdf };
  console.log(JSON.stringify(summary));
  await recordResult(
    'bench:assembly — a year of attendance: the indemnity statement',
    ['date', 'machine', 'command', 'members × sittings (records)', 'JSON ms p50 (target ≤ 500)', 'CSV ms p50 (target ≤ 500)', 'PDF ms p50 (target ≤ 3000)', 'PDF size'],
    [new Date().toISOString().slice(0, 10), machine(), benchCommand('bench:assembly', ['BENCH_MEMBERS', 'BENCH_RUNS']), `${memberCount} × ${sessions.length} (${records.length})`, json.p50, csv.p50, pdf.p50, `${Math.round(pdf.bytes / 1024)} KiB`],
  );
} finally {
  await api.stop();
  await database.drop();
}

