import { castAs, closePoll, openResidentPoll, residentToken, baseUrl, uniqueEmail } from './support/api.js';
import { expect, test } from './support/fixtures.js';

test.describe('sessions in the browser', () => {
  test('a reload keeps you signed in with no token in storage; sign-out ends the session on the server', async ({ page, axe }) => {
    const email = uniqueEmail('sam');
    const password = 'sam has a long password';
    await page.goto('/signup');
    await page.getByLabel('Votre nom').fill('Sam');
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill(password);
    const login = page.waitForResponse((response) => response.url().endsWith('/api/auth/login'));
    await page.getByRole('button', { name: 'Créer mon compte' }).click();
    const tokens = (await (await login).json()) as { accessToken: string; refreshToken?: string };
    expect(tokens.refreshToken).toBeUndefined(); // it is in the cookie, out of the page's reach
    await expect(page.getByText('Connecté·e : Sam')).toBeVisible();

    // Nothing of the session in storage or in script-readable cookies.
    const stored = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie }));
    expect(stored).not.toContain(tokens.accessToken);
    expect(stored).not.toContain('pnyx_refresh');
    const cookie = (await page.context().cookies()).find((candidate) => candidate.name === 'pnyx_refresh');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/api/auth' });

    // A reload restores the session from the cookie.
    await page.reload();
    await expect(page.getByText('Connecté·e : Sam')).toBeVisible();

    // Sign out: the server ends the session (the old access token stops working), the cookie goes.
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByText('Vous êtes déconnecté·e.', { exact: false })).toBeVisible();
    await axe(page, 'home after sign-out');
    const me = await fetch(`${baseUrl()}/api/auth/me`, { headers: { Authorization: `Bearer ${tokens.accessToken}` } });
    expect(me.status).toBe(401);
    expect((await page.context().cookies()).some((candidate) => candidate.name === 'pnyx_refresh')).toBe(false);
    await page.reload();
    await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

    // Signing in again: a wrong password is explained, then the right one works.
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.getByLabel('Adresse e-mail').fill(email);
    await page.getByLabel('Mot de passe').fill('not the password');
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(page.getByText('Adresse e-mail ou mot de passe incorrect. Vérifiez-les, puis réessayez.')).toBeVisible();
    await axe(page, 'sign-in with an error');
    await page.getByLabel('Mot de passe').fill(password);
    await page.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(page.getByText('Connecté·e : Sam')).toBeVisible();
  });
});

test.describe('in English, and on a 320 px wide screen', () => {
  test('the language switch is remembered; pages reflow at 320 px without sideways scrolling', async ({ page, axe, shot }) => {
    const poll = await openResidentPoll('Scooters in the city: which rules?', ['Ban rental scooters', 'Dedicated parking only', 'Keep the current rules'], {
      gradePreset: 'en-7',
      skipped: 'worst',
      revote: 'until-close',
      closesAt: '2027-01-15T19:00:00.000Z',
    });
    await castAs(await residentToken(), poll.id, Object.fromEntries(poll.options.map((option, i) => [option.id, 6 - i * 2])));
    await page.setViewportSize({ width: 320, height: 720 });

    await page.goto('/');
    await page.getByRole('button', { name: 'Switch to English' }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("Take part in the city's decisions");
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeAttached();
    await axe(page, 'home in English at 320 px');

    // Sign up and vote in English: the rule for ungraded options said in words; dates in Paris time.
    await page.goto(`/signup?next=/polls/${poll.id}`);
    await page.getByLabel('Your name').fill('Alex');
    await page.getByLabel('Email address').fill(uniqueEmail('alex'));
    await page.getByLabel('Password').fill('alex has a long passphrase');
    await page.getByRole('button', { name: 'Create my account' }).click();
    await expect(page.getByRole('heading', { name: 'Your ballot' })).toBeVisible();
    // 19:00 UTC on 15 January is 20:00 in Paris (the browser itself is in Montreal).
    await expect(page.getByText('Closes on 15 January 2027 at 20:00')).toBeVisible();
    await expect(page.getByText('An option you leave ungraded counts as “Reject”.')).toBeVisible();
    await page.getByRole('group', { name: 'Ban rental scooters' }).getByRole('radio', { name: 'Good', exact: true }).check();
    await expect(page.getByText('1 option graded out of 3')).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await axe(page, 'English ballot at 320 px');
    await shot(page, 'ballot-en-320', { fullPage: false });
    await page.getByRole('button', { name: 'Review my vote' }).click();
    await expect(page.getByRole('row', { name: 'Keep the current rules Ungraded: will count as “Reject”' })).toBeVisible();
    await page.getByRole('button', { name: 'Vote', exact: true }).click();
    await expect(page.getByRole('heading', { name: 'Your receipt' })).toBeFocused();
    const receipt = (await page.locator('#receipt-code').textContent())!.trim();

    // Where the poll allows it, change the vote with the receipt.
    await page.goto(`/polls/${poll.id}`);
    await expect(page.getByText('You have already voted. Your vote counts once.')).toBeVisible();
    await page.getByLabel('Your receipt').fill(receipt);
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('group', { name: 'Ban rental scooters' }).getByRole('radio', { name: 'Excellent' }).check();
    await page.getByRole('button', { name: 'Review my vote' }).click();
    await page.getByRole('button', { name: 'Replace my vote' }).click();
    await expect(page.getByText('Your vote has been replaced. Your receipt stays the same.')).toBeVisible();
    await expect(page.locator('#receipt-code')).toHaveText(receipt);

    // Results at 320 px.
    await closePoll(poll.id);
    await page.goto(`/polls/${poll.id}/results`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Results: Scooters in the city: which rules?');
    await expect(page.getByText('2 ballots counted.')).toBeVisible();
    await expect(page.getByRole('list', { name: /Votes per grade/ }).getByRole('listitem').first()).toContainText('1st');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    await axe(page, 'English results at 320 px');
    await shot(page, 'results-en-320');
  });
});
