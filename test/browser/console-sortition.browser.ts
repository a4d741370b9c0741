import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pdfText } from '../../libs/sortition/src/testing/pdf-text.js';
import { baseUrl, organiser, ORGANISER, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

/** sf_fixture_150 of ../shared/data/sortition, as copied to test/fixtures/sortition (22 seats, households). */
const FIXTURE = join(process.cwd(), 'test', 'fixtures', 'sortition', 'sf_fixture_150');

/** Notes every value the draw's progress bar takes, in the page, as it happens. */
function recordProgress(): void {
  const seen: number[] = [];
  (window as unknown as { __progress: number[] }).__progress = seen;
  new MutationObserver(() => {
    const bar = document.querySelector('#draw-progress-bar');
    if (bar === null || !bar.hasAttribute('value')) return;
    const value = Number(bar.getAttribute('value'));
    if (seen[seen.length - 1] !== value) seen.push(value);
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['value'] });
}

test.describe('the organisers’ console: a whole draw from the browser', () => {
  test.setTimeout(240_000);

  test('an organiser creates an assembly, uploads sf_fixture_150, sees the quotas, draws by LEXIMIN with visible progress, reads the probabilities, enters the public seed, and the bundle verifies', async ({ signIn, axe, shot }) => {
    await organiser(); // the CLI made an admin; the city's organiser role is granted once
    const page = await signIn(ORGANISER.email, ORGANISER.password, { initScript: recordProgress });
    await page.getByRole('link', { name: 'Console', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Console des organisateurs' })).toBeVisible();
    await axe(page, 'console home');
    await page.getByRole('link', { name: 'Assemblées et tirages au sort' }).click();

    // A new assembly of 22 seats.
    await page.getByRole('button', { name: 'Créer l’assemblée' }).click();
    await expect(page.getByRole('alert').getByText('Donnez un nom à l’assemblée.')).toBeVisible();
    await page.getByLabel('Nom', { exact: true }).fill('Assemblée citoyenne du 11ᵉ');
    await page.getByLabel('Sièges').fill('22');
    await page.getByLabel('Début du mandat').fill('2027-01-01');
    await page.getByLabel('Fin du mandat').fill('2027-12-31');
    await page.getByRole('button', { name: 'Créer l’assemblée' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Assemblée citoyenne du 11ᵉ' })).toBeVisible();
    await axe(page, 'assembly console');
    await page.getByRole('link', { name: 'Vivier, quotas et tirage au sort' }).click();

    // A broken pool file first: the file, line and column are named, nothing is stored.
    const scratch = mkdtempSync(join(tmpdir(), 'pnyx-console-'));
    const broken = join(scratch, 'candidates.csv');
    writeFileSync(broken, readFileSync(join(FIXTURE, 'candidates.csv'), 'utf8').replace(/\n([^\n]*)\n/, '\n"$1\n'));
    await page.getByLabel('Fichier des quotas').setInputFiles(join(FIXTURE, 'features.csv'));
    await page.getByLabel('Fichier des volontaires').setInputFiles(broken);
    await page.getByRole('button', { name: 'Importer et vérifier' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Le fichier « candidates.csv » pose problème à la ligne' })).toBeVisible();

    // The real files, with the household rule: the quota table, before any draw.
    await page.getByLabel('Fichier des volontaires').setInputFiles(join(FIXTURE, 'candidates.csv'));
    await page.getByLabel('Colonnes identifiant un foyer (facultatif)').fill('primary_address1,primary_zip');
    await page.getByRole('button', { name: 'Importer et vérifier' }).click();
    await expect(page.getByText('Vivier importé et figé : 150 volontaires.')).toBeVisible({ timeout: 30_000 });
    const quotas = page.getByRole('table', { name: 'Quotas : bornes et volontaires du vivier' });
    await expect(quotas.getByRole('row', { name: /Female/ })).toContainText('11');
    await expect(quotas.getByRole('columnheader', { name: 'Volontaires' })).toBeVisible();
    await axe(page, 'pool and quota table');
    await shot(page, 'console-quotas-fr');

    // LEXIMIN (the default), with its progress bar moving as the socket reports.
    await expect(page.getByRole('radio', { name: 'LEXIMIN' })).toBeChecked();
    await page.getByRole('button', { name: 'Lancer le calcul du tirage' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tirage au sort' })).toBeVisible();
    await expect(page.getByText('calculé : en attente de la graine')).toBeVisible({ timeout: 60_000 });
    const progress = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
    expect(progress.length, `progress values seen: ${progress.join(', ')}`).toBeGreaterThanOrEqual(2);
    expect(progress.some((value) => value > 0 && value < 100), `progress values seen: ${progress.join(', ')}`).toBe(true);

    // Every volunteer's probability, drawn and tabulated; the digest to publish before the seed.
    await expect(page.getByRole('img', { name: /Probabilité de sélection de chacun des 150 volontaires/ })).toBeVisible();
    const stats = page.getByRole('table', { name: 'Les chiffres exacts' });
    await expect(stats.getByRole('row', { name: /Probabilité minimale/ })).toContainText('%');
    const digest = (await page.locator('.digest-large').textContent()) ?? '';
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    await page.getByRole('button', { name: 'Comparer avec LEGACY' }).click();
    await expect(page.getByText('LEGACY, estimé sur 10 000 tirages (tirets)')).toBeVisible({ timeout: 60_000 });
    await expect(stats.getByRole('columnheader', { name: 'LEGACY' })).toBeVisible();
    await axe(page, 'draw with probabilities');
    await shot(page, 'console-draw-fr');

    // The ceremony: the digest on the wall, the dice, the panel, its quotas.
    await page.getByRole('link', { name: 'Ouvrir la cérémonie de tirage' }).click();
    await expect(page.locator('.digest-huge')).toHaveText(digest);
    await page.getByRole('button', { name: 'Désigner le panel' }).click();
    await expect(page.getByText('Saisissez la graine tirée en public.')).toBeVisible();
    await page.getByLabel('Graine tirée en public').fill('4 2 6 1 5 3');
    await page.getByLabel('Graine donnée par (facultatif)').fill('Une habitante du 11e, dés lancés devant la caméra');
    await page.getByLabel('Personnes présentes (facultatif)').fill('Maître Élise Dupont, commissaire de justice\nFarid Haddad, organisateur\n');
    await axe(page, 'seed form with the record fields');
    await shot(page, 'console-ceremony-seed-fr');
    await page.getByRole('button', { name: 'Désigner le panel' }).click();
    await expect(page.getByRole('heading', { name: 'Le panel : 22 personnes (identifiants pseudonymes)' })).toBeVisible();
    const check = page.getByRole('table', { name: 'Vérification des quotas du panel' });
    await expect(check.getByText('✓ oui').first()).toBeVisible();
    await expect(check.getByText('✗ non')).toHaveCount(0);
    expect(await check.locator('tbody tr').count()).toBe(await check.getByText('✓ oui').count());
    await axe(page, 'seed ceremony');
    await shot(page, 'console-ceremony-fr');

    // The bundle, downloaded, re-run by the command line: exit 0.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le paquet d’audit (JSON)' }).click();
    const bundle = join(scratch, 'bundle.json');
    await (await download).saveAs(bundle);
    const verify = spawnSync(process.execPath, [join(process.cwd(), 'apps', 'cli', 'bin', 'pnyx.js'), 'sortition', 'verify', '--bundle', bundle], { encoding: 'utf8' });
    expect(verify.status, verify.stderr + verify.stdout).toBe(0);

    // The official record to sign, with the people present and who gave the seed.
    const recordDownload = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Télécharger le procès-verbal à signer (PDF)' }).click();
    const record = await recordDownload;
    expect(record.suggestedFilename()).toMatch(/^proces-verbal-draw-[0-9a-f-]+\.pdf$/);
    const recordFile = join(scratch, 'record.pdf');
    await record.saveAs(recordFile);
    const recordText = (await pdfText(readFileSync(recordFile))).replace(/\s+/g, ' ');
    expect(recordText).toContain('Maître Élise Dupont, commissaire de justice');
    expect(recordText).toContain('Une habitante du 11e, dés lancés devant la caméra');
    expect(recordText).toContain(digest);

    // The members drawn, and a printable invitation with its one-time code.
    await page.getByRole('link', { name: 'Retour au tirage' }).click();
    await page.getByRole('link', { name: 'Inviter les membres tirés au sort' }).click();
    await expect(page.getByRole('heading', { name: 'Membres (22 sur 22 sièges)' })).toBeVisible();
    await page.getByRole('button', { name: /^Inviter p/ }).first().click();
    await expect(page.getByRole('article', { name: 'Lettre d’invitation' })).toContainText('Vous avez été tiré·e au sort');
    await expect(page.locator('.invitation-letter .invitation-code')).toHaveText(/^[0-9A-Z-]{10,}$/);
    await axe(page, 'members and invitation letter');

    // A member leaves: the reason is asked for before anything is sent.
    await page.getByRole('button', { name: /^Fin de mandat de / }).first().click();
    await page.getByRole('button', { name: 'Confirmer le départ' }).click();
    await expect(page.getByText('Indiquez le motif du départ.')).toBeVisible();
    await page.getByLabel('Motif', { exact: true }).fill('Déménagement hors de Paris');
    await page.getByRole('button', { name: 'Confirmer le départ' }).click();
    await expect(page.getByRole('heading', { name: 'Membres (21 sur 22 sièges)' })).toBeVisible();
  });

  test('a resident who reaches a console page by its address is told it is reserved, and sees no console link', async ({ signIn, axe }) => {
    const email = uniqueEmail('resident');
    await fetch(`${baseUrl()}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password: 'a resident password long enough', displayName: 'Habitante' }) });
    const page = await signIn(email, 'a resident password long enough');
    await expect(page.getByRole('link', { name: 'Console', exact: true })).toHaveCount(0);
    for (const path of ['/console', '/console/assemblies', '/console/draws/00000000-0000-4000-8000-000000000000']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1, name: 'Accès réservé' })).toBeVisible();
      await expect(page.getByText(/^Cette page est réservée aux comptes ayant le rôle/)).toBeVisible();
    }
    await axe(page, '403 page');
  });
});
