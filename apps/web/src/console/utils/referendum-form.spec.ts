import { describe, expect, it } from '@jest/globals';
import { createTranslator } from '../../app/i18n/translate';
import fr from '../../app/i18n/fr.json';
import { countRequest, EMPTY_REFERENDUM, emptyCount, referendumRequest } from './referendum-form';

const t = createTranslator('fr-FR', fr);

describe('the console’s referendum form', () => {
  it('sends Paris wall-clock times as typed, questions with their options and preset', () => {
    const { body, problems } = referendumRequest(
      {
        ...EMPTY_REFERENDUM,
        title: ' Votation sur les trottinettes ',
        opensAt: '2027-04-02T08:00',
        closesAt: '2027-04-02T19:00',
        questions: [
          { kind: 'yes-no', text: 'Faut-il les interdire ?', options: '', gradePreset: 'fr-5' },
          { kind: 'majority-judgment', text: 'Jugez les projets', options: 'Rivoli\n\nBastille', gradePreset: 'fr-7' },
        ],
      },
      t,
    );
    expect(problems).toEqual({});
    expect(body).toEqual({
      title: 'Votation sur les trottinettes',
      opensAt: '2027-04-02T08:00',
      closesAt: '2027-04-02T19:00',
      minAge: 16,
      districtThreshold: 10,
      questions: [
        { kind: 'yes-no', text: 'Faut-il les interdire ?' },
        { kind: 'majority-judgment', text: 'Jugez les projets', options: ['Rivoli', 'Bastille'], gradePreset: 'fr-7' },
      ],
    });
  });

  it('sends the identity providers chosen, and none when none is', () => {
    const draft = { ...EMPTY_REFERENDUM, title: 'x', opensAt: '2027-04-02T08:00', closesAt: '2027-04-02T19:00', questions: [{ kind: 'yes-no' as const, text: 'Q', options: '', gradePreset: 'fr-5' as const }] };
    expect(referendumRequest({ ...draft, identityProviders: ['franceconnect'] }, t).body).toMatchObject({ identityProviders: ['franceconnect'] });
    expect(referendumRequest(draft, t).body).not.toHaveProperty('identityProviders');
  });

  it('refuses a skipped hour, a single option, a missing question', () => {
    const { problems } = referendumRequest({ ...EMPTY_REFERENDUM, title: 'x', opensAt: '2027-03-28T02:30', closesAt: '2027-03-28T20:00', questions: [{ kind: 'single', text: 'Q', options: 'Seule', gradePreset: 'fr-5' }] }, t);
    expect(Object.keys(problems).sort()).toEqual(['opensAt', 'questions']);
  });

  it('reads an officer’s count: empty cells are zero, anything else must be a whole number', () => {
    const questions = [
      { id: 'q1', position: 0, kind: 'yes-no' as const, text: 'Q1', options: ['Oui', 'Non'], grades: ['✓'] },
      { id: 'q2', position: 1, kind: 'majority-judgment' as const, text: 'Q2', options: ['A', 'B'], grades: ['Bof', 'Bien'] },
    ];
    const drafts = { q1: { options: ['3', ''], blank: '1' }, q2: { options: [['1', '2'], ['3', '']], blank: '' } };
    expect(countRequest(questions, drafts)).toEqual({ counts: { q1: { options: [3, 0], blank: 1 }, q2: { options: [[1, 2], [3, 0]], blank: 0 } } });
    expect(countRequest(questions, { ...drafts, q2: { options: [['1', 'deux'], ['3', '']], blank: '' } })).toEqual({ invalid: 2 });
    expect(emptyCount(questions[1])).toEqual({ options: [['', ''], ['', '']], blank: '' });
  });
});
