import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { applySeed, prepareBundle, type DrawBundle } from '../bundle.js';
import { loadSolver } from '../solvers/load.js';
import { loadFixture } from '../testing/fixtures.js';
import { pdfText } from '../testing/pdf-text.js';
import { drawRecordPdf, quotaCheck } from './draw-record.js';

let drawn: DrawBundle;
beforeAll(async () => {
  const solvers = { mip: await loadSolver('glpk'), lp: await loadSolver('highs') };
  const { bundle } = prepareBundle(loadFixture('sf_fixture_150'), solvers, { algorithm: 'leximin', lotterySize: 100 });
  drawn = applySeed(bundle, '6 2 5 1 3 3');
});

const details = {
  assembly: 'Assemblée citoyenne de Paris',
  drawnAt: '2026-12-05T10:30:00+01:00',
  publishedAt: '2026-12-04T18:00:00+01:00',
  seedGivenBy: 'Une habitante du 11e, dés lancés devant la caméra',
  present: ['Maître Élise Dupont, commissaire de justice', 'François Œuvray, organisateur'],
  bundleFile: 'tirage-2026-12-05.json',
};

describe('the official record of a draw (procès-verbal)', () => {
  it('holds, in French, everything needed to check the draw, and a signature block', async () => {
    const pdf = await drawRecordPdf(drawn, details);
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Procès-verbal du tirage au sort');
    expect(text).toContain('Assemblée citoyenne de Paris');
    expect(text).toContain('samedi 5 décembre 2026 à 10:30:00 UTC+1');
    expect(text).toContain('vendredi 4 décembre 2026 à 18:00:00 UTC+1');
    for (const person of details.present) expect(text).toContain(person);
    expect(text).toContain(createHash('sha256').update(drawn.quotasCsv).digest('hex'));
    expect(text).toContain(createHash('sha256').update(drawn.poolCsv).digest('hex'));
    expect(text).toContain(drawn.instanceDigest);
    expect(text).toContain('LEXIMIN, version pnyx-sortition-2');
    expect(text).toContain(drawn.lotteryDigest);
    expect(text).toContain('« 6 2 5 1 3 3 »');
    expect(text).toContain('Une habitante du 11e, dés lancés devant la caméra');
    expect(text).toContain(`panel n° ${drawn.draw!.index} de la loterie`);
    for (const id of drawn.draw!.panel) expect(text).toContain(id);
    for (const row of quotaCheck(drawn)) expect(text).toContain(`${row.category} ${row.value} ${row.min} ${row.max} ${row.selected} respecté`);
    expect(text).toContain('pnyx sortition verify --bundle tirage-2026-12-05.json');
    expect(text).toContain('Fait à Paris, le 5 décembre 2026.');
    // The font is embedded, so the accents print the same on every machine.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile2/);
    expect(pdf.toString('latin1')).toMatch(/DejaVuSans/);
  });

  it('is in English on request, and says what was not entered', async () => {
    const text = (await pdfText(await drawRecordPdf(drawn, { assembly: 'Paris Citizens’ Assembly', drawnAt: details.drawnAt, present: [] }, 'en'))).replace(/\s+/g, ' ');
    expect(text).toContain('Official record of the draw');
    expect(text).toContain('Saturday, 5 December 2026 at 10:30:00 CET');
    expect(text).toContain('Published on: (time of publication not entered)');
    expect(text).toContain('Given by: (not entered)');
    expect(text).toContain('“6 2 5 1 3 3”');
    expect(text).toContain(`Result: panel #${drawn.draw!.index} of the lottery`);
  });

  it('refuses a bundle whose seed has not been applied', async () => {
    const { seed: _seed, draw: _draw, ...undrawn } = drawn;
    await expect(drawRecordPdf(undrawn as DrawBundle, details)).rejects.toThrow('apply the seed first');
  });
});
