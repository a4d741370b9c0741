import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ACCESS_TOKEN_TTL_SECONDS, assemblyInSession, baseUrl, inRoom, login, organiser, ORGANISER, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

/** Counts the times the "connection lost" banner appeared (token renewals must not show it). */
function countConnectionLosses(): void {
  const counter = window as unknown as { __connectionLost: number; __lostNow: boolean };
  counter.__connectionLost = 0;
  counter.__lostNow = false;
  new MutationObserver(() => {
    const shown = document.querySelector('.connection-banner') !== null;
    if (shown && !counter.__lostNow) counter.__connectionLost += 1;
    counter.__lostNow = shown;
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
}

/** How many times the page said its connection was lost. */
const connectionLosses = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { __connectionLost: number }).__connectionLost);

/** The messages a page shows, in order: their ids and texts (authors read "Vous" on one's own). */
async function messagesOf(page: Page): Promise<string[]> {
  return page.locator('.message-list > li').evaluateAll((items) => items.map((item) => `${item.id}: ${item.querySelector('.message-body, .message-hidden')?.textContent ?? ''}`));
}

test.describe('the live session room', () => {
  test.setTimeout(180_000);

  test('a chair and two members hold a session end to end; a member offline for 10 s misses nothing and sees nothing twice', async ({ signIn, axe, shot }) => {
    const { sessionId, members } = await assemblyInSession(['Aïcha', 'Bastien']);
    const [aicha, bastien] = members;
    const chair = await signIn(ORGANISER.email, ORGANISER.password, { initScript: countConnectionLosses });
    const a = await signIn(aicha.email, aicha.password, { initScript: countConnectionLosses });
    const b = await signIn(bastien.email, bastien.password, { initScript: countConnectionLosses });
    const observerEmail = uniqueEmail('observer');
    await fetch(`${baseUrl()}/api/auth/register`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: observerEmail, password: 'an observer password', displayName: 'Observatrice' }) });
    const observer = await signIn(observerEmail, 'an observer password', { initScript: countConnectionLosses });
    const everyone = [chair, a, b, observer];
    const startedAt = Date.now();

    for (const page of everyone) await page.goto(`/sessions/${sessionId}`);
    await expect(chair.getByRole('heading', { name: 'Présidence de séance' })).toBeVisible();
    for (const page of [a, b, observer]) await expect(page.getByRole('heading', { name: 'Présidence de séance' })).toHaveCount(0);
    await expect(a.getByText('vous êtes membre')).toBeVisible();
    await expect(observer.getByText('vous observez')).toBeVisible();
    // The observer can follow but not act: no hand to raise, nothing to write.
    await expect(observer.getByRole('button', { name: 'Lever la main' })).toHaveCount(0);
    await expect(observer.getByLabel('Votre message')).toHaveCount(0);

    await chair.getByText('Règles de la salle').click();
    await chair.getByLabel('Durée d’un tour de parole (secondes)').fill('10');
    await chair.getByLabel('Avertissement avant la fin (secondes)').fill('4');
    await chair.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await chair.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await chair.getByRole('button', { name: /Point suivant : Végétaliser/ }).click();
    for (const page of everyone) await expect(page.getByText('Point en cours : Végétaliser les cours d’école')).toBeVisible();
    // Nobody has asked for the floor: there is no one to give it to.
    await expect(chair.getByRole('button', { name: 'Donner la parole au suivant' })).toBeDisabled();

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
    // Screen readers hear it, politely: Aïcha that it is her turn, the others who speaks.
    await expect(a.locator('.live-announcer')).toHaveText('C’est à vous : vous avez la parole.');
    await expect(b.locator('.live-announcer')).toHaveText('Aïcha a la parole.');
    for (const page of [chair, b, observer]) await expect(page.locator('.floor-speaker')).toHaveText('Aïcha');
    for (const page of everyone) await expect(page.locator('.floor-panel .countdown-time')).toHaveText(/^0:(0\d|10)$/);
    await expect(a.locator('.floor-panel')).toContainText('bientôt terminé', { timeout: 10_000 });
    await expect(a.getByText('Personne n’a la parole.')).toBeVisible({ timeout: 15_000 });
    await expect(chair.getByText('Personne n’a la parole.')).toBeVisible();
    await axe(a, 'room, member');

    // Messages with a reaction, seen by all.
    await a.getByLabel('Votre message').fill('Bonjour à toutes et tous : je propose de commencer par les écoles du 11ᵉ.');
    await a.getByRole('button', { name: 'Envoyer' }).click();
    await expect(b.locator('.message-list')).toContainText('je propose de commencer');
    await b.getByRole('group', { name: /Réactions au message de Aïcha/ }).getByRole('button', { name: /D’accord/ }).click();
    for (const page of everyone) await expect(page.getByRole('group', { name: /Réactions au message de/ }).getByRole('button', { name: /D’accord/ })).toContainText('1');
    await shot(a, 'room-member-fr');

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
    await expect(a.locator('.live-announcer')).toHaveText('Un vote est ouvert : Quelle priorité pour les cours d’école ?');
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

    // Well over the access tokens' lifetime (ACCESS_TOKEN_TTL_SECONDS): the pages renewed them in
    // place; only Bastien, taken offline, ever saw the connection lost.
    await a.waitForTimeout(Math.max(0, (ACCESS_TOKEN_TTL_SECONDS + 2) * 1000 - (Date.now() - startedAt)));
    expect(await Promise.all([chair, a, b, observer].map(connectionLosses))).toEqual([0, 0, 1, 0]);

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

  test('two tabs of one member agree; the chair hides a message with its reason and mutes until a time; the room in English at 320 px; names on the assembly page only by choice', async ({ browser, signIn, axe, shot }) => {
    const { assemblyId, sessionId, members } = await assemblyInSession(['Chloé', 'Damien']);
    const [chloe, damien] = members;
    const chair = await signIn(ORGANISER.email, ORGANISER.password, { initScript: countConnectionLosses });
    const c1 = await signIn(chloe.email, chloe.password, { initScript: countConnectionLosses });
    const c2 = await c1.context().newPage();
    const d = await signIn(damien.email, damien.password, { viewport: { width: 320, height: 800 }, initScript: countConnectionLosses });
    for (const page of [chair, c1, c2, d]) await page.goto(`/sessions/${sessionId}`);

    // The chair's rules are checked against the server's limits before anything is sent.
    await chair.getByText('Règles de la salle').click();
    await chair.getByLabel('Durée d’un tour de parole (secondes)').fill('5');
    await chair.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect(chair.getByText('Indiquez un nombre entier de secondes, de 10 à 3 600.')).toBeVisible();
    await expect(chair.getByLabel('Durée d’un tour de parole (secondes)')).toHaveAttribute('aria-invalid', 'true');
    await chair.getByLabel('Durée d’un tour de parole (secondes)').fill('120');
    await chair.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await expect(chair.getByText('Indiquez un nombre entier de secondes')).toHaveCount(0);
    await chair.getByRole('button', { name: 'Ouvrir la séance' }).click();
    await chair.getByRole('button', { name: /Point suivant : Végétaliser/ }).click();

    // Two tabs of Chloé: a hand raised in one shows in the other; lowered there, it goes in both.
    await expect(chair.getByRole('heading', { name: 'Présences (3)' })).toBeVisible();
    await c1.getByRole('button', { name: 'Lever la main' }).click();
    for (const page of [c1, c2]) await expect(page.getByText('Vous êtes 1ʳᵉ dans la file.')).toBeVisible();
    await c2.getByRole('button', { name: 'Baisser la main' }).click();
    for (const page of [c1, c2]) await expect(page.getByRole('button', { name: 'Lever la main' })).toBeVisible();
    await expect(chair.locator('.queue-list')).toHaveCount(0);
    // One person in two tabs is one presence; closing one tab keeps her in the room.
    await c2.close();
    await c1.waitForTimeout(500);
    await expect(chair.getByRole('heading', { name: 'Présences (3)' })).toBeVisible();
    await expect(chair.locator('.presence-panel')).toContainText('Chloé');

    // A message, hidden by the chair with a public reason: everyone reads the reason instead.
    await c1.getByLabel('Votre message').fill('Un message que la présidence va masquer.');
    await c1.getByRole('button', { name: 'Envoyer' }).click();
    await chair.getByRole('button', { name: 'Masquer le message de Chloé' }).click();
    await chair.getByRole('button', { name: 'Masquer le message', exact: true }).click();
    await expect(chair.getByText('Indiquez le motif')).toBeVisible();
    await chair.getByLabel('Motif (public)').fill('Hors sujet');
    await chair.getByRole('button', { name: 'Masquer le message', exact: true }).click();
    for (const page of [chair, c1]) await expect(page.locator('.message-hidden')).toHaveText('Message masqué par la présidence. Motif : Hors sujet');
    await expect(c1.locator('.message-body')).toHaveCount(0);

    // Muted for 15 minutes: the chair sees until when before confirming; Chloé sees it and cannot post.
    await chair.getByRole('button', { name: 'Retirer la parole écrite à Chloé' }).click();
    await chair.getByLabel('Durée (minutes)').fill('15');
    await expect(chair.getByText(/^Jusqu’au /)).toBeVisible();
    await chair.getByLabel('Motif', { exact: true }).fill('Apaisement');
    await chair.getByRole('button', { name: 'Confirmer' }).click();
    await expect(c1.getByText('La présidence vous a retiré la parole écrite jusqu’au')).toBeVisible();
    await expect(c1.getByLabel('Votre message')).toBeDisabled();
    await expect(chair.locator('.moderation-list')).toContainText('privé·e de parole écrite jusqu’au');
    await chair.getByRole('button', { name: 'Rendre la parole écrite à Chloé' }).click();
    await expect(c1.getByLabel('Votre message')).toBeEnabled();

    // Damien follows in English on a 320 px screen: nothing wider than the screen, nothing inaccessible.
    await d.getByRole('button', { name: 'Switch to English' }).click();
    await expect(d.getByRole('heading', { name: 'Messages: Végétaliser les cours d’école' })).toBeVisible();
    await expect(d.getByRole('button', { name: 'Raise my hand' })).toBeVisible();
    await expect(d.locator('.message-hidden')).toHaveText('Message hidden by the chair. Reason: Hors sujet');
    expect(await d.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await axe(d, 'room in English at 320 px');
    await shot(d, 'room-member-en-320');

    // The assembly page: members are numbered until they choose to show their name.
    await c1.goto(`/assemblies/${assemblyId}`);
    await expect(c1.getByText('Chloé — vous ; les autres voient « Membre n° … » à la place de votre nom')).toBeVisible();
    const visitor = await (await browser.newContext({ baseURL: baseUrl(), locale: 'fr-FR' })).newPage();
    await visitor.goto(`/assemblies/${assemblyId}`);
    await expect(visitor.locator('.member-list')).toContainText('Membre n° 1');
    await expect(visitor.locator('.member-list')).not.toContainText('Chloé');
    await c1.getByLabel('Afficher mon nom sur cette page').check();
    await expect(c1.getByText('Chloé — vous ; votre nom est visible de toutes et tous')).toBeVisible();
    await visitor.reload();
    await expect(visitor.locator('.member-list')).toContainText('Chloé');
    await expect(visitor.locator('.member-list')).not.toContainText('Damien');
    await axe(c1, 'assembly page');
    await shot(c1, 'assembly-fr');

    for (const page of [chair, c1, d, visitor]) await page.context().close();
  });

  test('a long thread scrolls in its box: it follows new messages at the end, fetches older ones at the top and keeps the reader in place', async ({ signIn }) => {
    const { sessionId, members } = await assemblyInSession(['Élise', 'Farid']);
    const chairToken = await organiser();
    await inRoom(chairToken, sessionId, [
      ['session.start', {}],
      ['item.start', { index: 0 }],
    ]);
    const eliseToken = await login(members[0].email, members[0].password);
    const post = (from: number, count: number) => inRoom(eliseToken, sessionId, Array.from({ length: count }, (_, i) => ['message.post', { body: `Message n° ${from + i}` }] as [string, Record<string, unknown>]));
    for (let batch = 0; batch < 8; batch += 1) await post(batch * 10 + 1, 10); // 80 messages; the page loads the latest 50

    const farid = await signIn(members[1].email, members[1].password, { initScript: countConnectionLosses });
    await farid.goto(`/sessions/${sessionId}`);
    const items = farid.locator('.message-list > li');
    await expect(items).toHaveCount(50);
    const scroller = farid.getByRole('region', { name: 'Fil des messages' });
    // Whether a message shows inside the thread's box (the box itself may be below the fold).
    const inBox = (item: ReturnType<typeof items.last>) =>
      item.evaluate((element) => {
        const box = element.closest('.message-scroller')?.getBoundingClientRect();
        const own = element.getBoundingClientRect();
        return box !== undefined && own.bottom > box.top && own.top < box.bottom;
      });
    const box = async () => scroller.evaluate((element) => ({ top: element.scrollTop, height: element.scrollHeight, client: element.clientHeight }));
    // At the end of the thread, with the latest message in view.
    await expect(items.last()).toContainText('Message n° 80');
    expect((await box()).height - (await box()).top - (await box()).client).toBeLessThan(48);
    await post(81, 1);
    await expect(items.last()).toContainText('Message n° 81');
    await expect.poll(() => inBox(items.last())).toBe(true);

    // Scrolled to the top: the 30 older ones come, and the message read before stays where it was.
    const firstShown = items.filter({ hasText: 'Message n° 32' });
    await scroller.evaluate((element) => element.scrollTo({ top: 0 }));
    const before = (await firstShown.boundingBox())?.y ?? 0;
    await expect(items).toHaveCount(81);
    await expect(farid.getByRole('button', { name: 'Afficher les messages précédents' })).toHaveCount(0);
    expect(Math.abs(((await firstShown.boundingBox())?.y ?? 0) - before)).toBeLessThan(60);
    // New messages while reading do not move the reader; a button goes to the latest.
    await post(82, 1);
    await expect(items).toHaveCount(82);
    await expect(items.first()).toContainText('Message n° 1');
    expect(await inBox(items.last())).toBe(false);
    await farid.getByRole('button', { name: 'Aller aux derniers messages' }).click();
    await expect(items.last()).toContainText('Message n° 82');
    await expect.poll(() => inBox(items.last())).toBe(true);
    await expect(farid.getByRole('button', { name: 'Aller aux derniers messages' })).toHaveCount(0);
    await farid.context().close();
  });
});
