import { describe, expect, it } from '@jest/globals';
import type { Translate } from '../../app/i18n/translate';
import { editionBody, editionProblems, parseEuros, type EditionDraft } from './budget-form';

const t = ((key: string, values?: Record<string, unknown>) => (values === undefined ? key : `${key} ${JSON.stringify(values)}`)) as Translate;

const DRAFT: EditionDraft = {
  title: 'Budget participatif 2027',
  description: '',
  rule: 'greedy',
  completion: false,
  gradePreset: 'paris-4',
  ideasFrom: '2027-01-15',
  coConstructionFrom: '2027-03-01',
  feasibilityFrom: '2027-04-01',
  ballotFrom: '2027-08-01',
  voteOpensAt: '2027-09-10T09:00',
  voteClosesAt: '2027-10-01T20:00',
  resultsFrom: '2027-10-05',
  followUpFrom: '2028-01-01',
};

describe('the console’s budget forms', () => {
  it('read euros as organisers type them, into whole cents', () => {
    expect(parseEuros('120000')).toBe(12_000_000);
    expect(parseEuros('120 000')).toBe(12_000_000);
    expect(parseEuros('1 234,56')).toBe(123_456);
    expect(parseEuros('1,234.5')).toBe(123_450);
    expect(parseEuros('80\u202f000 €')).toBe(8_000_000);
    expect(parseEuros('0,07')).toBe(7);
    for (const bad of ['', 'abc', '12,345,6789', '1.2.3', '-5', '1e6', '12,3456']) expect({ bad, cents: parseEuros(bad) }).toEqual({ bad, cents: null });
  });

  it('check an edition’s calendar in order before sending it', () => {
    expect(editionProblems(DRAFT, t)).toEqual({});
    expect(Object.keys(editionProblems({ ...DRAFT, title: ' ', ballotFrom: '' }, t)).sort()).toEqual(['ballotFrom', 'title']);
    expect(Object.keys(editionProblems({ ...DRAFT, feasibilityFrom: '2027-02-01' }, t))).toEqual(['feasibilityFrom']);
    expect(Object.keys(editionProblems({ ...DRAFT, voteClosesAt: '2027-09-10T08:00' }, t))).toEqual(['voteClosesAt']);
    // The vote may open on the ballot's day.
    expect(editionProblems({ ...DRAFT, ballotFrom: '2027-09-10' }, t)).toEqual({});
  });

  it('send the completion only with equal shares', () => {
    expect(editionBody({ ...DRAFT, completion: true })).not.toHaveProperty('completion');
    expect(editionBody({ ...DRAFT, rule: 'equal-shares', completion: true })).toMatchObject({ rule: 'equal-shares', completion: 'greedy' });
    expect(editionBody(DRAFT).calendar.voteOpensAt).toBe('2027-09-10T09:00');
  });
});
