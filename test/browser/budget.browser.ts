import { budgetInIdeas, castAs, organiser, ORGANISER, request, residentToken, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

interface Idea {
  id: string;
}
interface Project {
  id: string;
  title: string;
}
interface BallotEnvelope {
  envelope: { id: string };
  pollId: string;
  projects: Array<{ projectId: string; optionId: string; title: string }>;
}

// Paris's four grades, worst first (the edition's default scale): their indexes are what ballots send.
const [NOT_CONVINCED, WHY_NOT, LIKE, LOVE] = [0, 1, 2, 3];

test.describe('participatory budget', () => {
  test('a resident files an idea, follows one, sees what it became, votes in their envelopes, reads the winners and follows their delivery', async ({ page, axe, shot }) => {
    test.setTimeout(180_000);
    const { editionId, envelopes } = await budgetInIdeas('Budget participatif de test');
    // The organiser's token is asked for at each call: this test outlives an access token (30 s here).
    const as = async <T>(method: string, path: string, body?: unknown, who?: string): Promise<T> => request<T>(method, path, who ?? (await organiser()), body);
    const otherResident = await residentToken();
    const cycling = await as<Idea>('POST', `/api/budget/editions/${editionId}/ideas`, { title: 'Une piste cyclable continue sur les quais', body: 'Relier les quais **sans interruption**.' }, otherResident);
    const benches = await as<Idea>('POST', `/api/budget/editions/${editionId}/ideas`, { title: 'Des bancs et de l’ombre rue Oberkampf', district: '11e' }, otherResident);

    // Sign up, then the edition: its calendar and envelopes, drawn from the list of editions.
    await page.goto('/signup?next=/budget');
    await page.getByLabel('Votre nom').fill('Léa Dubois');
    await page.getByLabel('Adresse e-mail').fill(uniqueEmail('lea'));
    await page.getByLabel('Mot de passe').fill('encore une phrase de passe');
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget participatif');
    await page.getByRole('link', { name: 'Budget participatif de test' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget participatif de test');
    await expect(page.locator('[aria-current="step"]')).toContainText('Dépôt des idées');
    await expect(page.getByRole('row', { name: /11e arrondissement Arrondissement 50\s000\s€ 40\s000\s€/ })).toBeVisible();
    await expect(page.getByText(/Montant à répartir : 190\s000\s€ au total/)).toBeVisible();
    await axe(page, 'budget: edition');

    // File an idea: what is missing is said first, then the idea is public at once.
    await page.getByRole('link', { name: 'Déposer une idée' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Déposer une idée');
    await page.getByRole('button', { name: 'Déposer mon idée' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Donnez un titre à votre idée.' })).toBeFocused();
    await expect(page.getByRole('alert').filter({ hasText: 'Choisissez où votre idée serait réalisée.' })).toBeVisible();
    await axe(page, 'budget: idea form with errors');
    await page.getByLabel('Titre').fill('Un jardin partagé square Maurice-Gardette');
    await page.getByLabel('Description (facultative)').fill('Des **bacs potagers** pour les familles du quartier.\n\n- ouvert le week-end\n- arrosage partagé\n\n<script>alert(1)</script>');
    await page.getByLabel('Où').selectOption('11e');
    await page.getByLabel('Lieu (facultatif)').fill('Square Maurice-Gardette');
    await page.getByRole('button', { name: 'Déposer mon idée' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Un jardin partagé square Maurice-Gardette');
    await expect(page.getByText('Votre idée est déposée.', { exact: false })).toBeVisible();
    await expect(page.locator('.prose strong')).toHaveText('bacs potagers');
    await expect(page.locator('.prose li')).toHaveCount(2);
    await expect(page.locator('.prose')).toContainText('<script>alert(1)</script>');
    await expect(page.getByText('Pas encore dans un projet', { exact: false })).toBeVisible();
    const gardenId = page.url().split('/').pop()!;
    await axe(page, 'budget: idea filed');

    // Ideas: searched in French, by district; another resident's idea followed.
    await page.getByRole('link', { name: 'Toutes les idées' }).click();
    await expect(page.getByText('3 idées affichées')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('cyclables');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Idées pour « cyclables »' })).toBeVisible();
    await expect(page.getByText('1 idée affichée')).toBeVisible();
    await page.getByRole('searchbox', { name: 'Rechercher' }).fill('');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await page.getByLabel('Où').selectOption('11e');
    await expect(page.getByText('2 idées affichées')).toBeVisible();
    await axe(page, 'budget: ideas');
    await shot(page, 'budget-ideas-fr');
    await page.getByRole('link', { name: 'Des bancs et de l’ombre rue Oberkampf' }).click();
    const follow = page.getByRole('button', { name: 'Suivre cette idée' });
    await expect(follow).toHaveAttribute('aria-pressed', 'false');
    await follow.click();
    await expect(follow).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByText('1 personne la suit')).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'Vous suivez cette idée.' })).toBeVisible();

    // The city makes projects of the ideas and studies them.
    await as('POST', `/api/budget/editions/${editionId}/phase`, { phase: 'co-construction' });
    const project = async (title: string, ideaIds: string[], district?: string): Promise<Project> =>
      as<Project>('POST', `/api/budget/editions/${editionId}/projects`, { title, ideaIds, description: `${title} : le projet des services.`, ...(district === undefined ? {} : { district }) });
    const quays = await project('Pistes cyclables des quais', [cycling.id]);
    const lights = await project('Éclairage des quais', [cycling.id]);
    const fountains = await project('Des fontaines sur les quais', [cycling.id]);
    const garden = await project('Jardins partagés du 11e', [gardenId, benches.id], '11e');
    const shade = await project('Bancs et ombre rue Oberkampf', [benches.id], '11e');
    const pool = await project('Une piscine sur le toit de la mairie', [benches.id], '11e');
    await as('POST', `/api/budget/editions/${editionId}/phase`, { phase: 'feasibility' });
    const admit = (id: string, costCents: number, envelopeId: string): Promise<unknown> => as('PUT', `/api/budget/projects/${id}/feasibility`, { admissible: true, reason: 'Réalisable par la voirie.', costCents, envelopeId });
    await admit(quays.id, 80_000_00, envelopes.citywide);
    await admit(lights.id, 50_000_00, envelopes.citywide);
    await admit(fountains.id, 15_000_00, envelopes.citywide);
    await admit(garden.id, 30_000_00, envelopes.eleventh);
    await admit(shade.id, 25_000_00, envelopes.eleventh);
    await as('PUT', `/api/budget/projects/${pool.id}/feasibility`, { admissible: false, reason: 'Le toit ne supporte pas la charge.' });

    // The author sees what became of their idea, and the services' verdict.
    await page.goto(`/budget/ideas/${gardenId}`);
    await page.getByRole('link', { name: 'Jardins partagés du 11e' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Jardins partagés du 11e');
    await expect(page.getByText(/Recevable · coût estimé 30\s000\s€ · enveloppe « 11e arrondissement »/)).toBeVisible();
    await expect(page.getByRole('link', { name: 'Un jardin partagé square Maurice-Gardette' })).toBeVisible();
    await axe(page, 'budget: project');
    await page.getByRole('link', { name: 'Tous les projets' }).click();
    await page.getByLabel('Où').selectOption('11e');
    await expect(page.getByText('3 projets : 2 recevable(s), 1 non recevable(s), 0 à l’étude')).toBeVisible();
    await expect(page.getByText('Avis des services : Le toit ne supporte pas la charge.')).toBeVisible();
    await axe(page, 'budget: projects');

    // The ballot is fixed and the vote opens.
    await as('POST', `/api/budget/editions/${editionId}/phase`, { phase: 'ballot' });
    await as('POST', `/api/budget/editions/${editionId}/phase`, { phase: 'vote' });
    const ballot = await as<BallotEnvelope[]>('GET', `/api/budget/editions/${editionId}/ballot`);
    const citywidePoll = ballot.find((entry) => entry.envelope.id === envelopes.citywide)!;
    const eleventhPoll = ballot.find((entry) => entry.envelope.id === envelopes.eleventh)!;
    const grades = (entry: BallotEnvelope, byTitle: Record<string, number>): Record<string, number> => Object.fromEntries(entry.projects.map((p) => [p.optionId, byTitle[p.title]]));
    const citywideGrades = grades(citywidePoll, { 'Pistes cyclables des quais': LOVE, 'Éclairage des quais': LIKE, 'Des fontaines sur les quais': WHY_NOT });
    const eleventhGrades = grades(eleventhPoll, { 'Jardins partagés du 11e': LOVE, 'Bancs et ombre rue Oberkampf': NOT_CONVINCED });
    for (let i = 0; i < 3; i += 1) {
      const voter = await residentToken();
      await as('PUT', `/api/budget/editions/${editionId}/district`, { district: '11e' }, voter);
      await castAs(voter, citywidePoll.pollId, citywideGrades);
      await castAs(voter, eleventhPoll.pollId, eleventhGrades);
    }

    // Vote: declare the district, then grade the citywide projects on the envelope's ballot.
    await page.goto(`/budget/${editionId}/vote`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vote');
    await expect(page.getByRole('heading', { name: 'Tout Paris' })).toBeVisible();
    await expect(page.getByRole('heading', { name: '11e arrondissement' })).toHaveCount(0);
    await expect(page.getByText('Choisissez votre arrondissement ci-dessus', { exact: false })).toBeVisible();
    await page.getByLabel('L’arrondissement où vous habitez').selectOption('20e');
    await page.getByRole('button', { name: 'Enregistrer mon arrondissement' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Enregistré : vous votez dans le 20e arrondissement.' })).toBeVisible();
    // The 20th has no project admitted, so no ballot of its own; changing is allowed until a first ballot.
    await page.getByLabel('L’arrondissement où vous habitez').selectOption('11e');
    await page.getByRole('button', { name: 'Enregistrer mon arrondissement' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Enregistré : vous votez dans le 11e arrondissement.' })).toBeVisible();
    const eleventh = page.getByRole('region', { name: '11e arrondissement', exact: true });
    await expect(eleventh.getByText(/Jardins partagés du 11e — 30\s000\s€/)).toBeVisible();
    await axe(page, 'budget: vote');
    await shot(page, 'budget-vote-fr');
    await page.getByRole('link', { name: 'Voter sur les projets « Tout Paris »' }).click();
    await expect(page.getByRole('heading', { name: 'Votre bulletin' })).toBeVisible();
    for (const [title, grade] of [
      ['Pistes cyclables des quais', 'J’adore'],
      ['Éclairage des quais', 'J’aime bien'],
      ['Des fontaines sur les quais', 'Pourquoi pas ?'],
    ]) {
      await page.getByRole('group', { name: title }).getByRole('radio', { name: grade }).check();
    }
    await page.getByRole('button', { name: 'Relire mon vote' }).click();
    await page.getByRole('button', { name: 'Voter', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Votre reçu' })).toBeFocused();

    // Back on the vote: this envelope is done, and the district is now fixed.
    await page.goto(`/budget/${editionId}/vote`);
    await expect(page.getByRole('region', { name: 'Tout Paris', exact: true }).getByText('Vous avez voté dans cette enveloppe.')).toBeVisible();
    await expect(page.getByText('Il ne peut plus changer : vous avez voté dans cette édition.', { exact: false })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Enregistrer mon arrondissement' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: 'Voter sur les projets « 11e arrondissement »' })).toBeVisible();

    // Results: each envelope's lines in ranking order, funded or not and why, spent and left.
    await as('POST', `/api/budget/editions/${editionId}/phase`, { phase: 'results' });
    await page.goto(`/budget/${editionId}/results`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Résultats');
    const city = page.getByRole('region', { name: 'Tout Paris', exact: true });
    await expect(city.getByText(/95\s000\s€ attribués sur 100\s000\s€ \(95\s%\) · reste 5\s000\s€/)).toBeVisible();
    await expect(city.getByText('4 votants', { exact: false })).toBeVisible();
    await expect(city.getByRole('row', { name: /^1 Pistes cyclables des quais .*80\s000\s€ Financé$/ })).toBeVisible();
    await expect(city.getByRole('row', { name: /^2 Éclairage des quais .*50\s000\s€ Non financé : ne tient pas \(reste 20\s000\s€\)$/ })).toBeVisible();
    await expect(city.getByRole('row', { name: /^3 Des fontaines sur les quais .*15\s000\s€ Financé$/ })).toBeVisible();
    const district = page.getByRole('region', { name: '11e arrondissement', exact: true });
    await expect(district.getByRole('row', { name: /Jardins partagés du 11e .*Financé$/ })).toBeVisible();
    await expect(district.getByRole('link', { name: 'Profils de mérite et registre des bulletins' })).toHaveAttribute('href', `/polls/${eleventhPoll.pollId}/results`);
    await axe(page, 'budget: results');
    await shot(page, 'budget-results-fr');

    // Follow-up: steps, money against the cost voted, the timeline, and the open data.
    await as('POST', `/api/budget/editions/${editionId}/phase`, { phase: 'follow-up' });
    await as('PUT', `/api/budget/projects/${quays.id}/follow-up`, { status: 'works', reason: 'Chantier ouvert quai de Valmy.', committedCents: 70_000_00, spentCents: 20_000_00 });
    await as('PUT', `/api/budget/projects/${fountains.id}/follow-up`, { status: 'abandoned', reason: 'Réseau d’eau non potable à cet endroit.', committedCents: 0, spentCents: 0 });
    await page.goto(`/budget/${editionId}/follow-up`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi des réalisations');
    await expect(page.getByText('3 projets lauréats : 1 à l’étude, 1 en travaux, 0 livré(s), 1 abandonné(s)')).toBeVisible();
    const quaysCard = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'Pistes cyclables des quais' }) });
    await expect(quaysCard.getByRole('list', { name: 'Avancement de « Pistes cyclables des quais »' }).locator('[aria-current="step"]')).toContainText('Travaux');
    await expect(quaysCard.getByText(/20\s000\s€ dépensés, 70\s000\s€ engagés, sur 80\s000\s€ votés/)).toBeVisible();
    await quaysCard.getByText('2 mises à jour').click();
    await expect(quaysCard.getByText('Chantier ouvert quai de Valmy.', { exact: false }).last()).toBeVisible();
    await expect(page.getByText('Abandonné — Réseau d’eau non potable à cet endroit.', { exact: true })).toBeVisible();
    const csv = await page.getByRole('link', { name: 'CSV' }).getAttribute('href');
    const exported = await (await fetch(new URL(csv!, page.url()))).text();
    expect(exported.split('\n')[0]).toContain('project_id,title,district,cost_cents,status');
    expect(exported).toContain('Pistes cyclables des quais');
    await axe(page, 'budget: follow-up');
    await shot(page, 'budget-follow-up-fr');

    // In English at 320 px: the results reflow without sideways scrolling and read in English.
    await page.setViewportSize({ width: 320, height: 720 });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const path of [`/budget/${editionId}`, `/budget/${editionId}/ideas`, `/budget/${editionId}/projects`, `/budget/${editionId}/vote`, `/budget/${editionId}/results`, `/budget/${editionId}/follow-up`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('main')).not.toContainText(/\b(budget|budgetErrors|errors|app|common)\.[a-zA-Z-]+\.?[a-zA-Z]*/);
      expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 320 });
      await axe(page, `${path} in English at 320 px`);
    }
    await page.goto(`/budget/${editionId}/results`);
    await expect(page.getByRole('region', { name: 'Tout Paris', exact: true }).getByText(/€95,000 spent of €100,000 \(95%\) · €5,000 left/)).toBeVisible();
    // A phone reads the lines as a list (the table is for wider screens).
    const phoneCity = page.getByRole('region', { name: 'Tout Paris', exact: true });
    await expect(phoneCity.getByRole('table')).toBeHidden();
    const lines = phoneCity.getByRole('list', { name: 'Projects of “Tout Paris” in ranking order' }).getByRole('listitem');
    await expect(lines).toHaveCount(3);
    await expect(lines.nth(1)).toHaveText(/^Rank 2\. Éclairage des quais — €50,000\s*Not funded: does not fit \(€20,000 left\)$/);
    await expect(lines.nth(2)).toContainText('Funded');
    await shot(page, 'budget-results-en-320');
  });

  test('an organiser creates an edition, sets its envelopes, makes projects of the ideas and records their study from the console', async ({ signIn, axe, shot }) => {
    test.setTimeout(120_000);
    await organiser(); // grants the account its role, when this test runs first
    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto('/console');
    await page.getByRole('main').getByRole('link', { name: 'Budget participatif' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget participatif');

    // A new edition: what is missing or out of order is said before anything is sent.
    await page.getByRole('button', { name: 'Créer l’édition' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Donnez un titre à l’édition.' })).toBeFocused();
    await page.getByLabel('Titre').fill('Budget participatif 2027 (organisation)');
    await page.getByLabel('Comment les lauréats sont choisis').selectOption('equal-shares');
    await expect(page.getByLabel('Attribuer ce que les parts égales laissent', { exact: false })).toBeChecked();
    const days: Array<[string, string]> = [
      ['Dépôt des idées à partir du', '2027-01-15'],
      ['Co-construction à partir du', '2027-03-01'],
      ['Étude de faisabilité à partir du', '2027-02-01'],
      ['Bulletin arrêté le', '2027-08-01'],
      ['Résultats le', '2027-10-05'],
      ['Suivi à partir du', '2028-01-01'],
    ];
    for (const [label, value] of days) await page.getByLabel(label).fill(value);
    await page.getByLabel('Ouverture du vote').fill('2027-09-10T09:00');
    await page.getByLabel('Clôture du vote').fill('2027-10-01T20:00');
    await page.getByRole('button', { name: 'Créer l’édition' }).click();
    await expect(page.getByRole('alert').filter({ hasText: '« Étude de faisabilité à partir du » vient après « Co-construction à partir du ».' })).toBeFocused();
    await axe(page, 'console: new edition with errors');
    await page.getByLabel('Étude de faisabilité à partir du').fill('2027-04-01');
    await page.getByRole('button', { name: 'Créer l’édition' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Budget participatif 2027 (organisation)');
    const editionId = page.url().split('/').pop()!;

    // Envelopes, in euros as organisers write them.
    const addEnvelope = async (kind: string, name: string, amount: string, district?: string, max?: string): Promise<void> => {
      await page.getByLabel('Type').selectOption(kind);
      if (district !== undefined) await page.getByLabel('Arrondissement', { exact: true }).fill(district);
      await page.getByLabel('Nom de l’enveloppe').fill(name);
      await page.getByLabel('Montant en euros').fill(amount);
      if (max !== undefined) await page.getByLabel('Coût maximum par projet', { exact: false }).fill(max);
      await page.getByRole('button', { name: 'Ajouter l’enveloppe' }).click();
      await expect(page.getByRole('status').filter({ hasText: `Enveloppe « ${name} » ajoutée.` })).toBeVisible();
    };
    await addEnvelope('citywide', 'Tout Paris', '1 000 000');
    await addEnvelope('district', '11e arrondissement', '200 000', '11e', '50 000');
    await expect(page.getByText(/11e arrondissement \(Arrondissement\) — 200\s000\s€ · 50\s000\s€ au plus par projet/)).toBeVisible();
    await axe(page, 'console: edition with envelopes');

    // Phases move one step at a time, each confirmed.
    const move = async (phase: string): Promise<void> => {
      await page.getByRole('button', { name: `Phase suivante : ${phase}…` }).click();
      await page.getByRole('button', { name: `Passer en « ${phase} »` }).click();
      await expect(page.getByRole('status').filter({ hasText: `L’édition est maintenant en « ${phase} ».` })).toBeVisible();
    };
    await move('Dépôt des idées');
    const author = await residentToken();
    for (const [title, district] of [
      ['Des arbres rue de la Roquette', '11e'],
      ['De l’ombre dans la cour de l’école Keller', '11e'],
    ]) {
      await request('POST', `/api/budget/editions/${editionId}/ideas`, author, { title, district });
    }
    await move('Co-construction');

    // A project from two ideas, which keep the link to it.
    await page.getByRole('button', { name: 'Faire le projet' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Choisissez au moins une idée.' })).toBeFocused();
    await page.getByLabel('Des arbres rue de la Roquette', { exact: false }).check();
    await page.getByLabel('De l’ombre dans la cour de l’école Keller', { exact: false }).check();
    await page.getByLabel('Titre du projet').fill('Végétaliser le 11e');
    await page.getByLabel('Où', { exact: true }).selectOption('11e');
    await page.getByRole('button', { name: 'Faire le projet' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Projet « Végétaliser le 11e » créé.' })).toBeVisible();
    await expect(page.getByText('Des arbres rue de la Roquette (11e arrondissement · déjà dans 1 projet)')).toBeVisible();
    await axe(page, 'console: co-construction');
    await move('Étude de faisabilité');

    // The study: a cost above the envelope's maximum is refused with what to do; then recorded.
    const study = page.getByRole('form', { name: 'Étude de « Végétaliser le 11e »' });
    await study.getByLabel('Raison (publique)').fill('Plantations possibles sur 40 pieds d’arbres.');
    await study.getByLabel('Coût estimé en euros').fill('60 000');
    await study.getByRole('button', { name: 'Enregistrer l’étude' }).click();
    await expect(study.getByRole('alert').filter({ hasText: 'Le coût dépasse le maximum par projet de cette enveloppe.' })).toBeVisible();
    await study.getByLabel('Coût estimé en euros').fill('45 000,50');
    await study.getByRole('button', { name: 'Enregistrer l’étude' }).click();
    await expect(study.getByRole('status')).toHaveText('Étude enregistrée.');
    await expect(page.getByText(/^11e arrondissement · Recevable · 45\s000,50\s€ — Plantations possibles sur 40 pieds d’arbres\.$/)).toBeVisible();
    const projects = await request<Array<{ title: string; costCents: string }>>('GET', `/api/budget/editions/${editionId}/projects`, null);
    expect(projects.map((p) => [p.title, p.costCents])).toEqual([['Végétaliser le 11e', '4500050']]);
    await axe(page, 'console: feasibility');
    await shot(page, 'console-budget-feasibility-fr');

    // In English at 320 px: both console pages read in English and reflow.
    await page.setViewportSize({ width: 320, height: 720 });
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    for (const path of ['/console/budget', `/console/budget/${editionId}`]) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('main')).not.toContainText(/\b(console|budget|errors|consoleErrors|app|common)\.[a-zA-Z-]+\.?[a-zA-Z]*/);
      await expect(page.locator('main')).not.toContainText(/Enveloppes|Phase suivante|Étude de faisabilité/);
      expect({ path, width: await page.evaluate(() => document.documentElement.scrollWidth) }).toEqual({ path, width: 320 });
      await axe(page, `${path} in English at 320 px`);
    }
    await expect(page.getByRole('button', { name: 'Next phase: Ballot fixed…' })).toBeVisible();
  });
});
