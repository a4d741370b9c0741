import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../app/i18n/translate';
import fr from '../../app/i18n/fr.json';
import { EMPTY_POLL, pollRequest } from './poll-form';

const t = createTranslator('fr-FR', fr);

describe('the console’s poll form', () => {
  it('builds the request: trimmed, empty options left out, a preset or custom grades, Paris times as instants', () => {
    const { problems, body } = pollRequest(
      {
        ...EMPTY_POLL,
        title: '  Budget participatif  ',
        options: [
          { label: 'Des fontaines', description: '' },
          { label: '', description: '' },
          { label: 'Une piste cyclable', description: 'Rue de Rivoli' },
        ],
        opensAt: '2027-06-01T09:00',
        closesAt: '2027-06-15T20:00',
      },
      t,
    );
    expect(problems).toEqual({});
    expect(body).toEqual({
      title: 'Budget participatif',
      audience: 'residents',
      options: [{ label: 'Des fontaines' }, { label: 'Une piste cyclable', description: 'Rue de Rivoli' }],
      gradePreset: 'fr-7',
      opensAt: '2027-06-01T07:00:00.000Z',
      closesAt: '2027-06-15T18:00:00.000Z',
      revote: 'never',
      skipped: 'refuse',
      tieBreak: 'majority-value',
    });
    expect(pollRequest({ ...EMPTY_POLL, title: 'x', options: [{ label: 'a', description: '' }, { label: 'b', description: '' }], grades: 'custom', customGrades: 'Non\n\nOui\n' }, t).body).toMatchObject({ grades: ['Non', 'Oui'] });
  });

  it('says what is wrong, field by field', () => {
    const { problems, body } = pollRequest(
      { ...EMPTY_POLL, audience: 'assembly', options: [{ label: 'A', description: '' }, { label: 'a', description: '' }], grades: 'custom', customGrades: 'Seul', opensAt: '2027-03-28T02:30', closesAt: '2027-03-28T01:00' },
      t,
    );
    expect(body).toBeUndefined();
    expect(Object.keys(problems).sort()).toEqual(['assemblyId', 'grades', 'opensAt', 'options', 'title']);
    expect(pollRequest({ ...EMPTY_POLL, title: 'x', options: [{ label: 'a', description: '' }, { label: 'b', description: '' }], opensAt: '2027-06-02T09:00', closesAt: '2027-06-01T09:00' }, t).problems).toEqual({
      closesAt: t('console.pollForm.closesBeforeOpens'),
    });
  });
});
