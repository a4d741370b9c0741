import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { assemblyInSession, login, organiser, ORGANISER, request } from './support/api.js';
import { expect, test } from './support/fixtures.js';

test.describe('attendance and indemnities, from the browser', () => {
  test.setTimeout(120_000);

  test('the door checks a member in by their code, a member at home is counted, an organiser corrects and gets the statement; each member sees their own record', async ({ signIn, axe, shot }) => {
    const { assemblyId, members } = await assemblyInSession(['Awa', 'Bastien']);
    const [awa, bastien] = members;
    const token = await organiser();
    // A sitting that began an hour ago and runs two more, open to members at home.
    const session = await request<{ id: string }>('POST', `/api/assemblies/${assemblyId}/sessions`, token, {
      title: 'Plénière hybride',
      scheduledAt: new Date(Date.now() - 3600_000).toISOString(),
      endsAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
      remoteAttendance: true,
    });
    const awaCode = (await request<{ attendanceCode: string }>('GET', `/api/assemblies/${assemblyId}/attendance/me`, await login(awa.email, awa.password))).attendanceCode;

    // The organiser sets Paris's rules from the assembly's console.
    const page = await signIn(ORGANISER.email, ORGANISER.password);
    await page.goto(`/console/assemblies/${assemblyId}`);
    await page.getByRole('link', { name: 'Présences et indemnités' }).click();
    await expect(page.getByText('Les règles ne sont pas encore fixées.', { exact: false })).toBeVisible();
    await page.getByLabel('Présence minimale pour une demi-journée (minutes)').fill('0');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect(page.getByText('Indiquez un nombre entier de minutes, de 1 à 720.')).toBeVisible();
    await page.getByLabel('Présence minimale pour une demi-journée (minutes)').fill('120');
    await page.getByLabel('Plafond mensuel (€, facultatif)').fill('132');
    await page.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect(page.getByText('En vigueur : 44 € par demi-journée, comptée à partir de 120 minutes de présence ; au plus 132 € par mois.')).toBeVisible();
    await axe(page, 'indemnities: rules set');

    // Bastien follows from home: his room page is open on his phone.
    const phone = await signIn(bastien.email, bastien.password, { viewport: { width: 320, height: 800 } });
    await phone.goto(`/sessions/${session.id}`);
    await expect(phone.getByRole('heading', { level: 1, name: 'Plénière hybride' })).toBeVisible();

    // The door: Awa's badge is scanned (the scanner types her code and Enter), twice by mistake.
    await page.goto(`/console/assemblies/${assemblyId}/review`);
    await page.getByRole('link', { name: 'Présences : Plénière hybride' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Présences : Plénière hybride' })).toBeVisible();
    const code = page.getByLabel('Code de présence');
    await code.fill(awaCode.toLowerCase());
    await code.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: /Arrivée enregistrée à \d\d:\d\d\./ })).toBeAttached();
    await expect(code).toBeFocused();
    await expect(code).toHaveValue('');
    await code.fill(awaCode);
    await code.press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: 'Cette personne est déjà pointée présente.' })).toBeVisible();
    const list = page.getByRole('region', { name: 'Liste des membres' });
    await expect(list.getByRole('row', { name: /^Awa/ })).toContainText('présent en salle');
    await expect(list.getByRole('row', { name: /^Bastien/ })).toContainText('présent à distance');
    await expect(page.getByText(/^2 présents sur 20 membres et suppléants$/)).toBeVisible();
    // Twenty names at the door: a search finds one (case and accents aside).
    await page.getByLabel('Chercher un membre').fill('BASTIÈN');
    await expect(list.getByRole('row')).toHaveCount(2);
    await expect(page.getByText('Par nom ou pseudonyme : 1 affiché sur 20.')).toBeVisible();
    await page.getByLabel('Chercher un membre').fill('');
    await axe(page, 'attendance: the door');

    // Awa was there from the start, by the sheet: the organiser corrects her minutes, with the reason.
    await list.getByRole('button', { name: 'Corriger les minutes de Awa' }).click();
    await page.getByLabel('Minutes de présence retenues').fill('180');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await expect(page.getByText('Indiquez le motif de la correction.')).toBeVisible();
    await page.getByLabel('Motif de la correction').fill('Présente dès l’ouverture, selon la feuille d’émargement');
    await page.getByRole('button', { name: 'Enregistrer la correction' }).click();
    await expect(list.getByText('Corrigé à 180 min : Présente dès l’ouverture, selon la feuille d’émargement')).toBeVisible();
    await axe(page, 'attendance: a correction');
    await shot(page, 'attendance-door-fr');

    // The statement for this month: Awa's half-day, drawn and written; the CSV for the payment service.
    await page.getByRole('link', { name: 'Indemnités' }).click();
    const statement = page.getByRole('region', { name: 'État pour le service de paiement' });
    await expect(statement.getByRole('row', { name: /^Awa/ })).toContainText(/44\s€/);
    await expect(page.getByText(/^44\s€ à payer à 1 membre, pour 2 séances sur la période\.$/)).toBeVisible();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le CSV' }).click();
    const rows = parse<Record<string, string>>(readFileSync(await (await download).path(), 'utf8'), { columns: true });
    expect(rows.map((row) => [row['name'], row['half_days'], row['payable_eur']])).toEqual([
      ['Awa', '1', '44.00'],
      ['Bastien', '0', '0.00'],
    ]);
    await axe(page, 'indemnities: the statement');
    await shot(page, 'indemnities-statement-fr');

    // Awa reads her own record on her phone, in English: her code as a QR code, the sitting, the correction, the amount.
    const awaPhone = await signIn(awa.email, awa.password, { viewport: { width: 320, height: 800 } });
    await awaPhone.goto(`/assemblies/${assemblyId}`);
    await awaPhone.getByRole('link', { name: 'Mes présences, mon code et mes indemnités' }).click();
    await awaPhone.getByRole('button', { name: 'Switch to English' }).click();
    await expect(awaPhone.getByRole('heading', { level: 1, name: /^My attendance: / })).toBeVisible();
    await expect(awaPhone.getByRole('img', { name: `QR code of your attendance code: ${awaCode.replace(/(.{4})(?=.)/g, '$1 ')}` })).toBeVisible();
    const sittings = awaPhone.getByRole('region', { name: 'Sessions' });
    await expect(sittings.getByRole('row', { name: /Plénière hybride/ })).toContainText('Corrected: Présente dès l’ouverture');
    await expect(sittings.getByRole('row', { name: /Plénière hybride/ })).toContainText('€44');
    expect(await awaPhone.evaluate(() => document.documentElement.scrollWidth)).toBe(320);
    await axe(awaPhone, 'my attendance: English at 320 px');
    await shot(awaPhone, 'my-attendance-en-320');

    // Bastien leaves the room for his own page: his stretch from home ended when he did.
    await phone.goto(`/assemblies/${assemblyId}/attendance`);
    await expect(phone.getByRole('region', { name: 'Séances' }).getByRole('row', { name: /Plénière hybride/ })).toContainText(/\d\d:\d\d – \d\d:\d\d \(à distance\)/);
    await axe(phone, 'my attendance: French at 320 px');
  });
});
