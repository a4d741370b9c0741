import { closeReferendum, openReferendum, voteInReferendum } from './support/api.js';
import { expect, test } from './support/fixtures.js';

const QUESTIONS = [
  { kind: 'yes-no', text: 'Faut-il interdire les trottinettes en libre-service ?' },
  { kind: 'single', text: 'Quel tarif horaire pour le stationnement des SUV ?', options: ['18 €', '12 €', 'Inchangé'] },
  { kind: 'majority-judgment', text: 'Jugez les projets de végétalisation', options: ['Rue de Rivoli', 'Place de la Bastille'], gradePreset: 'fr-5' },
];

/** Mistypes one character of a code (keeping it in the alphabet), as a hurried reader would. */
function mistype(code: string): string {
  const position = 6; // in the second group
  const replacement = code[position] === 'X' ? 'Y' : 'X';
  return `${code.slice(0, position)}${replacement}${code.slice(position + 1)}`;
}

test.describe('a citizen vote with the code from the letter, no account', () => {
  test('a typo is caught before sending, a wrong birth date is explained, the vote is counted and checkable', async ({ page, axe, shot }) => {
    const { id, electors } = await openReferendum('Votation citoyenne sur les mobilités', QUESTIONS, [
      { externalId: 'E1', birthDate: '1984-03-09', district: '11e' },
      { externalId: 'E2', birthDate: '1990-11-30', district: '11e' },
      { externalId: 'E3', birthDate: '1975-06-02', district: '20e' },
    ]);
    const me = electors[0];
    const ballotRequests: string[] = [];
    page.on('request', (request) => {
      if (request.url().endsWith(`/api/referendums/${id}/ballots`)) ballotRequests.push(request.method());
    });

    await page.goto(`/referendums/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Votation citoyenne sur les mobilités');
    await expect(page.getByText(/Votants\s:\s0 sur 3 inscrits/)).toBeVisible();
    await axe(page, 'referendum: code step');

    // A mistyped code: the check character catches it here, and nothing is sent.
    await page.getByRole('textbox', { name: 'Code de vote' }).fill(mistype(me.code).toLowerCase().replace(/-/g, ' '));
    await page.getByLabel('Jour').fill('9');
    await page.getByLabel('Mois').fill('3');
    await page.getByLabel('Année').fill('1984');
    await page.getByRole('button', { name: 'Continuer' }).click();
    const summary = page.getByRole('alert').filter({ hasText: 'Corrigez ce qui suit' });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('un caractère a sans doute été mal recopié');
    await expect(page.getByRole('textbox', { name: 'Code de vote' })).toHaveAttribute('aria-invalid', 'true');
    expect(ballotRequests).toEqual([]);
    await axe(page, 'referendum: code refused in the browser');
    await shot(page, 'referendum-code-fr');

    // The right code, typed in lower case without dashes, is regrouped as on the letter; a wrong birth date.
    await page.getByRole('textbox', { name: 'Code de vote' }).fill(me.code.replace(/-/g, '').toLowerCase());
    await expect(page.getByRole('textbox', { name: 'Code de vote' })).toHaveValue(me.code);
    await page.getByLabel('Année').fill('1985');
    await page.getByRole('button', { name: 'Continuer' }).click();

    // The questions: yes/no and single choice (with a blank vote), and a majority-judgment ballot.
    await expect(page.getByRole('heading', { name: '2. Vos réponses' })).toBeFocused();
    await page.getByRole('button', { name: 'Relire mes réponses' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Il reste 3 questions sans réponse' })).toBeFocused();
    await page.getByRole('group', { name: /Question 1/ }).getByRole('radio', { name: 'Oui' }).check();
    await page.getByRole('group', { name: /Question 2/ }).getByRole('radio', { name: 'Vote blanc' }).check();
    await page.getByRole('group', { name: 'Rue de Rivoli' }).getByRole('radio', { name: 'Très bien' }).check();
    await page.getByRole('group', { name: 'Place de la Bastille' }).getByRole('radio', { name: 'Passable' }).check();
    await axe(page, 'referendum: questions');
    await page.getByRole('button', { name: 'Relire mes réponses' }).click();
    await expect(page.getByRole('heading', { name: '3. Confirmez votre vote' })).toBeFocused();
    await expect(page.getByText('Vote blanc')).toBeVisible();
    await expect(page.getByText(/Rue de Rivoli\s:\sTrès bien/)).toBeVisible();
    await page.getByRole('button', { name: 'Voter' }).click();

    // Refused by the server: said in words, with the attempts left, back on the first step; answers kept.
    await expect(page.getByText('Le code et la date de naissance ne correspondent pas. Vérifiez votre date de naissance : il vous reste 4 essais avant que ce code soit bloqué.')).toBeVisible();
    await expect(page.getByRole('heading', { name: '1. Votre code de vote' })).toBeVisible();
    await axe(page, 'referendum: identity mismatch');
    await page.getByLabel('Année').fill('1984');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await expect(page.getByRole('group', { name: /Question 1/ }).getByRole('radio', { name: 'Oui' })).toBeChecked();
    await page.getByRole('button', { name: 'Relire mes réponses' }).click();
    await page.getByRole('button', { name: 'Voter' }).click();

    // The receipt; the turnout (live) counts the vote.
    await expect(page.getByText('Votre vote est enregistré. Merci !')).toBeVisible();
    const receipt = (await page.locator('#receipt-code').textContent())!.trim();
    expect(ballotRequests).toEqual(['POST', 'POST']);
    await axe(page, 'referendum: receipt');

    // The same elector again: refused, once either way.
    await page.goto(`/referendums/${id}`);
    await expect(page.getByText(/Votants\s:\s1 sur 3 inscrits/)).toBeVisible();
    await page.getByRole('textbox', { name: 'Code de vote' }).fill(me.code);
    await page.getByLabel('Jour').fill('9');
    await page.getByLabel('Mois').fill('3');
    await page.getByLabel('Année').fill('1984');
    await page.getByRole('button', { name: 'Continuer' }).click();
    await page.getByRole('group', { name: /Question 1/ }).getByRole('radio', { name: 'Non' }).check();
    await page.getByRole('group', { name: /Question 2/ }).getByRole('radio', { name: '18 €' }).check();
    await page.getByRole('group', { name: 'Rue de Rivoli' }).getByRole('radio', { name: 'Bien', exact: true }).check();
    await page.getByRole('group', { name: 'Place de la Bastille' }).getByRole('radio', { name: 'Bien', exact: true }).check();
    await page.getByRole('button', { name: 'Relire mes réponses' }).click();
    await page.getByRole('button', { name: 'Voter' }).click();
    await expect(page.getByText('Cet électeur a déjà voté, en ligne ou au bureau de vote.')).toBeVisible();

    // Two more electors vote, one in each district; then the close.
    await voteInReferendum(id, electors[1], [{ choice: 1 }, { choice: 0 }, { grades: [4, 2] }]);
    await voteInReferendum(id, electors[2], [{ choice: 0 }, { choice: 1 }, { grades: [2, 3] }]);
    await expect(page.getByText(/Votants\s:\s3 sur 3 inscrits/)).toBeVisible(); // live

    // After the close: results by question and district, and the receipt found in each ballot box.
    await closeReferendum(id);
    await page.goto(`/referendums/${id}/results`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Résultats : Votation citoyenne sur les mobilités');
    await expect(page.getByRole('heading', { name: /Question 1 : Faut-il interdire/ })).toBeVisible();
    // Question 1: Oui twice, Non once; question 2: my blank vote, 18 € and 12 €.
    await expect(page.getByText(/66,7\s%\sdes suffrages exprimés \(2 voix\)/)).toBeVisible();
    await expect(page.getByText(/Bulletins comptés\s:\s3 \(dont blancs\s:\s1\)/)).toBeVisible();
    const turnout = page.getByRole('table', { name: 'Participation par arrondissement' });
    await expect(turnout.getByRole('row', { name: /11e 2 2 100\s%/ })).toBeVisible();
    const byDistrict = page.getByRole('table', { name: /Résultats par arrondissement — Faut-il interdire/ });
    await expect(byDistrict.getByRole('row', { name: /20e 1 100\s% \(1\) 0\s% \(0\)/ })).toBeVisible();
    await axe(page, 'referendum: results');
    await shot(page, 'referendum-results-fr');

    await page.goto(`/verify?referendum=${id}`);
    await page.getByLabel('Votre arrondissement').selectOption('11e');
    await page.getByLabel('Reçu', { exact: true }).fill(receipt);
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByText('Votre bulletin figure parmi les bulletins comptés.')).toBeVisible();
    await expect(page.getByText('Il est dans chacune des 3 urnes de votre arrondissement (une par question).')).toBeVisible();
    await axe(page, 'referendum: receipt check');
  });
});
