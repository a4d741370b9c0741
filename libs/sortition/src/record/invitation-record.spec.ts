import { describe, expect, it } from '@jest/globals';
import { Readable } from 'node:stream';
import { drawInvitations, invitedCsv } from '../invitations/invitation-draw.js';
import { readSourceList } from '../invitations/source-list.js';
import { pdfText } from '../testing/pdf-text.js';
import { invitationRecordPdf } from './invitation-record.js';

function list(label: string, n: number) {
  const lines = ['id,nom,prénoms,date de naissance,adresse,code postal'];
  for (let i = 0; i < n; i += 1) lines.push(`${label}${i},Nom,Prénom,1980-01-0${1 + (i % 9)},${i} rue de la Roquette,7501${1 + (i % 3)}`);
  return readSourceList({ label, file: `${label}.csv`, chunks: Readable.from([Buffer.from(lines.join('\n'))]) });
}

describe('the official record of an invitation draw', () => {
  it('holds the lists and their digests, the mix, the seed, the allocation, the digest of the invited and the command', async () => {
    const lists = [await list('roll', 300), await list('foreign', 60), await list('young', 30)];
    const draw = drawInvitations(lists, { count: 40, mix: [80, 15, 5], strata: ['district'], on: '2026-12-05' }, 'dés : 3 5 1', { excluded: new Set(['roll:roll7']) });
    const pdf = await invitationRecordPdf(draw, {
      assembly: 'Assemblée citoyenne de Paris',
      drawnAt: '2026-12-05T10:30:00+01:00',
      seedGivenBy: 'Le public',
      present: ['Maître Élise Dupont, commissaire de justice'],
      lists: { roll: { file: 'liste électorale.csv', people: 300 }, foreign: { file: 'foreign.csv', people: 60 }, young: { file: 'young.csv', people: 30 } },
    });
    const text = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(text).toContain('Procès-verbal du tirage des invitations');
    expect(text).toContain('Maître Élise Dupont, commissaire de justice');
    for (const list of lists) expect(text).toContain(`SHA-256 ${list.label} : ${list.sha256}`);
    expect(text).toContain('roll 80/100, foreign 15/100, young 5/100');
    expect(text).toContain(draw.parametersDigest);
    expect(text).toContain('« dés : 3 5 1 »');
    for (const [stratum, share] of Object.entries(draw.allocation.roll.strata)) expect(text).toContain(`roll ${stratum} ${share.eligible} ${share.seats} ${share.invited}`);
    expect(text).toContain('40 personnes invitées, au plus une par adresse');
    expect(text).toContain('1 personnes écartées');
    expect(text).toContain(invitedCsv(draw).sha256);
    expect(text.replace(/ \\ /g, ' ')).toContain("pnyx sortition invite --lists 'liste électorale.csv',foreign.csv,young.csv --sources roll,foreign,young --count 40 --mix 80,15,5 --strata district --seed 'dés : 3 5 1' --on 2026-12-05");
    expect(text).toContain('Fait à Paris, le 5 décembre 2026.');
  });
});
