import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../app/i18n/translate';
import consoleFr from '../i18n/fr.json';
import { DEFAULT_QUESTIONS, invitationDrawRequest, parseQuestions, sourceFromFileName } from './recruitment-form';

const t = createTranslator('fr-FR', consoleFr);

describe('the console’s invitation draw form', () => {
  it('reads one question per line and the defaults in both languages', () => {
    expect(parseQuestions(' gender : woman, man ,other\n\neducation: none, bac', t)).toEqual({
      questions: [
        { category: 'gender', values: ['woman', 'man', 'other'] },
        { category: 'education', values: ['none', 'bac'] },
      ],
    });
    expect(parseQuestions(DEFAULT_QUESTIONS.fr, t).problem).toBeUndefined();
    expect(parseQuestions(DEFAULT_QUESTIONS.en, t).questions).toHaveLength(3);
  });

  it('says which line is wrong and why', () => {
    expect(parseQuestions('gender woman man', t).problem).toContain('Ligne 1');
    expect(parseQuestions('gender: woman, man\ndistrict: a, b', t).problem).toContain('district');
    expect(parseQuestions('gender: woman', t).problem).toContain('Ligne 1');
    expect(parseQuestions('gender: a, b\nGender: c, d', t).problem).toContain('Ligne 2');
    expect(parseQuestions('gender: woman, Woman', t).problem).toContain('Ligne 1');
    expect(parseQuestions('2nd: a, b', t).problem).toContain('Ligne 1');
  });

  it('builds the body with the lists that have a weight, in the order shown', () => {
    const { problems, body } = invitationDrawRequest({ weights: { a: '80', b: '', c: '5', d: '0' }, count: '10000', byAge: true, countedOn: '2026-12-05', questions: 'gender: woman, man' }, ['a', 'b', 'c', 'd'], t);
    expect(problems).toEqual({});
    expect(body).toEqual({ listIds: ['a', 'c'], mix: [80, 5], count: 10000, strata: ['district', 'age'], countedOn: '2026-12-05', questions: [{ category: 'gender', values: ['woman', 'man'] }] });
  });

  it('refuses what the API would, field by field', () => {
    const { problems, body } = invitationDrawRequest({ weights: { a: '1.5' }, count: '0', byAge: false, countedOn: '05/12/2026', questions: 'x' }, ['a'], t);
    expect(body).toBeUndefined();
    expect(Object.keys(problems).sort()).toEqual(['count', 'countedOn', 'questions', 'weights']);
    expect(invitationDrawRequest({ weights: {}, count: '5', byAge: false, countedOn: '', questions: '' }, ['a'], t).problems.weights).toBeDefined();
  });

  it('makes a source label from a file name', () => {
    expect(sourceFromFileName('Liste électorale 2026.csv')).toBe('liste-electorale-2026');
    expect(sourceFromFileName('ÉTRANGERS_UE.CSV')).toBe('etrangers_ue');
    expect(sourceFromFileName('.csv')).toBe('list');
  });
});
