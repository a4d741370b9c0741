// npm run bench:invitations — stage 1 of a Paris-style recruitment at Paris's scale: a generated
// electoral roll of 1,350,000 rows and two smaller lists (non-EU residents 150,000, young people
// 40,000) are read as they stream from disk (target ≤ 30 s for the roll, peak RSS ≤ 1 GiB), then
// 10,000 invitations are drawn with the mix 80/15/5 by district (target ≤ 10 s).
// Then the same through the API (BENCH_API=0 skips it): each list streamed to
// PUT /api/assemblies/:id/source-lists (into PostgreSQL, checked row by row; the API's peak RSS read
// from /proc), the draw published and seeded (the lists read back from PostgreSQL twice: the draw,
// then the invited people's names), and the letters with their 10,000 codes.
// BENCH_ROLL_ROWS changes the roll's size. The lists are generated (seeded) in a temporary folder.
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { API_ROOT, benchCommand, benchDatabase, machine, organiserHeaders, recordResult, startApi } from './support.mjs';

const lib = await import(join(API_ROOT, 'dist/apps/cli/libs/sortition/src/index.js'));
const ROLL_ROWS = Number(process.env.BENCH_ROLL_ROWS ?? 1_350_000);
const FAMILY = ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'García', 'Nguyen', 'Diallo', 'Haddad'];
const GIVEN = ['Marie', 'Jean', 'Camille', 'Léa', 'Louis', 'Chloé', 'Hugo', 'Inès', 'Lucas', 'Fatou', 'Yasmine', 'Noé', 'Élodie', 'Karim'];
const STREETS = ['rue de Rivoli', 'boulevard Voltaire', 'avenue de la République', 'rue de Vaugirard', 'rue du Faubourg Saint-Antoine', 'avenue Jean Jaurès', 'rue de Belleville', "rue de l'Église"];
// Paris's arrondissements by population (thousands, 2021); Paris Centre's four share 75001–75004.
const DISTRICTS = [
  ['75001', 16], ['75002', 21], ['75003', 33], ['75004', 28], ['75005', 56], ['75006', 40], ['75007', 48], ['75008', 35], ['75009', 58], ['75010', 83],
  ['75011', 142], ['75012', 140], ['75013', 178], ['75014', 134], ['75015', 229], ['75016', 162], ['75017', 164], ['75018', 188], ['75019', 182], ['75020', 193],
];
const districtTable = DISTRICTS.flatMap(([code, weight]) => Array(weight).fill(code));

/** xorshift32: a fixed sequence, so every run reads the same lists. */
function generator(seed) {
  let x = seed >>> 0 || 1;
  return (bound) => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x % bound;
  };
}

/** Writes a list of `rows` people, about two per address, born between `fromYear` and `toYear`. */
async function writeList(file, rows, prefix, fromYear, toYear, seed) {
  const next = generator(seed);
  const out = createWriteStream(file);
  let buffer = 'id,family name,given names,birth date,address,postal code\n';
  for (let i = 0; i < rows; i += 1) {
    // About two people per address: address k is number 1–150 of street ⌊k / 150⌋ (synthetic names).
    const address = Math.floor(i / 2) + next(3);
    const street = Math.floor(address / 150);
    const district = districtTable[street % districtTable.length];
    const year = fromYear + next(toYear - fromYear + 1);
    const month = String(1 + next(12)).padStart(2, '0');
    const day = String(1 + next(28)).padStart(2, '0');
    buffer += `${prefix}${i},${FAMILY[next(FAMILY.length)]},${GIVEN[next(GIVEN.length)]},${year}-${month}-${day},"${1 + (address % 150)}, ${STREETS[street % STREETS.length]} n° ${street}",${district}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

const dir = mkdtempSync(join(tmpdir(), 'pnyx-bench-invitations-'));
try {
  const specs = [
    ['roll', join(dir, 'roll.csv'), ROLL_ROWS, 'E', 1920, 2008, 1],
    ['foreign', join(dir, 'foreign.csv'), 150_000, 'F', 1930, 2008, 2],
    ['young', join(dir, 'young.csv'), 40_000, 'Y', 2009, 2010, 3],
  ];
  for (const [, file, rows, prefix, from, to, seed] of specs) await writeList(file, rows, prefix, from, to, seed);
  global.gc?.();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
  const lists = [];
  const importSeconds = [];
  for (const [label, file] of specs) {
    const started = performance.now();
    lists.push(await lib.readSourceList({ label, file: `${label}.csv`, chunks: createReadStream(file, { highWaterMark: 1 << 20 }) }));
    importSeconds.push((performance.now() - started) / 1000);
  }
  const drawStarted = performance.now();
  const draw = lib.drawInvitations(lists, { count: 10_000, mix: [80, 15, 5], strata: ['district'], on: '2026-12-05' }, 'dice 3 5 1 6 2');
  const drawSeconds = (performance.now() - drawStarted) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const row = {
    rows: lists.map((list) => list.ids.length),
    importSeconds: importSeconds.map((s) => Number(s.toFixed(2))),
    drawSeconds: Number(drawSeconds.toFixed(2)),
    invited: draw.invited.length,
    shortfall: draw.shortfall,
    peakRssMiB: Math.round(peakRss / 2 ** 20),
  };
  console.log(JSON.stringify(row));
  await recordResult(
    'bench:invitations — stage 1: read the lists as they stream in, draw 10,000 invitations',
    ['date', 'machine', 'command', 'rows (roll / foreign / young)', 'read roll s (target ≤ 30)', 'read the small lists s', 'draw 10,000 s (target ≤ 10)', 'invited (shortfall)', 'peak RSS MiB (target ≤ 1024)'],
    [
      new Date().toISOString().slice(0, 10),
      machine(),
      benchCommand('bench:invitations', ['BENCH_ROLL_ROWS']),
      row.rows.join(' / '),
      row.importSeconds[0],
      `${row.importSeconds[1]} / ${row.importSeconds[2]}`,
      row.drawSeconds,
      `${row.invited} (${row.shortfall})`,
      row.peakRssMiB,
    ],
  );
  if (process.env.BENCH_API !== '0') await throughTheApi(specs);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

/** The API process's peak resident memory so far (VmHWM), in MiB. */
async function peakRssMiB(pid) {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmHWM:\s+(\d+) kB/.exec(status)[1]) / 1024);
}

async function throughTheApi(specs) {
  const database = await benchDatabase();
  const api = await startApi({ DATABASE_URL: database.url, LOGIN_RATE_PER_MINUTE: '1000', ACCESS_TOKEN_TTL_SECONDS: '3600', SOURCE_LIST_LIMIT_BYTES: String(1024 * 1_048_576) });
  try {
    const db = await database.client();
    const organiser = await organiserHeaders(api, db);
    const call = async (method, path, body, headers = organiser) => {
      const response = await fetch(`${api.base}${path}`, { method, headers, body, ...(body instanceof ReadableStream || body?.pipe ? { duplex: 'half' } : {}) });
      if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${await response.text()}`);
      return response.headers.get('content-type')?.startsWith('application/json') ? response.json() : response.text();
    };
    const assembly = await call('POST', '/api/assemblies', JSON.stringify({ name: 'Assemblée citoyenne de Paris', seats: 100, termStart: '2027-01-01', termEnd: '2027-12-31' }));
    const baseRss = await peakRssMiB(api.child.pid);
    const uploadSeconds = [];
    const listIds = [];
    for (const [label, file] of specs) {
      const started = performance.now();
      const list = await call('PUT', `/api/assemblies/${assembly.id}/source-lists?source=${label}&fileName=${label}.csv`, createReadStream(file, { highWaterMark: 1 << 20 }), { ...organiser, 'content-type': 'text/csv' });
      uploadSeconds.push((performance.now() - started) / 1000);
      listIds.push(list.id);
    }
    const uploadRss = await peakRssMiB(api.child.pid);
    const draw = await call('POST', `/api/assemblies/${assembly.id}/invitation-draws`, JSON.stringify({ listIds, mix: [80, 15, 5], count: 10_000, strata: ['district'], countedOn: '2026-12-05', questions: [{ category: 'gender', values: ['woman', 'man', 'other'] }] }));
    const seedStarted = performance.now();
    const drawn = await call('POST', `/api/invitation-draws/${draw.id}/seed`, JSON.stringify({ seed: 'dice 3 5 1 6 2' }));
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const seedRss = await peakRssMiB(api.child.pid);
    const lettersStarted = performance.now();
    const letters = await call('POST', `/api/invitation-draws/${draw.id}/letters`, undefined, { authorization: organiser.authorization });
    const lettersSeconds = (performance.now() - lettersStarted) / 1000;
    const row = {
      uploadSeconds: uploadSeconds.map((s) => Number(s.toFixed(2))),
      seedSeconds: Number(seedSeconds.toFixed(2)),
      lettersSeconds: Number(lettersSeconds.toFixed(2)),
      invited: drawn.invited,
      letters: letters.trim().split('\n').length - 1,
      rssMiB: { started: baseRss, afterUploads: uploadRss, afterSeed: seedRss },
    };
    console.log(JSON.stringify(row));
    await recordResult(
      'bench:invitations (API) — the lists streamed into PostgreSQL, the draw seeded, the letters',
      ['date', 'machine', 'command', 'upload roll s (target ≤ 30)', 'upload the small lists s', 'seed: read back, draw, store 10,000 s', 'letters (10,000 codes) s', 'API peak RSS MiB: start / after uploads / after seed (target ≤ 1024)'],
      [
        new Date().toISOString().slice(0, 10),
        machine(),
        benchCommand('bench:invitations', ['BENCH_ROLL_ROWS']),
        row.uploadSeconds[0],
        `${row.uploadSeconds[1]} / ${row.uploadSeconds[2]}`,
        row.seedSeconds,
        row.lettersSeconds,
        `${baseRss} / ${uploadRss} / ${seedRss}`,
      ],
    );
  } finally {
    await api.stop();
    await database.drop();
  }
}
