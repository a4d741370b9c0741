import { assemblyInSession, inRoom, organiser, ORGANISER } from './support/api.js';
import { expect, test } from './support/fixtures.js';

test.describe('workshops in breakout rooms, from the browser', () => {
  test.setTimeout(150_000);

  test('the chair splits the room into balanced groups; members land in their groups, name a reporter, send the summary; the chair speaks to every group and closes them; the minutes keep it all', async ({ signIn, axe, shot }) => {
    const { sessionId, members } = await assemblyInSession(['Awa', 'Bastien', 'Chloé', 'Driss']);
    const token = await organiser();
    await inRoom(token, sessionId, [
      ['session.start', {}],
      ['item.start', { index: 0 }],
    ]);

    // The four members follow the plenary, one of them on a phone.
    const pages = [];
    for (const [i, member] of members.entries()) {
      const page = await signIn(member.email, member.password, i === 0 ? { viewport: { width: 320, height: 800 } } : undefined);
      await page.goto(`/sessions/${sessionId}`);
      await expect(page.getByRole('heading', { level: 1, name: 'Séance plénière du 12 mars' })).toBeVisible();
      pages.push(page);
    }
    const [awa, bastien] = pages;

    // The chair splits the room: two groups, balanced on gender, twenty minutes.
    const chair = await signIn(ORGANISER.email, ORGANISER.password);
    await chair.goto(`/sessions/${sessionId}`);
    const workshops = chair.getByRole('region', { name: 'Ateliers' });
    await expect(workshops.getByText('4 membres présents à répartir.')).toBeVisible();
    await workshops.getByLabel('Nombre de groupes').fill('9');
    await workshops.getByRole('button', { name: 'Ouvrir les ateliers' }).click();
    await expect(workshops.getByText('Indiquez de 2 à 50 groupes, pas plus que de membres présents (4).')).toBeVisible();
    await workshops.getByLabel('Nombre de groupes').fill('2');
    await workshops.getByLabel('Durée des ateliers (minutes)').fill('20');
    await workshops.getByLabel('gender').check();
    await workshops.getByLabel('Animation du groupe 1').selectOption({ label: 'Organisatrice' });
    await axe(chair, 'workshops: the split form');
    await workshops.getByRole('button', { name: 'Ouvrir les ateliers' }).click();
    await expect(workshops.getByRole('link', { name: 'Groupe 2' })).toBeVisible();
    await expect(workshops.getByText(/^animation : Organisatrice/)).toBeVisible();

    // Every member lands in their group's room, with its countdown.
    for (const page of pages) {
      await expect(page).toHaveURL(/\/sessions\/(?!.*\?)/);
      await expect(page.getByRole('heading', { name: /^Atelier — groupe [12]$/ })).toBeVisible();
      expect(new URL(page.url()).pathname).not.toBe(`/sessions/${sessionId}`);
    }
    await expect(awa.getByText('Retour en plénière dans')).toBeVisible();
    await axe(awa, 'workshops: a group room at 320 px');
    expect(await awa.evaluate(() => document.documentElement.scrollWidth)).toBe(320);

    // Awa's group names her its reporter; she sends the summary to the plenary.
    await awa.getByLabel('Rapporteur ou rapporteuse du groupe').selectOption({ label: 'Awa' });
    await awa.getByRole('button', { name: 'Désigner' }).click();
    await expect(awa.getByText('Awa rapporte la synthèse du groupe.')).toBeVisible();
    await awa.getByRole('button', { name: 'Envoyer la synthèse à la plénière' }).click();
    await expect(awa.getByText('Écrivez la synthèse avant de l’envoyer.')).toBeVisible();
    await awa.getByLabel('Synthèse du groupe').fill('Commencer par les cours les plus chaudes, avec les enfants.');
    await awa.getByRole('button', { name: 'Envoyer la synthèse à la plénière' }).click();
    await expect(awa.getByText('La synthèse a été transmise à la plénière.')).toBeVisible();
    await shot(awa, 'workshop-group-fr-320');
    await expect(workshops.getByText(/synthèse reçue/)).toBeVisible();

    // The chair speaks to every group, then closes them: everyone is shown the way back.
    await workshops.getByLabel('Message à tous les groupes').fill('Encore cinq minutes.');
    await workshops.getByRole('button', { name: 'Envoyer aux groupes' }).click();
    await expect(bastien.getByRole('region', { name: /^Atelier — groupe/ }).getByText('Message de l’animation : Encore cinq minutes.')).toBeVisible();
    await axe(chair, 'workshops: running');
    await shot(chair, 'workshops-chair-fr');
    await workshops.getByRole('button', { name: 'Fermer les ateliers' }).click();
    await workshops.getByRole('button', { name: 'Fermer maintenant' }).click();
    for (const page of pages) await expect(page.getByText('Les ateliers sont fermés.')).toBeVisible();
    await bastien.getByRole('link', { name: 'Revenir en plénière' }).click();
    await expect(bastien.getByRole('heading', { level: 1, name: 'Séance plénière du 12 mars' })).toBeVisible();

    // The minutes record the groups, their members and the summary.
    await chair.goto(`/sessions/${sessionId}/minutes`);
    const record = chair.getByRole('region', { name: 'Ateliers' });
    await expect(record.getByText('Groupes tirés au sort, équilibrés sur : gender.')).toBeVisible();
    await expect(record.getByText('Synthèse : Commencer par les cours les plus chaudes, avec les enfants.')).toBeVisible();
    await axe(chair, 'minutes with workshops');
  });
});
