import { readFileSync } from 'node:fs';
import { castAs, closePoll, openResidentPoll, residentToken, uniqueEmail } from './support/api.js';
import { expect, focused, tabTo, test } from './support/fixtures.js';

const OPTIONS = ['Végétaliser la place de la Bastille', 'Une piste cyclable rue de Rivoli', 'Des fontaines dans les squares', 'Piétonniser les abords des écoles', 'Des bancs et de l’ombre'];
// What this voter gives each option, by keyboard: the grade names of the fr-7 preset.
const MY_GRADES = ['Très bien', 'Bien', 'Excellent', 'Assez bien', 'Passable'];

test.describe('a resident votes by majority judgment, keeps the receipt, and finds it counted', () => {
  test('in French, by keyboard alone, with no serious accessibility violation', async ({ page, axe, shot }) => {
    const poll = await openResidentPoll('Budget participatif : projets du 11ᵉ arrondissement', OPTIONS, {
      description: 'Donnez une mention à chaque projet. Les projets les mieux classés seront réalisés en 2027.',
      closesAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
    });
    // Two other residents have voted already.
    for (const grades of [
      [6, 2, 4, 3, 1],
      [5, 3, 6, 2, 0],
    ]) {
      await castAs(await residentToken(), poll.id, Object.fromEntries(poll.options.map((option, i) => [option.id, grades[i]])));
    }

    // Home: French by default, one h1, the poll among the open votes with its deadline.
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Participer aux décisions de la ville');
    await expect(page.getByRole('link', { name: poll.title })).toBeVisible();
    await axe(page, 'home');

    // Sign up, by keyboard: the skip link first, then the form fields in order.
    await page.goto(`/signup?next=/polls/${poll.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer un compte');
    await page.keyboard.press('Tab');
    expect((await focused(page))?.text).toBe('Aller au contenu');
    await tabTo(page, (element) => element.text === 'Votre nom');
    await page.keyboard.type('Camille Martin');
    await page.keyboard.press('Tab');
    await page.keyboard.type(uniqueEmail('camille'));
    await page.keyboard.press('Tab');
    await page.keyboard.type('short');
    await page.keyboard.press('Enter');
    // A password too short is explained before anything is sent.
    await expect(page.getByText('Le mot de passe doit compter au moins 12 caractères.')).toBeVisible();
    await axe(page, 'sign-up with an error');
    await page.getByLabel('Mot de passe').focus();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('une phrase de passe assez longue');
    await page.keyboard.press('Enter');

    // Back on the poll, signed in: the ballot.
    await expect(page).toHaveURL(new RegExp(`/polls/${poll.id}$`));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(poll.title);
    await expect(page.getByText('Connecté·e : Camille Martin')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Votre bulletin' })).toBeVisible();
    await expect(page.getByText('2 personnes ont voté')).toBeVisible();
    await expect(page.getByText('Ce vote demande une mention pour chaque option.')).toBeVisible();
    // Each option is a fieldset named by its legend, holding one radio per grade, best first.
    const first = page.getByRole('group', { name: OPTIONS[0] });
    await expect(first.getByRole('radio')).toHaveCount(7);
    await expect(first.getByRole('radio').first()).toHaveAccessibleName('Excellent');
    await expect(first.getByRole('radio').last()).toHaveAccessibleName('À rejeter');
    await axe(page, 'ballot');
    await shot(page, 'ballot-fr', { fullPage: false });

    // Review too early: the ballot says what is missing, with links to each option.
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Relire mon vote');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Il reste 5 options à évaluer' })).toBeFocused();
    await expect(page.getByRole('link', { name: OPTIONS[0] })).toBeVisible();
    await axe(page, 'ballot with missing options');

    // Grade each option by keyboard: Tab into its radio group, arrows to the grade, Space to choose.
    for (const [i, option] of OPTIONS.entries()) {
      const radio = await tabTo(page, (element) => element.type === 'radio' && element.group === option);
      expect(radio.text).toBe('Excellent');
      const grades = ['Excellent', 'Très bien', 'Bien', 'Assez bien', 'Passable', 'Insuffisant', 'À rejeter'];
      for (let step = 0; step < grades.indexOf(MY_GRADES[i]); step += 1) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Space');
      const chosen = await focused(page);
      expect(chosen).toMatchObject({ text: MY_GRADES[i], checked: true, group: option });
      await expect(page.getByRole('status').filter({ hasText: 'évaluée' })).toHaveText(`${i + 1} option${i === 0 ? '' : 's'} évaluée${i === 0 ? '' : 's'} sur 5`);
    }
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Relire mon vote');
    await page.keyboard.press('Enter');

    // Review: every grade listed; focus on the review's heading.
    await expect(page.getByRole('heading', { name: 'Relisez votre vote' })).toBeFocused();
    for (const [i, option] of OPTIONS.entries()) await expect(page.getByRole('row', { name: `${option} ${MY_GRADES[i]}` })).toBeVisible();
    await axe(page, 'review');
    await tabTo(page, (element) => element.tag === 'button' && element.text === 'Voter');
    await page.keyboard.press('Enter');

    // The receipt, shown once, with what it proves; copied and downloaded by keyboard.
    await expect(page.getByRole('heading', { name: 'Votre reçu' })).toBeFocused();
    const receipt = (await page.locator('#receipt-code').textContent())!.trim();
    expect(receipt).toMatch(/^([0-9A-HJKMNP-TV-Z]{5}-){5}[0-9A-HJKMNP-TV-Z]{5}$/);
    await expect(page.getByText('Il ne dit pas comment vous avez voté')).toBeVisible();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await tabTo(page, (element) => element.text === 'Copier le reçu');
    await page.keyboard.press('Enter');
    await expect(page.getByText('Reçu copié.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(receipt);
    const download = page.waitForEvent('download');
    await tabTo(page, (element) => element.text === 'Télécharger (fichier texte)');
    await page.keyboard.press('Enter');
    const file = readFileSync((await (await download).path()), 'utf8');
    expect(file).toMatch(new RegExp(`Reçu\\s:\\s${receipt}`));
    expect(file).toContain(`/verify?poll=${poll.id}`);
    await axe(page, 'receipt');
    await shot(page, 'receipt-fr');

    // While the poll is open, its results page shows turnout only.
    await page.goto(`/polls/${poll.id}/results`);
    await expect(page.getByText('3 personnes ont voté')).toBeVisible();
    await expect(page.getByText('Les résultats seront publiés à la clôture du vote.')).toBeVisible();
    await expect(page.getByRole('list', { name: /Votes par mention/ })).toHaveCount(0);

    // Coming back to the poll: it says I have voted, and does not offer a second ballot.
    await page.goto(`/polls/${poll.id}`);
    await expect(page.getByText('Vous avez déjà voté. Votre vote compte une fois.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Votre bulletin' })).toHaveCount(0);

    // The organiser closes the poll; the page learns it live and offers the results.
    await closePoll(poll.id);
    await expect(page.getByRole('link', { name: 'Voir les résultats' })).toBeVisible();
    await page.getByRole('link', { name: 'Voir les résultats' }).focus();
    await page.keyboard.press('Enter');

    // Results: the ranking with a merit profile per option, its majority grade named, exact figures in a table.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Résultats : ${poll.title}`);
    await expect(page.getByText('3 bulletins comptés.')).toBeVisible();
    const ranking = page.getByRole('list', { name: /Votes par mention pour chaque option/ });
    await expect(ranking.getByRole('listitem')).toHaveCount(5);
    // "Des fontaines": Excellent, Excellent, Bien → majority grade Excellent: first.
    await expect(ranking.getByRole('listitem').first()).toContainText('1ᵉʳ');
    await expect(ranking.getByRole('listitem').first()).toContainText('Des fontaines dans les squares');
    await expect(ranking.getByRole('listitem').first()).toContainText('Mention majoritaire : Excellent');
    const bar = ranking.getByRole('img', { name: /Profil de mérite de Des fontaines dans les squares/ });
    await expect(bar).toHaveAccessibleName(/Excellent 66,7\s%\s\(2\)/);
    await bar.focus();
    await expect(ranking.getByRole('listitem').first().getByText(/Excellent 66,7\s%\s\(2\)/)).toBeVisible();
    await page.getByText('Tableau des mentions (chiffres exacts)').click();
    await expect(page.getByRole('table', { name: /Votes par mention/ }).getByRole('row')).toHaveCount(6);
    await expect(page.getByText(/Empreinte SHA-256 du registre/)).toBeVisible();
    await expect(page.getByText('pnyx mj recount --bulletin-board')).toBeVisible();
    await axe(page, 'results');
    await shot(page, 'results-fr');

    // The receipt check: pasted, it is among the counted ballots; a made-up one is not.
    await page.getByRole('link', { name: 'Vérifier mon reçu' }).first().click();
    await expect(page.getByRole('combobox', { name: 'Vote' })).toHaveValue(poll.id);
    await page.getByLabel('Reçu', { exact: true }).fill(receipt.toLowerCase());
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByText('Votre bulletin figure parmi les bulletins comptés.')).toBeVisible();
    await axe(page, 'receipt check, included');
    await page.getByLabel('Reçu', { exact: true }).fill('AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA');
    await page.getByRole('button', { name: 'Vérifier' }).click();
    await expect(page.getByText('Aucun bulletin de ce vote ne correspond à ce reçu.')).toBeVisible();
    await axe(page, 'receipt check, not included');
  });
});
