import { assemblyInSession, login, organiser, ORGANISER, request } from './support/api.js';
import { expect, test } from './support/fixtures.js';

test.describe('the decision tracker, from the browser', () => {
  test.setTimeout(120_000);

  test('an organiser follows an adopted motion to the council and to delivery; residents read the tracker, in French and English, at 320 px', async ({ signIn, browser, axe, shot }) => {
    const { assemblyId, sessionId, members } = await assemblyInSession(['Inès', 'Jules']);
    const token = await organiser();
    // The assembly deliberated its first motion and adopted it by majority judgment.
    const agenda = await request<{ items: Array<{ proposal: { id: string; title: string } }> }>('GET', `/api/sessions/${sessionId}/agenda`, token);
    const motion = agenda.items[0].proposal;
    await request('POST', `/api/proposals/${motion.id}/transitions/mark-deliberated`, token, {});
    const poll = await request<{ id: string; options: Array<{ id: string }> }>('POST', '/api/polls', token, { title: `Adopter : ${motion.title}`, audience: 'assembly', assemblyId, options: [{ label: 'La motion' }, { label: 'Statu quo' }] });
    await request('POST', `/api/polls/${poll.id}/open`, token, {});
    for (const member of members) await request('POST', `/api/polls/${poll.id}/ballots`, await login(member.email, member.password), { grades: { [poll.options[0].id]: 5, [poll.options[1].id]: 2 } });
    await request('POST', `/api/polls/${poll.id}/close`, token, {});
    await request('POST', `/api/proposals/${motion.id}/transitions/decide`, token, { pollId: poll.id });

    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto(`/console/assemblies/${assemblyId}`);
    await page.getByRole('link', { name: 'Décisions : transmission et mise en œuvre' }).click();
    await page.getByRole('button', { name: `Suivre « ${motion.title} » comme décision` }).click();
    await page.getByRole('link', { name: motion.title }).click();
    await expect(page.getByRole('heading', { level: 1, name: motion.title })).toBeVisible();
    await expect(page.getByText('Adoptée par l’assemblée', { exact: true })).toBeVisible();

    // Transmitted to the council today; the answer first forgets its text.
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    await page.getByRole('button', { name: 'Enregistrer la transmission' }).click();
    await expect(page.getByText('Indiquez une date.')).toBeVisible();
    await page.getByLabel('Date de transmission').fill(today);
    await page.getByLabel('Référence au Conseil').fill('2026 DDCT 142');
    await page.getByRole('button', { name: 'Enregistrer la transmission' }).click();
    await expect(page.getByText('Transmise au Conseil de Paris', { exact: true })).toBeVisible();
    await page.getByLabel('amendée').check();
    await page.getByLabel('Date de la réponse').fill(today);
    await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await expect(page.getByText('Indiquez le texte tel que le Conseil l’a amendé.')).toBeVisible();
    await page.getByLabel('Texte amendé').fill('Végétaliser vingt cours d’école par an, en commençant par les plus chaudes.');
    await page.getByRole('button', { name: 'Enregistrer la réponse' }).click();
    await expect(page.getByText('Amendée par le Conseil', { exact: true })).toBeVisible();

    // Two milestones; the first done today, the second cancelled: delivered.
    for (const [title, department, committed] of [
      ['Étude des cours', 'DEVE', '15000'],
      ['Travaux, première vague', 'DCPA', '250000'],
    ]) {
      await page.getByLabel('Nom de l’étape').fill(title);
      await page.getByLabel('Direction responsable').fill(department);
      await page.getByLabel('Prévue le').fill('2027-06-30');
      await page.getByLabel('Montant engagé (€, facultatif)').fill(committed);
      await page.getByRole('button', { name: 'Ajouter l’étape' }).click();
      await expect(page.getByRole('row', { name: new RegExp(`^${title}`) })).toBeVisible();
    }
    await page.getByLabel('Étape à mettre à jour').selectOption({ label: 'Étude des cours' });
    await page.getByLabel('État', { exact: true }).selectOption('done');
    await page.getByRole('button', { name: 'Enregistrer l’état' }).click();
    await expect(page.getByText('En cours de réalisation', { exact: true })).toBeVisible();
    await page.getByLabel('Étape à mettre à jour').selectOption({ label: 'Travaux, première vague' });
    await page.getByLabel('État', { exact: true }).selectOption('cancelled');
    await page.getByRole('button', { name: 'Enregistrer l’état' }).click();
    await expect(page.getByText('Réalisée', { exact: true })).toBeVisible();
    await axe(page, 'console: a decision');

    // Residents read the tracker: where it stands, drawn and written, its history; axe clean; then in English on a phone.
    const visitor = await browser.newContext({ baseURL: new URL(page.url()).origin, locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 320, height: 800 } });
    const resident = await visitor.newPage();
    await resident.goto(`/assemblies/${assemblyId}`);
    await resident.getByRole('link', { name: 'Suivre chaque décision : transmission, réponse du Conseil, mise en œuvre' }).click();
    await expect(resident.getByText('1 décision suivie, dont 0 en retard.')).toBeVisible();
    await expect(resident.getByText(/^1 étape\(s\) réalisée\(s\) sur 1 ; 15\s000\s€ engagés$/)).toBeVisible();
    await axe(resident, 'decision tracker');
    await resident.getByRole('link', { name: motion.title, exact: true }).click();
    const history = resident.getByRole('region', { name: 'Historique' });
    await expect(history.getByRole('listitem')).toHaveCount(7);
    await expect(history).toContainText('Amendée par le Conseil de Paris.');
    await expect(resident.getByText('Végétaliser vingt cours d’école par an, en commençant par les plus chaudes.')).toBeVisible();
    await axe(resident, 'a decision, public');
    await resident.getByRole('button', { name: 'Switch to English' }).click();
    await expect(resident.getByText('Delivered', { exact: true })).toBeVisible();
    await expect(resident.getByRole('row', { name: /^Travaux, première vague/ })).toContainText('cancelled');
    expect(await resident.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await axe(resident, 'a decision, English at 320 px');
    await shot(resident, 'decision-en-320');
    await page.goto(`/assemblies/${assemblyId}/decisions`);
    await shot(page, 'decision-tracker-fr');
    await visitor.close();
  });
});
