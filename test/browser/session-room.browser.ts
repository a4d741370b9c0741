import { readFileSync } from 'node:fs';
import type { Browser, Page } from '@playwright/test';
import { assemblyInSession, baseUrl, ORGANISER, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

async function signedIn(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: 'fr-FR', timezoneId: 'Europe/Paris' });
  const page = await context.newPage();
  await page.goto('/signin');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByText(/Connecté·e/)).toBeVisible();
  return page;
}

/** The messages a page shows, in order: their ids and texts (authors read "Vous" on one's own). */
async function messagesOf(page: Page): Promise<string[]> {
  return page.locator('.message-list > li').evaluateAll((items) => items.map((item) => `${item.id}: ${item.querySelector('.message-body, .message-hidden')?.textContent ?? ''}`));
}

test.describe('the live session room', () => {
  test.setTimeout(180_000);

  test('a chair and two members hold a session end to end; a member offline for 10 s misses nothing and sees nothing twice', async ({ browser, axe, shot }) => {
    const { sessionId, members } = await assemblyInSession(['Aïcha', 'Bastien']);
    const [aicha, bastien] = members;
    const chair = await signedIn(browser, ORGANISER.email, ORGANISER.password);
    const a = await signedIn(browser, aicha.email, aicha.password);
    const b = await signedIn(browser, bastien.email, bastien.password);
    const observerEmail = uniqueEmail('observer');
    await fetch(`${baseUrl()}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: observerEmail, password: 'an observer password', displayName: 'Observatrice' }) });
    const observer = await signedIn(browser, observerEmail, 'an observer password');
    const everyone = [chair, a, b, observer];

    for (const page of everyone) await page.goto(`/sessions/${sessionId}`);
    await expect(chair.getByRole('heading', { name: 'Présidence de séance' })).toBeVisible();
    for (const page of [a, b, observer]) await expect(page.getByRole('heading', { name: 'Présidence de séance' })).toHaveCount(0);
    await expect(a.getByText('vous êtes membre')).toBeVisible();
    await expect(observer.getByText('vous observez')).toBeVisible();
    // The observer can follow but not act: no hand to raise, nothing to write.
    await expect(observer.getByRole('button', { name: 'Lever la main' })).toHaveCount(0);
    await expect(observer.getByLabel('Votre message')).toHaveCount(0);

    // A refusal is said in words, never a silent no-op: ending a turn before the session starts.
    await chair.getByText('Règles de la salle').click();
    await chair.getByLabel('Durée d’un tour de parole (secondes)').fill('10');
    await chair.getByLabel('Avertissement avant la fin (secondes)').fill('4');
    await chair.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await chair.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await chair.getByRole('button', { name: /Point suivant : Végétaliser/ }).click();
    for (const page of everyone) await expect(page.getByText('Point en cours : Végétaliser les cours d’école')).toBeVisible();
    await chair.getByRole('button', { name: 'Donner la parole au suivant' }).isDisabled();

    // Aïcha raises her hand by the keyboard shortcut; the chair sees her first-time badge.
    await a.locator('body').press('Alt+Shift+H');
    await expect(a.getByText('Vous êtes 1ʳᵉ dans la file.')).toBeVisible();
    const queued = chair.locator('.queue-list li').filter({ hasText: 'Aïcha' });
    await expect(queued).toContainText('1ʳᵉ intervention');
    await expect(queued).toContainText('a parlé 0 min');
    await axe(chair, 'room, chair panel');
    await shot(chair, 'room-chair-fr');

    // The floor: the countdown shows on every screen; the turn ends on the server's deadline (10 s).
    await chair.getByRole('button', { name: 'Donner la parole au suivant' }).click();
    await expect(a.locator('.floor-speaker')).toHaveText('Vous avez la parole.');
    for (const page of [chair, b, observer]) await expect(page.locator('.floor-speaker')).toHaveText('Aïcha');
    for (const page of everyone) await expect(page.locator('.floor-panel .countdown-time')).toHaveText(/^0:(0\d|10)$/);
    await expect(a.locator('.floor-panel')).toContainText('bientôt terminé', { timeout: 10_000 });
    await expect(a.getByText('Personne n’a la parole.')).toBeVisible({ timeout: 15_000 });
    await expect(chair.getByText('Personne n’a la parole.')).toBeVisible();
    await axe(a, 'room, member');
    await shot(a, 'room-member-fr');

    // Messages with a reaction, seen by all.
    await a.getByLabel('Votre message').fill('Bonjour à toutes et tous : je propose de commencer par les écoles du 11ᵉ.');
    await a.getByRole('button', { name: 'Envoyer' }).click();
    await expect(b.locator('.message-list')).toContainText('je propose de commencer');
    await b.getByRole('group', { name: /Réactions au message de Aïcha/ }).getByRole('button', { name: /D’accord/ }).click();
    for (const page of everyone) await expect(page.getByRole('group', { name: /Réactions au message de/ }).getByRole('button', { name: /D’accord/ })).toContainText('1');

    // Bastien goes offline for 10 s while the chair moves on: posts, takes a hand, opens a vote.
    await b.context().setOffline(true);
    await expect(b.getByText(/Connexion perdue/)).toBeVisible();
    const offlineAt = Date.now();
    await chair.getByLabel('Votre message').fill('Pendant la coupure : nous passerons au vote dans un instant.');
    await chair.getByRole('button', { name: 'Envoyer' }).click();
    await a.getByRole('button', { name: 'Lever la main' }).click();
    await chair.getByRole('button', { name: 'Ouvrir un vote' }).click();
    await chair.getByLabel('Question').fill('Quelle priorité pour les cours d’école ?');
    await chair.getByLabel('Options').fill('Les écoles du 11ᵉ d’abord\nToutes les écoles à la fois');
    await chair.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await expect(a.getByRole('heading', { name: /Vote en cours : Quelle priorité/ })).toBeVisible();
    await b.waitForTimeout(Math.max(0, 10_000 - (Date.now() - offlineAt)));
    await b.context().setOffline(false);
    await expect(b.getByText(/Connexion perdue/)).toHaveCount(0, { timeout: 15_000 });
    await expect(b.getByRole('heading', { name: /Vote en cours : Quelle priorité/ })).toBeVisible();
    await expect(b.locator('.queue-list')).toContainText('Aïcha');
    expect(await messagesOf(b)).toEqual(await messagesOf(chair));
    expect(await messagesOf(b)).toHaveLength(2);

    // The vote: both members grade on the ballot; the chair closes it; everyone sees the merit profiles.
    for (const [page, grades] of [
      [a, ['Très bien', 'Passable']],
      [b, ['Bien', 'Bien']],
    ] as const) {
      await page.getByRole('group', { name: 'Les écoles du 11ᵉ d’abord' }).getByRole('radio', { name: grades[0], exact: true }).check();
      await page.getByRole('group', { name: 'Toutes les écoles à la fois' }).getByRole('radio', { name: grades[1], exact: true }).check();
      await page.getByRole('button', { name: 'Voter' }).click();
      await expect(page.getByRole('heading', { name: 'Votre reçu' })).toBeVisible();
    }
    await expect(chair.getByText('2 membres ont voté sur')).toBeVisible();
    await chair.getByRole('button', { name: /Clore le vote/ }).click();
    for (const page of everyone) {
      await expect(page.getByRole('heading', { name: /Résultat : Quelle priorité/ })).toBeVisible();
      await expect(page.getByRole('img', { name: /Profil de mérite de Les écoles du 11ᵉ d’abord/ })).toBeVisible();
    }
    await expect(observer.getByRole('list', { name: /Votes par mention/ }).getByRole('listitem').first()).toContainText('Les écoles du 11ᵉ d’abord');

    // The projector view, read-only and large.
    const projector = await observer.context().newPage();
    await projector.goto(`/sessions/${sessionId}/projector`);
    await expect(projector.getByRole('heading', { level: 1 })).toHaveText('Séance plénière du 12 mars');
    await expect(projector.locator('.projector-speaker')).toHaveText(/Aïcha|Personne/);
    await expect(projector.getByRole('heading', { name: /Résultat : Quelle priorité/ })).toBeVisible();
    await axe(projector, 'projector view');
    await shot(projector, 'projector-fr');

    // The chair closes the session; the minutes, and their Markdown in French.
    await chair.getByRole('button', { name: 'Lever la séance' }).click();
    await chair.getByRole('button', { name: 'Confirmer : lever la séance' }).click();
    for (const page of everyone) await expect(page.getByText('La séance est terminée.')).toBeVisible();
    await a.getByRole('link', { name: 'Procès-verbal' }).click();
    await expect(a.getByRole('heading', { level: 1 })).toHaveText('Procès-verbal : Séance plénière du 12 mars');
    await expect(a.getByRole('heading', { name: 'Point 1 : Végétaliser les cours d’école' })).toBeVisible();
    await expect(a.getByRole('table', { name: /Prises de parole — Végétaliser/ })).toContainText('Aïcha');
    await expect(a.getByRole('heading', { name: 'Quelle priorité pour les cours d’école ?' })).toBeVisible();
    await axe(a, 'minutes');
    const download = a.waitForEvent('download');
    await a.getByRole('button', { name: 'Télécharger en français (Markdown)' }).click();
    const markdown = readFileSync(await (await download).path(), 'utf8');
    expect(markdown).toContain('Séance plénière du 12 mars');
    expect(markdown).toContain('Quelle priorité pour les cours d’école ?');

    for (const page of everyone) await page.context().close();
  });
});
