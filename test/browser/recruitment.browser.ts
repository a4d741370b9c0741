import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { sourceListCsv } from '../support/source-lists.js';
import { organiser, ORGANISER, request } from './support/api.js';
import { expect, focused, tabTo, test } from './support/fixtures.js';

type Letter = Record<'family_name' | 'given_names' | 'invitation_code' | 'answer_url_with_code', string>;

test.describe('recruitment as Paris does, from the browser', () => {
  test.setTimeout(180_000);

  test('an organiser uploads the lists, publishes and seeds the invitation draw, prints the letters; residents answer with their code; the pool is made from the answers', async ({ signIn, browser, axe, shot }) => {
    const token = await organiser();
    const assembly = await request<{ id: string }>('POST', '/api/assemblies', token, { name: 'Assemblée citoyenne de Paris', seats: 2, termStart: '2027-01-01', termEnd: '2027-12-31' });
    const scratch = mkdtempSync(join(tmpdir(), 'pnyx-recruitment-'));
    const file = (name: string, text: string): string => {
      const path = join(scratch, name);
      writeFileSync(path, text);
      return path;
    };

    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto(`/console/assemblies/${assembly.id}`);
    await page.getByRole('link', { name: 'Recrutement : invitations et réponses' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Recrutement : Assemblée citoyenne de Paris' })).toBeVisible();
    await axe(page, 'recruitment: empty');

    // A list with problems: refused whole, each line named.
    await page.getByLabel('Liste (CSV)').setInputFiles(file('bad.csv', 'id;nom;prénoms;date de naissance;adresse;code postal\nE1;Nom;Jean;1980-13-01;1 rue A;75001\nE1;Nom;Jean;1980-01-01;2 rue A;75001\n'));
    await expect(page.getByLabel('Source', { exact: true })).toHaveValue('bad');
    await page.getByRole('button', { name: 'Déposer et vérifier' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'La liste bad.csv a 2 problèmes' });
    await expect(refusal).toBeVisible();
    await expect(refusal.getByRole('listitem').first()).toContainText('Ligne 2, colonne date de naissance :');
    await axe(page, 'recruitment: a refused list');

    // The three lists of Paris's recruitment: electoral roll, foreign residents, young people.
    for (const [source, people, text] of [
      ['roll', 400, sourceListCsv(400, 'E')],
      ['foreign', 120, sourceListCsv(120, 'F', true)],
      ['young', 60, sourceListCsv(60, 'Y')],
    ] as const) {
      await page.getByLabel('Source', { exact: true }).fill('');
      await page.getByLabel('Liste (CSV)').setInputFiles(file(`${source}.csv`, text));
      await page.getByRole('button', { name: 'Déposer et vérifier' }).click();
      await expect(page.getByText(`${people} personnes lues dans la liste ${source}.`)).toBeVisible();
    }
    const lists = page.getByRole('region', { name: 'Les listes de la ville' });
    await expect(lists.getByRole('row')).toHaveCount(4);

    // Published before the seed: weights 80/15/5 for 20 invitations, the form's questions as offered.
    await page.getByLabel('Poids de roll (400 personnes)').fill('80');
    await page.getByLabel('Poids de foreign (120 personnes)').fill('15');
    await page.getByLabel('Poids de young (60 personnes)').fill('5');
    await page.getByLabel('Invitations', { exact: true }).fill('20');
    await page.getByRole('button', { name: 'Publier le tirage' }).click();
    await expect(page.getByRole('heading', { name: /Publié, en attente de sa graine/ })).toBeVisible();
    await axe(page, 'recruitment: published draw');

    await page.getByLabel('La graine', { exact: true }).fill('6 2 5 1 3 3');
    await page.getByLabel('Graine donnée par (facultatif)').fill('Un habitant du 20e, dés lancés en public');
    await page.getByLabel('Personnes présentes (facultatif)').fill('Maître Élise Dupont, commissaire de justice');
    await page.getByRole('button', { name: 'Tirer les invitations' }).click();
    await expect(page.getByRole('heading', { name: /^Tiré —/ })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText('roll : 16 invitations (80 % ; poids 80)')).toBeVisible();
    await expect(page.getByText('foreign : 3 invitations (15 % ; poids 15)')).toBeVisible();
    await axe(page, 'recruitment: drawn');
    await shot(page, 'recruitment-drawn-fr');

    // The assembly's public page shows what was published, and how to reproduce it.
    const visitor = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const publicPage = await visitor.newPage();
    await publicPage.goto(`/assemblies/${assembly.id}`);
    const recruitment = publicPage.getByRole('region', { name: 'Comment les membres sont recrutés' });
    await expect(recruitment.getByRole('heading', { name: /^Invitations tirées —/ })).toBeVisible();
    await expect(recruitment.getByText('6 2 5 1 3 3', { exact: true })).toBeVisible();
    await expect(recruitment.locator('pre.command')).toContainText('pnyx sortition invite --lists roll.csv,foreign.csv,young.csv --sources roll,foreign,young --count 20 --mix 80,15,5');
    await axe(publicPage, 'assembly page: how the members are recruited');
    await shot(publicPage, 'assembly-recruitment-fr');
    await visitor.close();

    // The letters for the printer: a code each, shown this once.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger les lettres (CSV)' }).click()]);
    const letters = parse<Letter>(readFileSync((await download.path()), 'utf8'), { columns: true });
    expect(letters).toHaveLength(20);
    await expect(page.getByRole('button', { name: 'Lettres des invitations sans code' })).toBeVisible();

    // A resident follows the link printed on their letter, on a phone: the code leaves the address bar.
    const phone = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 320, height: 720 } });
    const resident = await phone.newPage();
    await resident.goto(new URL(letters[0].answer_url_with_code).pathname + new URL(letters[0].answer_url_with_code).search);
    await expect(resident.getByRole('heading', { level: 1, name: 'Votre invitation : Assemblée citoyenne de Paris' })).toBeVisible();
    expect(new URL(resident.url()).search).toBe('');
    await expect(resident.getByText(`Camille ${letters[0].family_name}, vous êtes invité·e`)).toBeVisible();
    // Sent empty: the summary names what is missing and takes the focus.
    await resident.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    const summary = resident.getByRole('alert').filter({ hasText: 'Avant d’envoyer votre réponse' });
    await expect(summary).toBeFocused();
    await expect(summary).toContainText('Choisissez une réponse pour « genre ».');
    await expect(summary).toContainText('Cochez la case pour donner votre consentement');
    await axe(resident, 'respond: refused at 320 px');
    await resident.getByRole('group', { name: 'genre' }).getByLabel('femme').check();
    await resident.getByRole('group', { name: 'diplôme' }).getByLabel('bac+2').check();
    await resident.getByRole('group', { name: 'activité' }).getByLabel('en emploi').check();
    await resident.getByLabel('Courriel').fill('camille@example.org');
    await resident.getByLabel('Vos disponibilités (facultatif)').fill('Le samedi');
    await resident.getByLabel('J’accepte que mes données servent au tirage et à l’assemblée').check();
    // Each field's error goes as it is corrected.
    await expect(resident.getByText('Cochez la case pour donner votre consentement').last()).toBeHidden();
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await shot(resident, 'respond-form-fr-320');
    await resident.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await expect(resident.getByText('Merci, Camille : votre réponse est enregistrée.')).toBeVisible();
    await axe(resident, 'respond: thanks');

    // Another, in English, typing the code by hand; a wrong code first says what to do.
    await resident.goto('/respond');
    await resident.getByRole('button', { name: 'Switch to English' }).click();
    await resident.getByLabel('Code from your letter').fill('AAAAA-BBBBB-CCCCC-DDDDD');
    await resident.getByRole('button', { name: 'Continue' }).click();
    await expect(resident.getByRole('alert')).toContainText('This code matches no invitation: check it against your letter');
    await resident.getByLabel('Code from your letter').fill(letters[1].invitation_code.toLowerCase());
    await resident.getByRole('button', { name: 'Continue' }).click();
    await expect(resident.getByRole('heading', { level: 2, name: 'What the city’s lists say' })).toBeVisible();
    await resident.getByRole('group', { name: 'genre' }).getByLabel('homme').check();
    await resident.getByRole('group', { name: 'diplôme' }).getByLabel('bac', { exact: true }).check();
    await resident.getByRole('group', { name: 'activité' }).getByLabel('retraité').check();
    await resident.getByLabel('Phone').fill('+33 6 12 34 56 78');
    await resident.getByLabel('I agree to my data being used for the draw and the assembly').check();
    await axe(resident, 'respond: English at 320 px');
    await shot(resident, 'respond-form-en-320');
    await resident.getByRole('button', { name: 'Send my answer' }).click();
    await expect(resident.getByText('your answer is recorded')).toBeVisible();
    await phone.close();

    // A third answers by keyboard alone: the code, the radios with the arrow keys, the box with Space.
    const keyboardContext = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'fr-FR', timezoneId: 'Europe/Paris' });
    const keys = await keyboardContext.newPage();
    await keys.goto('/respond');
    await tabTo(keys, (element) => element.text.startsWith('Code de votre lettre'));
    await keys.keyboard.type(letters[4].invitation_code);
    await keys.keyboard.press('Enter');
    await expect(keys.getByRole('heading', { level: 1, name: 'Votre invitation : Assemblée citoyenne de Paris' })).toBeVisible();
    for (const [group, steps] of [['genre', 1], ['diplôme', 2], ['activité', 0]] as const) {
      await tabTo(keys, (element) => element.group === group);
      if (steps === 0) await keys.keyboard.press('Space');
      for (let i = 0; i < steps; i += 1) await keys.keyboard.press('ArrowDown');
      expect((await focused(keys))?.checked, `${group} chosen by keyboard`).toBe(true);
    }
    await tabTo(keys, (element) => element.text === 'Courriel');
    await keys.keyboard.type('sacha@example.org');
    await tabTo(keys, (element) => element.type === 'checkbox');
    await keys.keyboard.press('Space');
    await tabTo(keys, (element) => element.tag === 'button' && element.text === 'Envoyer ma réponse');
    await keys.keyboard.press('Enter');
    await expect(keys.getByText(/Merci, Camille : votre réponse est enregistrée\./)).toBeVisible();
    await keyboardContext.close();

    // Back in the console: the answers, the rate drawn, one more given by phone.
    await page.reload();
    await expect(page.getByText('3 réponses sur 20 invitations (15 %)')).toBeVisible();
    await page.getByLabel('Code d’invitation').fill(letters[2].invitation_code);
    await page.getByLabel('Par téléphone').check();
    await page.getByLabel('genre').selectOption('autre');
    await page.getByLabel('diplôme').selectOption('bac');
    await page.getByLabel('activité').selectOption('étudiant');
    await page.getByLabel('Téléphone (facultatif)').fill('06 12 34 56 78');
    await page.getByLabel('La personne a consenti au traitement de ses données pour le tirage et l’assemblée').check();
    await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await expect(page.getByText(/Réponse enregistrée ; le pseudonyme de la personne est R[0-9A-Z]{8}\./)).toBeVisible();
    const answers = page.getByRole('region', { name: 'Réponses' });
    await expect(answers.getByRole('row')).toHaveCount(5);
    await expect(answers.getByRole('row', { name: new RegExp(letters[2].family_name) })).toContainText('par téléphone');

    // A lost letter: found by name, a new code shown once.
    await page.getByLabel('Nom', { exact: true }).fill(letters[3].family_name.toUpperCase());
    await page.getByRole('button', { name: 'Rechercher' }).click();
    const found = page.getByRole('table', { name: `Invitations correspondant à « ${letters[3].family_name.toUpperCase()} »` });
    await expect(found.getByRole('row', { name: new RegExp(`Camille ${letters[3].family_name}\\b`) })).toContainText('lettre envoyée');
    await found.getByRole('button', { name: `Nouveau code pour Camille ${letters[3].family_name}`, exact: true }).click();
    await expect(page.getByText(`Nouveau code pour Camille ${letters[3].family_name} :`)).toBeVisible();
    await axe(page, 'recruitment: a new code for a lost letter');

    // The phone answer is withdrawn (the person changed their mind), with a reason.
    await answers.getByRole('button', { name: `Retirer la réponse de Camille ${letters[2].family_name}` }).click();
    await page.getByRole('button', { name: 'Retirer la réponse', exact: true }).click();
    await expect(page.getByText('Indiquez le motif.')).toBeVisible();
    await page.getByLabel('Motif').fill('A rappelé pour se retirer');
    await page.getByRole('button', { name: 'Retirer la réponse', exact: true }).click();
    await expect(answers.getByRole('row')).toHaveCount(4);

    // The stage-2 pool from the answers, with quotas on gender; then the usual draw page.
    await page.getByLabel('Fichier des quotas').setInputFiles(file('quotas.csv', 'feature,value,min,max\ngenre,femme,0,2\ngenre,homme,0,2\ngenre,autre,0,2\n'));
    await page.getByRole('button', { name: 'Constituer le vivier' }).click();
    await expect(page.getByText('Vivier constitué : 3 répondants.')).toBeVisible();
    await axe(page, 'recruitment: answers and pool');
    // Wide tables scroll in their own region; the page itself never scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBe(1280);
    await shot(page, 'recruitment-answers-fr');
    await page.getByRole('link', { name: 'Aller au tirage' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Vivier et quotas' })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Lancer le calcul du tirage' })).toBeVisible();
  });
});
