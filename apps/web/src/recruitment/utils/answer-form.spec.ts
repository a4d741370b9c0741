import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../app/i18n/translate';
import fr from '../i18n/fr.json';
import { answerRequest, EMPTY_ANSWER } from './answer-form';

const t = createTranslator('fr-FR', fr);
const QUESTIONS = [
  { category: 'genre', values: ['femme', 'homme', 'autre'] },
  { category: 'diplôme', values: ['aucun', 'bac'] },
];

describe('the answer to an invitation', () => {
  it('sends every answer, the contact given and the consent', () => {
    const { problems, body } = answerRequest({ answers: { genre: 'femme', diplôme: 'bac' }, email: ' camille@example.org ', phone: '', availability: ' le samedi ', consent: true }, 'K7M2Q-9XW4D', QUESTIONS, t);
    expect(problems).toEqual({});
    expect(body).toEqual({ code: 'K7M2Q-9XW4D', consent: true, answers: { genre: 'femme', diplôme: 'bac' }, email: 'camille@example.org', availability: 'le samedi' });
  });

  it('names each missing answer, the contact and the consent', () => {
    const { problems, body } = answerRequest({ ...EMPTY_ANSWER, answers: { genre: 'robot' } }, 'X', QUESTIONS, t);
    expect(body).toBeUndefined();
    expect(Object.keys(problems).sort()).toEqual(['consent', 'email', 'question-0', 'question-1']);
    expect(problems['question-1']).toContain('diplôme');
  });

  it('checks the shape of an email address and a phone number', () => {
    const draft = { ...EMPTY_ANSWER, answers: { genre: 'homme', diplôme: 'aucun' }, consent: true };
    expect(answerRequest({ ...draft, email: 'camille' }, 'X', QUESTIONS, t).problems).toHaveProperty('email');
    expect(answerRequest({ ...draft, phone: 'call me' }, 'X', QUESTIONS, t).problems).toHaveProperty('phone');
    expect(answerRequest({ ...draft, phone: '+33 6 12 34 56 78' }, 'X', QUESTIONS, t).problems).toEqual({});
  });
});
