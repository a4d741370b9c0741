import { describe, expect, it } from '@jest/globals';
import type { Schemas } from '../../app/api/client';
import { answersBody, emptyAnswers, unansweredQuestions } from './answers';

const questions: Array<Schemas['QuestionDto']> = [
  { id: 'q1', position: 0, kind: 'yes-no', text: 'Interdire ?', options: ['Oui', 'Non'], grades: ['—', '✓'] },
  { id: 'q2', position: 1, kind: 'single', text: 'Tarif ?', options: ['18 €', '12 €', 'Inchangé'], grades: ['—', '✓'] },
  { id: 'q3', position: 2, kind: 'majority-judgment', text: 'Projets', options: ['Rivoli', 'Bastille'], grades: ['Rejeter', 'Passable', 'Bien'] },
];

describe('referendum answers', () => {
  it('lists what is still unanswered', () => {
    expect(unansweredQuestions(questions, emptyAnswers).map((q) => q.id)).toEqual(['q1', 'q2', 'q3']);
    const partial = { choices: new Map<string, number | 'blank'>([['q1', 0]]), grades: new Map([['q3', new Map([['0', 2]])]]) };
    expect(unansweredQuestions(questions, partial).map((q) => q.id)).toEqual(['q2', 'q3']);
  });

  it('builds one answer per question, a blank vote as choice null', () => {
    const draft = {
      choices: new Map<string, number | 'blank'>([
        ['q1', 1],
        ['q2', 'blank'],
      ]),
      grades: new Map([
        [
          'q3',
          new Map([
            ['1', 0],
            ['0', 2],
          ]),
        ],
      ]),
    };
    expect(unansweredQuestions(questions, draft)).toEqual([]);
    expect(answersBody(questions, draft)).toEqual([{ choice: 1 }, { choice: null }, { grades: [2, 0] }]);
  });
});
