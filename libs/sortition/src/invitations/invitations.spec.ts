import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { addressKey } from './address.js';
import { largestRemainder } from './apportionment.js';
import { ageBandOn, drawInvitations, verifyInvitations, type InvitationParameters } from './invitation-draw.js';
import { parseBirthDate, readListedPeople, readRowsAt, readSourceList, SourceListError, type SourceList } from './source-list.js';

/** Feeds `text` to the reader in chunks of `size` bytes, as a file stream would. */
function chunked(text: string | Buffer, size = 7): AsyncIterable<Buffer> {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
}

function read(text: string, label = 'roll', file = 'roll.csv'): Promise<SourceList> {
  return readSourceList({ label, file, chunks: chunked(text) });
}

const DISTRICTS = ['75001', '75011', '75015', '75020'];

/** A list of `n` people: district and birth year from the index, one address per `perAddress` people. */
function listCsv(n: number, prefix: string, perAddress = 1): string {
  const lines = ['id,family name,given names,birth date,address,postal code'];
  for (let i = 0; i < n; i += 1) {
    const district = DISTRICTS[(i * 7) % DISTRICTS.length];
    lines.push(`${prefix}${i},Nom${i},Prénom,${1940 + (i % 60)}-0${1 + (i % 9)}-1${i % 10},${Math.floor(i / perAddress)} rue de la Paix,${district}`);
  }
  return `${lines.join('\n')}\n`;
}

const PARAMETERS: InvitationParameters = { count: 100, mix: [80, 15, 5], strata: ['district'], on: '2026-12-05' };

describe('largest-remainder apportionment', () => {
  it('shares exactly where it can, and gives the seats left to the largest remainders, ties to the earlier share', () => {
    expect(largestRemainder(10_000, [80, 15, 5])).toEqual([8000, 1500, 500]);
    expect(largestRemainder(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(largestRemainder(7, [5, 3, 2])).toEqual([4, 2, 1]); // 3.5, 2.1, 1.4
    expect(largestRemainder(0, [0, 0])).toEqual([0, 0]);
    expect(() => largestRemainder(3, [0, 0])).toThrow('every weight is 0');
    expect(() => largestRemainder(3, [1.5, 2])).toThrow('whole numbers');
  });

  it('always sums to the total and stays within one seat of the exact quota', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.array(fc.integer({ min: 0, max: 2_000_000 }), { minLength: 1, maxLength: 40 }), (total, weights) => {
        fc.pre(weights.some((w) => w > 0));
        const seats = largestRemainder(total, weights);
        const sum = weights.reduce((a, b) => a + b, 0);
        expect(seats.reduce((a, b) => a + b, 0)).toBe(total);
        seats.forEach((seat, i) => expect(Math.abs(seat - (total * weights[i]) / sum)).toBeLessThan(1));
      }),
      { numRuns: 300, seed: 18 },
    );
  });
});

describe('addresses', () => {
  it('are one address whatever the case, accents, punctuation and usual abbreviations', () => {
    expect(addressKey("12, R. de l'Église", '75011')).toBe(addressKey('12 rue de l eglise', ' 75011 '));
    expect(addressKey('3 bd Voltaire', 'Paris 11e')).toBe(addressKey('3 BOULEVARD VOLTAIRE', 'paris 11E'));
    expect(addressKey('3 bd Voltaire apt 2', '75011')).not.toBe(addressKey('3 bd Voltaire apt 3', '75011'));
    expect(addressKey('3 bd Voltaire', '75011')).not.toBe(addressKey('3 bd Voltaire', '75012'));
  });
});

describe('reading a source list', () => {
  it('reads English headers, streamed in small chunks, and records the SHA-256 of the bytes', async () => {
    const text = listCsv(50, 'r');
    const list = await read(text);
    expect(list.ids).toHaveLength(50);
    expect(list.ids[3]).toBe('r3');
    expect(list.districts[3]).toBe(DISTRICTS[21 % 4]);
    expect(list.births[3]).toBe(19430413);
    expect(list.problemCount).toBe(0);
    expect(list.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads French headers, semicolons, a byte-order mark, French dates and quoted fields', async () => {
    const text = '\ufeffIdentifiant;Nom;Prénoms;Date de naissance;Adresse;Code postal\r\n' + 'e1;Durand;Marie Anne;07/03/1985;"4; place de la République";75003\r\n' + 'e2;Martin;Luc;1990-12-31;1 av. Foch;75016\r\n';
    const list = await read(text);
    expect(list.ids).toEqual(['e1', 'e2']);
    expect(Array.from(list.births)).toEqual([19850307, 19901231]);
    expect(list.addressKeys[0]).toBe(addressKey('4 place de la republique', '75003'));
  });

  it('checks every row and reports the problems by line', async () => {
    const text = [
      'id,family name,given names,birth date,address,district',
      'a1,Durand,Marie,1985-03-07,1 rue A,75001',
      'a2,Martin,Luc,31/02/1990,2 rue B,75002', // no 31 February
      'a1,Petit,Jean,1970-01-01,3 rue C,75003', // id twice
      'a4,,Anne,1970-01-01,4 rue D,75004', // no family name
      'a5,Roux,Paul,1970-01-01,5 rue E', // a field short
      'a6,Blanc,Eve,1970-01-01,6 rue F,75006',
    ].join('\n');
    const list = await read(text);
    expect(list.problemCount).toBe(4);
    expect(list.problems).toEqual([
      { line: 3, column: 'birth date', problem: '"31/02/1990" is not a date (YYYY-MM-DD or DD/MM/YYYY)' },
      { line: 4, column: 'id', problem: 'id a1 appears twice' },
      { line: 5, column: 'family name', problem: 'empty' },
      { line: 6, problem: '5 fields instead of 6' },
    ]);
    expect(list.ids).toEqual(['a1', 'a6']);
  });

  it('refuses cells PostgreSQL cannot store (NUL), naming line and column', async () => {
    // (A file is bytes: half a character decodes as U+FFFD, which is storable.)
    const text = ['id,family name,given names,birth date,address,district', 'a1,Dur\u0000and,Marie,1985-03-07,1 rue A,75001', 'a3,Petit,Jean,1970-01-01,3 rue C,75003'].join('\n');
    const list = await read(text);
    expect(list.problems).toEqual([{ line: 2, column: 'family name', problem: expect.stringMatching(/NUL character/) }]);
    expect(list.ids).toEqual(['a3']);
  });

  it('names the missing columns, and a quote left open, with their line', async () => {
    await expect(read('id,nom,prénom,adresse\n1,A,B,C\n')).rejects.toThrow(/missing columns: birthDate .*; district/);
    const broken = await read('id,nom,prénom,naissance,adresse,cp\n1,A,B,1980-01-01,"rue,75001\n2,C,D,1980-01-01,rue,75001\n').catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(SourceListError);
    expect((broken as SourceListError).problems.at(-1)).toMatchObject({ line: 3, problem: expect.stringMatching(/Quote Not Closed/) });
  });

  it('checks and hashes without keeping rows when asked (an upload), counting the valid ones', async () => {
    const text = listCsv(30, 'r');
    const list = await readSourceList({ label: 'roll', file: 'roll.csv', chunks: chunked(text) }, { keep: false });
    expect(list.rowCount).toBe(30);
    expect(list.ids).toEqual([]);
    expect(list.sha256).toBe(createHash('sha256').update(text).digest('hex'));
  });

  it('reads the invited people again, names and addresses as written, and the same SHA-256', async () => {
    const text = '\ufeffIdentifiant;Nom;Prénoms;Date de naissance;Adresse;Code postal\r\n' + 'e1;Durand;Marie Anne;07/03/1985;"4; place de la République";75003\r\n' + 'e2;Martin;Luc;1990-12-31;1 av. Foch;75016\r\n';
    const { people, sha256 } = await readListedPeople(chunked(text, 5), 'roll.csv', new Set(['e1', 'e9']));
    expect([...people.values()]).toEqual([{ id: 'e1', familyName: 'Durand', givenNames: 'Marie Anne', birthDate: '1985-03-07', address: '4; place de la République', district: '75003' }]);
    expect(sha256).toBe((await read(text)).sha256);
  });

  it('reads chosen rows again from where they lie, as a full second reading would, and notices a different file', async () => {
    const text =
      '\ufeffIdentifiant;Nom;Prénoms;Date de naissance;Adresse;Code postal\r\n' +
      'e1;Durand;Marie Anne;07/03/1985;"4; place de la République";75003\r\n\r\n' +
      'e2;Martin;Luc;1990-12-31;"1 av. Foch\r\nbâtiment B";75016\r\n' +
      'bad;;;;;\r\n' +
      'e3;Élodie;Zoé;1961-12-05;2 rue X;75020';
    for (const size of [1, 3, 7, 1000]) {
      const list = await readSourceList({ label: 'roll', file: 'roll.csv', chunks: chunked(text, size) }, { places: true });
      expect(list.ids).toEqual(['e1', 'e2', 'e3']);
      const rows = ['e3', 'e1', 'e2'].map((id) => ({ id, index: list.ids.indexOf(id) }));
      const again = await readRowsAt(chunked(text, size), 'roll.csv', list.places!, rows);
      const full = await readListedPeople(chunked(text, size), 'roll.csv', new Set(['e1', 'e2', 'e3']));
      expect(again.sha256).toBe(list.sha256);
      expect(Object.fromEntries(again.people!)).toEqual(Object.fromEntries(full.people));
    }
    const list = await readSourceList({ label: 'roll', file: 'roll.csv', chunks: chunked(text) }, { places: true });
    const shifted = await readRowsAt(chunked(`x${text}`), 'roll.csv', list.places!, [{ id: 'e2', index: 1 }]);
    expect(shifted.people).toBeUndefined();
    expect(shifted.sha256).not.toBe(list.sha256);
    // A row that no longer parses (a quote opened where the row was) is not read either.
    const broken = await readRowsAt(chunked(text.replace('e2;Martin', '"2;Martin')), 'roll.csv', list.places!, [{ id: 'e2', index: 1 }]);
    expect(broken.people).toBeUndefined();
  });

  it('takes real dates only', () => {
    expect(parseBirthDate('2000-02-29')).toBe(20000229);
    expect(parseBirthDate('1900-02-29')).toBeUndefined();
    expect(parseBirthDate('5/1/1999')).toBe(19990105);
    expect(parseBirthDate('1999-13-01')).toBeUndefined();
    expect(parseBirthDate('yesterday')).toBeUndefined();
  });
});

describe('the invitation draw', () => {
  async function threeLists(sizes = [3000, 600, 300], perAddress = 1): Promise<SourceList[]> {
    return Promise.all([read(listCsv(sizes[0], 'r', perAddress), 'roll'), read(listCsv(sizes[1], 'f', perAddress), 'foreign'), read(listCsv(sizes[2], 'y', perAddress), 'young')]);
  }

  it('follows the mix, shares each source by district in proportion, and is reproduced by its seed alone', async () => {
    const lists = await threeLists();
    const draw = drawInvitations(lists, PARAMETERS, '6 2 5 1 3 3');
    expect(draw.invited).toHaveLength(100);
    expect(Object.fromEntries(Object.entries(draw.allocation).map(([label, a]) => [label, a.seats]))).toEqual({ roll: 80, foreign: 15, young: 5 });
    for (const [label, allocation] of Object.entries(draw.allocation)) {
      const eligible = Object.values(allocation.strata).reduce((sum, s) => sum + s.eligible, 0);
      for (const [stratum, share] of Object.entries(allocation.strata)) {
        expect(Math.abs(share.seats - (allocation.seats * share.eligible) / eligible)).toBeLessThan(1);
        expect(draw.invited.filter((p) => p.source === label && p.stratum === stratum)).toHaveLength(share.invited);
      }
    }
    expect(draw.digests).toEqual({ roll: lists[0].sha256, foreign: lists[1].sha256, young: lists[2].sha256 });
    expect(drawInvitations(await threeLists(), PARAMETERS, '6 2 5 1 3 3')).toEqual(draw);
    const other = drawInvitations(lists, PARAMETERS, '6 2 5 1 3 4');
    expect(other.parametersDigest).toBe(draw.parametersDigest);
    expect(other.invited.map((p) => p.id)).not.toEqual(draw.invited.map((p) => p.id));
  });

  it('never invites two people at one address, across sources too, and skips those invited before', async () => {
    const lists = await threeLists([400, 200, 100], 3); // three people per address in each list
    const excluded = new Set(lists[0].ids.slice(0, 150).map((id) => `roll:${id}`));
    const draw = drawInvitations(lists, { ...PARAMETERS, count: 120 }, 'seed', { excluded });
    const addresses = draw.invited.map((p) => {
      const list = lists.find((l) => l.label === p.source)!;
      return list.addressKeys[list.ids.indexOf(p.id)];
    });
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(draw.invited.some((p) => excluded.has(`${p.source}:${p.id}`))).toBe(false);
    expect(draw.excluded).toBe(150);
    // The same rows at the same addresses in every list: the roll's invitations block the others'.
    expect(draw.invited.length + draw.shortfall).toBe(120);
  });

  it('keeps its properties on random lists, mixes and seeds', async () => {
    const lists = await threeLists([900, 300, 120], 2);
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 300 }),
        fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 3, maxLength: 3 }),
        fc.boolean(),
        fc.string({ minLength: 1, maxLength: 12 }),
        (count, mix, byAge, seed) => {
          fc.pre(mix.some((w) => w > 0));
          const seats = largestRemainder(count, mix);
          fc.pre(seats.every((s, i) => s <= lists[i].ids.length / 2));
          const parameters: InvitationParameters = { count, mix, strata: byAge ? ['district', 'age'] : ['district'], on: '2026-12-05' };
          const draw = drawInvitations(lists, parameters, seed);
          expect(draw.invited.length + draw.shortfall).toBe(count);
          expect(Object.values(draw.allocation).map((a) => a.seats)).toEqual(seats);
          const keys = draw.invited.map((p) => `${p.source}:${p.id}`);
          expect(new Set(keys).size).toBe(keys.length);
          expect(drawInvitations(lists, parameters, seed).invited).toEqual(draw.invited);
        },
      ),
      { numRuns: 60, seed: 5122026 },
    );
  });

  it('gives the age band of a birth date on a day, the day before a birthday still the younger band', () => {
    expect(ageBandOn('2001-12-06', '2026-12-05')).toBe('16-24');
    expect(ageBandOn('2001-12-05', '2026-12-05')).toBe('25-34');
    expect(ageBandOn('05/12/1961', '2026-12-05')).toBe('65+');
    expect(ageBandOn('1961-02-30', '2026-12-05')).toBeUndefined();
  });

  it('puts people in age bands on the day given', async () => {
    const lists = await threeLists([200, 100, 50]);
    const draw = drawInvitations(lists, { ...PARAMETERS, count: 60, strata: ['district', 'age'] }, 'seed');
    const stratum = (source: string, id: string): string => draw.invited.find((p) => p.source === source && p.id === id)?.stratum ?? '';
    for (const person of draw.invited) {
      const list = lists.find((l) => l.label === person.source)!;
      const i = list.ids.indexOf(person.id);
      const age = Math.floor((20261205 - list.births[i]) / 10000);
      const band = age <= 24 ? '16-24' : age <= 34 ? '25-34' : age <= 49 ? '35-49' : age <= 64 ? '50-64' : '65+';
      expect(stratum(person.source, person.id)).toBe(`${list.districts[i]} · ${band}`);
    }
  });

  it('changes its digests when one byte of a list changes, so the published draw no longer verifies', async () => {
    const text = listCsv(500, 'r');
    const lists = [await read(text), await read(listCsv(100, 'f'), 'foreign'), await read(listCsv(50, 'y'), 'young')];
    const changed = [await read(text.replace('Nom42,', 'Nom43,')), lists[1], lists[2]];
    const published = drawInvitations(lists, PARAMETERS, 'seed');
    const rerun = drawInvitations(changed, PARAMETERS, 'seed');
    expect(rerun.digests.roll).not.toBe(published.digests.roll);
    expect(rerun.parametersDigest).not.toBe(published.parametersDigest);
    expect(rerun.invited).not.toEqual(published.invited);
    // The verifier says which check fails.
    expect(verifyInvitations(lists, published)).toMatchObject({ ok: true });
    const report = verifyInvitations(changed, published);
    expect(report.ok).toBe(false);
    expect(report.checks.filter((check) => !check.ok).map((check) => check.check)).toEqual([
      'list roll matches its published SHA-256',
      'the parameters match their published digest',
      're-running the draw with the seed invites the same people',
    ]);
    const otherSeed = verifyInvitations(lists, { ...published, seed: 'other' });
    expect(otherSeed.checks.filter((check) => !check.ok).map((check) => check.check)).toEqual(['re-running the draw with the seed invites the same people']);
    expect(verifyInvitations(lists.slice(0, 2), published).checks[0]).toMatchObject({ ok: false, detail: '2 lists for the 3 sources published (roll, foreign, young)' });
  });

  it('refuses what it cannot draw, saying why', async () => {
    const lists = await threeLists([100, 50, 20]);
    expect(() => drawInvitations(lists, { ...PARAMETERS, count: 200 }, 's')).toThrow('roll: 160 invitations for 100 eligible people');
    expect(() => drawInvitations(lists, { ...PARAMETERS, mix: [1, 1] }, 's')).toThrow('the mix has 2 weights for 3 lists');
    expect(() => drawInvitations(lists, { ...PARAMETERS, on: '2026-02-30' }, 's')).toThrow('must be a date');
    expect(() => drawInvitations(lists, PARAMETERS, '')).toThrow('the seed is empty');
    const broken = await read('id,nom,prenom,naissance,adresse,cp\n1,A,B,never,rue,75001\n');
    expect(() => drawInvitations([broken, lists[1], lists[2]], PARAMETERS, 's')).toThrow('has 1 problems; fix them first');
  });
});
