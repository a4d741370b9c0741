import { readFileSync } from 'node:fs';
import { assemblyWithPetition, baseUrl, castAs, organiser, ORGANISER, parisLocal, residentToken, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

async function register(name: string): Promise<{ email: string; password: string }> {
  const email = uniqueEmail(name.toLowerCase());
  const password = `${name} a une phrase de passe`;
  const response = await fetch(`${baseUrl()}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password, displayName: name }) });
  if (response.status !== 201) throw new Error(`register ${name}: ${response.status}`);
  return { email, password };
}

async function api<T>(method: string, path: string, token: string, body?: unknown): Promise<T> {
  const response = await fetch(`${baseUrl()}${path}`, { method, headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return (text === '' ? undefined : JSON.parse(text)) as T;
}

test.describe('the organisers’ console: votes, citywide votes, the agenda, the audit log', () => {
  test.setTimeout(240_000);
  test.beforeAll(async () => {
    await organiser(); // the city's organiser role, granted once to the CLI's admin
  });

  test('a poll from draft to published: written, corrected, opened, followed live, closed, published', async ({ signIn, axe, shot }) => {
    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto('/console/polls/new');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect(page.getByRole('alert').getByText('Donnez une question ou un titre au vote.')).toBeVisible();
    await page.getByLabel('Question ou titre').fill('Quel aménagement pour la place de la Réunion ?');
    await page.getByLabel('Option 1', { exact: true }).fill('Des arbres et des bancs');
    await page.getByLabel('Option 2', { exact: true }).fill('Une aire de jeux');
    await axe(page, 'poll editor');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Quel aménagement pour la place de la Réunion ?' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('État : brouillon');

    // The draft, corrected: a third option pasted in.
    await page.getByRole('button', { name: 'Coller une liste d’options' }).click();
    await page.getByLabel('Options, une par ligne').fill('Un jardin partagé');
    await page.getByRole('button', { name: 'Ajouter ces options' }).click();
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await expect(page.getByText('Brouillon enregistré.')).toBeVisible();
    await expect(page.getByLabel('Option 3', { exact: true })).toHaveValue('Un jardin partagé');

    await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await expect(page.getByText('Ouvrir le vote maintenant ? Il ne pourra plus être modifié.')).toBeVisible();
    await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('État : ouvert');
    await expect(page.getByText(/0 votants/)).toBeVisible();
    const pollId = page.url().split('/').pop()!;
    const poll = await api<{ options: Array<{ id: string }> }>('GET', `/api/polls/${pollId}`, await residentToken());
    await castAs(await residentToken(), pollId, Object.fromEntries(poll.options.map((option, i) => [option.id, 6 - i])));
    await expect(page.getByText(/^1 votants/)).toBeVisible({ timeout: 10_000 });
    await axe(page, 'open poll in the console');

    await page.getByRole('button', { name: 'Clore le vote' }).click();
    await page.getByRole('button', { name: 'Clore le vote' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('État : clos');
    await page.getByRole('button', { name: 'Publier le résultat' }).click();
    await page.getByRole('button', { name: 'Publier le résultat' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('État : publié');
    await shot(page, 'console-poll-fr');
    await page.getByRole('link', { name: 'Voir le résultat' }).click();
    await expect(page.getByRole('img', { name: /Profil de mérite de Des arbres et des bancs/ })).toBeVisible();
  });

  test('a citywide vote: the roll’s bad row reported, codes issued once, officers appointed, a paper vote, the double count accepted, published', async ({ signIn, axe, shot }) => {
    const [officerA, officerB] = [await register('Assesseure'), await register('Assesseur')];
    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto('/console/referendums/new');
    await page.getByLabel('Titre', { exact: true }).fill('Votation sur les trottinettes');
    await page.getByLabel('Ouverture').fill(parisLocal(-1));
    await page.getByLabel('Clôture').fill(parisLocal(3));
    await page.getByLabel('Question 1', { exact: true }).fill('Faut-il interdire les trottinettes en libre-service ?');
    await axe(page, 'referendum form');
    await page.getByRole('button', { name: 'Créer la votation' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Votation sur les trottinettes' })).toBeVisible();

    // The roll: a dry run reports the bad row in words; the corrected file is imported.
    const header = 'identifiant,nom,prénoms,date de naissance,arrondissement,bureau de vote';
    const good = ['E1,Martin,Camille,1980-04-12,11e,1101', 'E2,Durand,Louis,1975-11-30,11e,1101', 'E3,Petit,Inès,1990-06-01,12e,1201'];
    await page.getByLabel('Fichier de la liste').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...good, 'E4,Faux,Jean,31/02/1990,12e,1201'].join('\n')) });
    await page.getByRole('button', { name: 'Vérifier (essai à blanc)' }).click();
    const rejected = page.getByRole('table', { name: '1 ligne rejetée' });
    await expect(rejected.getByRole('row', { name: /E4/ })).toContainText('la date de naissance « 31/02/1990 » n’est pas une date');
    await expect(page.getByText('Essai à blanc : 3 lignes valides, rien n’a été enregistré.')).toBeVisible();
    await page.getByLabel('Fichier de la liste').setInputFiles({ name: 'liste.csv', mimeType: 'text/csv', buffer: Buffer.from([header, ...good].join('\n')) });
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
    await expect(page.getByText('Liste importée : 3 électeurs.')).toBeVisible();

    // The codes, once, for the mailing.
    await page.getByRole('button', { name: 'Éditer les codes…' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Éditer et télécharger les codes' }).click();
    const codes = readFileSync(await (await download).path(), 'utf8').trim().split(/\r?\n/);
    expect(codes).toHaveLength(4);
    await expect(page.getByText('3 codes édités et téléchargés.')).toBeVisible();

    // Two officers for station 1101.
    for (const officer of [officerA, officerB]) {
      await page.getByLabel('Adresse e-mail du compte').fill(officer.email);
      await page.getByLabel('Bureau', { exact: true }).selectOption('1101');
      await page.getByRole('button', { name: 'Nommer', exact: true }).click();
      await expect(page.getByRole('table', { name: 'Bureaux de vote' }).getByRole('row', { name: /1101/ })).toContainText(officer.email);
    }
    await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await page.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('ouverte');
    await expect(page.getByText(/Liste électorale figée \(3 électeurs\)/)).toBeVisible();
    await axe(page, 'referendum in the console');
    await shot(page, 'console-referendum-fr');
    const referendumId = page.url().split('/').pop()!;

    // Officer A at the table: checks E1, records the paper vote.
    const a = await signIn(officerA.email, officerA.password);
    await a.getByRole('link', { name: 'Bureau de vote' }).click();
    // The home page just left lists the same vote (linking to the public ballot): wait for the officer's page.
    await expect(a.getByRole('heading', { level: 1, name: 'Mes bureaux de vote' })).toBeVisible();
    await a.getByRole('link', { name: 'Votation sur les trottinettes' }).click();
    await a.getByLabel('Identifiant de l’électeur').fill('E3');
    await a.getByRole('button', { name: 'Contrôler' }).click();
    await expect(a.getByRole('alert')).toContainText('Cet électeur vote dans un autre bureau');
    await a.getByLabel('Identifiant de l’électeur').fill('E1');
    await a.getByRole('button', { name: 'Contrôler' }).click();
    await expect(a.locator('.elector-card')).toContainText('Martin Camille');
    await a.getByRole('button', { name: 'Enregistrer son vote à l’urne' }).click();
    await expect(a.getByText('Vote à l’urne enregistré')).toBeVisible();
    await axe(a, 'officer page');

    // The close; the double entry: waiting, a mismatch named, then accepted.
    await page.getByRole('button', { name: 'Clore le vote' }).click();
    await page.getByRole('button', { name: 'Clore le vote' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('close et dépouillée');
    await a.reload();
    await a.getByLabel('Voix pour « Oui »').fill('1');
    await a.getByRole('button', { name: 'Enregistrer le décompte' }).click();
    await expect(a.getByText('Décompte enregistré. Il sera accepté quand un second assesseur aura saisi les mêmes chiffres.')).toBeVisible();
    const b = await signIn(officerB.email, officerB.password);
    await b.goto(`/officer/referendums/${referendumId}`);
    await expect(b.getByRole('table', { name: 'Bureaux de vote' })).toContainText('en attente de la seconde saisie');
    await b.getByLabel('Voix pour « Non »').fill('1');
    await b.getByRole('button', { name: 'Enregistrer le décompte' }).click();
    await expect(b.getByText('Votre saisie diffère de celle de l’autre assesseur sur ces questions')).toBeVisible();
    await expect(b.getByRole('listitem').filter({ hasText: 'Question 1 — Faut-il interdire les trottinettes en libre-service ?' })).toBeVisible();
    await b.getByLabel('Voix pour « Non »').fill('0');
    await b.getByLabel('Voix pour « Oui »').fill('1');
    await b.getByRole('button', { name: 'Enregistrer le décompte' }).click();
    await expect(b.getByText('Le décompte du bureau est accepté : les deux saisies concordent.')).toBeVisible();
    await shot(b, 'console-officer-fr');

    await page.reload();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await page.getByRole('button', { name: 'Publier', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'État' })).toContainText('publiée');
  });

  test('the agenda reviewed, a session created and a petition scheduled; a report dealt with; every step in the audit log, whose chain is intact', async ({ signIn, axe, shot }) => {
    const { assemblyId, petitionId } = await assemblyWithPetition('Des fontaines dans chaque square', 1);
    await api('PUT', `/api/proposals/${petitionId}/support`, await residentToken());
    await api('POST', `/api/proposals/${petitionId}/reports`, await residentToken(), { reason: 'Hors sujet' });
    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto(`/console/assemblies/${assemblyId}/review`);
    await expect(page.getByRole('heading', { name: 'À instruire (1)' })).toBeVisible();
    await page.getByRole('button', { name: 'Ouvrir l’instruction : Des fontaines dans chaque square' }).click();
    await expect(page.getByRole('heading', { name: 'En cours d’instruction (1)' })).toBeVisible();
    await page.getByRole('button', { name: 'Déclarer recevable : Des fontaines dans chaque square' }).click();
    await page.getByRole('button', { name: 'Confirmer la recevabilité' }).click();
    await expect(page.getByRole('heading', { name: 'Recevables, à inscrire à l’ordre du jour (1)' })).toBeVisible();

    await page.getByLabel('Titre de la séance').fill('Séance du 5 juin');
    await page.getByLabel('Date et heure').fill(parisLocal(48));
    await page.getByRole('button', { name: 'Créer la séance' }).click();
    await expect(page.getByRole('link', { name: 'Séance du 5 juin', exact: true })).toBeVisible();
    await page.getByRole('button', { name: 'Inscrire à l’ordre du jour : Des fontaines dans chaque square' }).click();
    await page.getByLabel('Séance', { exact: true }).selectOption({ label: 'Séance du 5 juin' });
    await page.getByRole('button', { name: 'Inscrire', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Recevables, à inscrire à l’ordre du jour (0)' })).toBeVisible();

    await expect(page.getByRole('heading', { name: 'Signalements à traiter (1)' })).toBeVisible();
    await page.getByRole('button', { name: 'Conserver : Des fontaines dans chaque square' }).click();
    await page.getByRole('button', { name: 'Conserver la proposition' }).click();
    await expect(page.getByText('Indiquez le motif.')).toBeVisible();
    await page.getByLabel('Pourquoi la conserver').fill('La pétition relève bien de l’assemblée.');
    await page.getByRole('button', { name: 'Conserver la proposition' }).click();
    await expect(page.getByRole('heading', { name: 'Signalements à traiter (0)' })).toBeVisible();
    await axe(page, 'agenda review');
    await shot(page, 'console-review-fr');

    await page.goto('/console/audit');
    await expect(page.getByText(/^La chaîne est intacte\s:\s[\d\s]+entrées vérifiées\.$/)).toBeVisible();
    await page.getByLabel('Action').selectOption({ label: 'Propositions' });
    await page.getByRole('button', { name: 'Filtrer' }).click();
    await expect(page.locator('.audit-table')).toContainText('proposal.reports-dismissed');
    await expect(page.locator('.audit-table')).toContainText('proposal.schedule');
    await expect(page.locator('.audit-table tbody tr').first()).toContainText('Organisatrice');
    await axe(page, 'audit log');
    await shot(page, 'console-audit-fr');
  });
});

test.describe('the organisers’ console in English, on a 320 px wide screen', () => {
  test('every console page reads in English, reflows at 320 px without sideways scrolling, and passes axe', async ({ signIn, axe, shot }) => {
    const token = await organiser();
    const assembly = await api<{ id: string }>('POST', '/api/assemblies', token, { name: 'Citizens’ assembly (English)', seats: 12, termStart: '2027-01-01', termEnd: '2027-12-31' });
    const poll = await api<{ id: string }>('POST', '/api/polls', token, { title: 'Which square first?', audience: 'residents', options: [{ label: 'Square du Temple' }, { label: 'Square Maurice-Gardette' }] });
    const page = await signIn(ORGANISER.email, ORGANISER.password, { viewport: { width: 320, height: 720 } });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');

    const pages: Array<[string, string]> = [
      ['/console', "Organisers' console"],
      ['/console/assemblies', ''],
      [`/console/assemblies/${assembly.id}`, 'Citizens’ assembly (English)'],
      [`/console/assemblies/${assembly.id}/sortition`, ''],
      [`/console/assemblies/${assembly.id}/review`, ''],
      ['/console/polls', ''],
      ['/console/polls/new', ''],
      [`/console/polls/${poll.id}`, 'Which square first?'],
      ['/console/referendums', ''],
      ['/console/referendums/new', ''],
      ['/console/audit', ''],
    ];
    for (const [path, title] of pages) {
      await page.goto(path);
      const heading = page.getByRole('heading', { level: 1 });
      await expect(heading).toBeVisible();
      if (title !== '') await expect(heading).toContainText(title);
      await expect(page.locator('main')).not.toContainText(/\b(console|errors|consoleErrors|app|common)\.[a-zA-Z]+\.?[a-zA-Z]*/); // no key shown in place of a sentence
      await expect(page.locator('main')).not.toContainText(/Organisateurs|Assemblées|Brouillon|Créer/); // no French left on an English page
      expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 320 });
      await axe(page, `${path} in English at 320 px`);
      if (path === `/console/polls/${poll.id}`) await shot(page, 'console-poll-en-320', { fullPage: false });
    }
  });
});
