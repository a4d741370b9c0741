import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openReferendum } from './support/api.js';
import { expect, test } from './support/fixtures.js';
import { PROVIDER } from './support/identity-provider.js';

/** The provider's own login page (oidc-provider's): any password; the login is the person's `sub`. */
async function signInAtProvider(page: Page, sub: string): Promise<void> {
  await expect(page.locator('input[name="login"]')).toBeVisible();
  await page.locator('input[name="login"]').fill(sub);
  await page.locator('input[name="password"]').fill('any password');
  await page.locator('button[type="submit"]').click();
}

test.describe('residents sign in through an identity provider', () => {
  test('a resident signs in through the provider, sees what is kept, votes with her identity, downloads her data', async ({ browser, axe, shot }) => {
    const { id } = await openReferendum(
      'Votation sur les trottinettes',
      [{ kind: 'yes-no', text: 'Faut-il interdire les trottinettes en libre-service ?' }],
      [
        { externalId: 'P1', birthDate: '1984-05-17', district: '11e', familyName: 'DURAND', givenNames: 'Alice-Marie' },
        { externalId: 'P2', birthDate: '1960-01-01', district: '11e' },
      ],
      [PROVIDER.id],
    );
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', acceptDownloads: true });
    const page = await context.newPage();

    // The sign-in page offers the provider first, and says what Pnyx keeps.
    await page.goto('/signin?next=/votes');
    const button = page.getByRole('button', { name: `Se connecter avec ${PROVIDER.name}` });
    await expect(button).toBeVisible();
    await expect(page.getByText(/ne garde de votre identité que vos noms/)).toBeVisible();
    await axe(page, 'sign-in with a provider');
    await shot(page, 'signin-provider-fr');
    await button.click();

    // The provider's pages, then back where she was going, signed in.
    await page.waitForURL(/\/interaction\//);
    await signInAtProvider(page, 'alice-durand');
    await page.waitForURL('**/votes');
    await expect(page.getByRole('link', { name: /Connecté·e\s?: Alice Marie Durand/ })).toBeVisible();

    // Her account: the identity and exactly what is kept of it.
    await page.getByRole('link', { name: /Connecté·e/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon compte');
    const kept = page.getByRole('article', { name: `Ce que Pnyx garde de ${PROVIDER.name}` });
    await expect(kept).toContainText('Alice Marie');
    await expect(kept).toContainText('Durand');
    await expect(kept).toContainText('17 mai 1984');
    await expect(kept).toContainText('alice.durand@browser-tests.example');
    await expect(page.getByText("non : vous vous connectez par un service d'identité")).toBeVisible();
    await axe(page, 'account page');
    await shot(page, 'account-fr');

    // Her data, as a file.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Télécharger mes données (JSON)' }).click()]);
    expect(download.suggestedFilename()).toBe('pnyx-my-data.json');
    const data = JSON.parse(readFileSync((await download.path()), 'utf8')) as { format: string; sections: { account: { email: string; identities: Array<{ familyName: string }> } } };
    expect(data.format).toBe('pnyx-personal-data-v1');
    expect(data.sections.account.email).toBe('alice.durand@browser-tests.example');
    expect(data.sections.account.identities.map((identity) => identity.familyName)).toEqual(['Durand']);

    // The register says why and for how long.
    await page.getByRole('link', { name: /registre des données personnelles/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Données personnelles');
    await expect(page.getByRole('row', { name: /Listes électorales des votations/ })).toContainText('90 jours après la publication des résultats');
    await axe(page, 'register of personal data');
    await shot(page, 'privacy-register-fr');

    // The referendum accepts her provider: no code needed; her vote goes in once.
    await page.goto(`/referendums/${id}`);
    await expect(page.getByRole('heading', { name: 'Voter avec votre identité' })).toBeVisible();
    await axe(page, 'referendum: identity channel');
    await shot(page, 'referendum-identity-fr');
    await page.getByRole('button', { name: `Continuer avec l'identité ${PROVIDER.name} de Alice Marie Durand` }).click();
    await page.getByRole('group', { name: /Question 1/ }).getByRole('radio', { name: 'Non' }).check();
    await page.getByRole('button', { name: 'Relire mes réponses' }).click();
    await page.getByRole('button', { name: 'Voter', exact: true }).click();
    await expect(page.getByText('Votre vote est enregistré')).toBeVisible();
    await axe(page, 'referendum: receipt after an identity vote');
    await context.close();
  });

  test('on a phone, in English: a resident not on the roll is told to use the letter; she deletes her account', async ({ browser, axe, shot }) => {
    const { id } = await openReferendum('Citizen vote on scooters', [{ kind: 'yes-no', text: 'Ban rental scooters?' }], [{ externalId: 'Q1', birthDate: '1970-01-01', district: '12e' }], [PROVIDER.id]);
    const context = await browser.newContext({ locale: 'fr-FR', timezoneId: 'Europe/Paris', viewport: { width: 320, height: 720 } });
    const page = await context.newPage();
    await page.goto(`/referendums/${id}`);
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.getByRole('heading', { name: 'Vote with your identity' })).toBeVisible();

    // Signing in from the vote's page comes back to it.
    await page.getByRole('button', { name: `Sign in with ${PROVIDER.name}` }).click();
    await page.waitForURL(/\/interaction\//);
    await signInAtProvider(page, 'bruno-petit');
    await page.waitForURL(`**/referendums/${id}`);
    await page.getByRole('button', { name: `Continue with Bruno Petit's ${PROVIDER.name} identity` }).click();
    await page.getByRole('group', { name: /Question 1/ }).getByRole('radio', { name: 'Oui' }).check(); // the options are as the city wrote them
    await page.getByRole('button', { name: 'Review my answers' }).click();
    await page.getByRole('button', { name: 'Vote', exact: true }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'No elector of this vote has your names and birth date' });
    await expect(refusal).toBeVisible();
    await expect(refusal).toContainText('code from your letter');
    // Trying the same identity again cannot change the answer: only the letter's code is offered now.
    await expect(page.getByRole('button', { name: /Continue with Bruno Petit/ })).toHaveCount(0);
    await axe(page, 'identity refused (320 px, English)');
    await shot(page, 'referendum-identity-refused-en-320');

    // His account, deleted: confirmation first.
    await page.goto('/account');
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByText('Tick the box to confirm the deletion.')).toBeVisible();
    await page.getByLabel('I understand that deletion cannot be undone.').check();
    await page.getByRole('button', { name: 'Delete my account' }).click();
    await expect(page.getByText('Your account has been deleted.')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' })).toBeVisible();
    await axe(page, 'account deleted');
    await shot(page, 'account-deleted-en-320');
    await context.close();
  });
});
