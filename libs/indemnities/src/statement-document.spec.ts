import { describe, expect, it } from '@jest/globals';
import { pdfText } from '../../sortition/src/testing/pdf-text.js';
import { indemnityStatements } from './indemnity.js';
import { formatEuros, statementPdf, statementRows, type PaymentStatement } from './statement-document.js';

const rules = { centsPerHalfDay: 4400, minimumMinutesPerHalfDay: 120, monthlyCapCents: 8800 };
const sessions = [
  { id: 's1', startsAt: '2026-11-03T13:00:00Z', endsAt: '2026-11-03T16:00:00Z', halfDays: 1 },
  { id: 's2', startsAt: '2026-11-07T09:00:00Z', endsAt: '2026-11-07T16:00:00Z', halfDays: 2 },
];
const presence = [
  { memberId: 'm1', sessionId: 's1', from: '2026-11-03T13:00:00Z', remote: false },
  { memberId: 'm1', sessionId: 's2', from: '2026-11-07T09:00:00Z', remote: false },
  { memberId: 'm2', sessionId: 's1', from: '2026-11-03T13:30:00Z', to: '2026-11-03T14:00:00Z', remote: true },
];
const corrections = [{ memberId: 'm2', sessionId: 's1', minutes: 150, reason: 'Connexion perdue, suivie par téléphone avec la présidente de séance pendant une heure et demie' }];

function statement(): PaymentStatement {
  const [m1, m2, m3] = indemnityStatements(rules, sessions, presence, corrections, ['m1', 'm2', 'm3']);
  return {
    assembly: 'Assemblée citoyenne de Paris',
    from: '2026-11',
    to: '2026-11',
    generatedAt: '2026-12-02T09:00:00Z',
    rules,
    sessions: [
      { id: 's1', title: 'Plénière', startsAt: sessions[0].startsAt, halfDays: 1 },
      { id: 's2', title: 'Journée de travail en ateliers sur la propreté des rues et les déchets', startsAt: sessions[1].startsAt, halfDays: 2 },
    ],
    members: [
      { membershipId: 'm1', name: 'Amélie Dupont-Rochefoucauld de la Tour d’Auvergne', statement: m1 },
      { membershipId: 'm2', name: 'Bruno', personId: 'R7K2P9QX', statement: m2 },
      { membershipId: 'm3', name: 'Chloé', statement: m3 },
    ],
  };
}

describe('the payment service’s statement', () => {
  it('has one CSV row per member and month with cents and a plain decimal, and none for a member who attended nothing', () => {
    expect(statementRows(statement())).toEqual([
      ['month', 'membership_id', 'person_id', 'name', 'half_days', 'gross_cents', 'capped_cents', 'payable_cents', 'payable_eur'],
      ['2026-11', 'm1', '', 'Amélie Dupont-Rochefoucauld de la Tour d’Auvergne', '3', '13200', '4400', '8800', '88.00'],
      ['2026-11', 'm2', 'R7K2P9QX', 'Bruno', '1', '4400', '0', '4400', '44.00'],
    ]);
  });

  it('writes amounts as each language does', () => {
    expect(formatEuros(4400, 'fr').replace(/\s/g, ' ')).toBe('44,00 €');
    expect(formatEuros(123456, 'en')).toBe('€1,234.56');
  });

  it('prints a PDF whose text holds the rules, the totals, the cap and every correction with its reason, in French and English', async () => {
    const fr = (await pdfText(await statementPdf(statement(), 'fr'))).replace(/\s+/g, ' ');
    expect(fr).toContain('État des indemnités');
    expect(fr).toContain('Mois de novembre 2026');
    expect(fr).toContain('Plafond mensuel : 88,00 €');
    expect(fr).toContain('Total à payer : 132,00 €');
    expect(fr).toContain('30 → 150 : Connexion perdue, suivie par téléphone avec la présidente de séance pendant une heure et demie');
    expect(fr).toContain('Bruno (R7K2P9QX)');
    const en = (await pdfText(await statementPdf(statement(), 'en'))).replace(/\s+/g, ' ');
    expect(en).toContain('Indemnity statement');
    expect(en).toContain('Monthly cap: €88.00');
    expect(en).toContain('Total payable: €132.00');
  });
});
