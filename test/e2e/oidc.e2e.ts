import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Response } from 'supertest';
import { createAccount, createAndLogin, loginAs, TEST_PASSWORD, uniqueEmail } from '../support/factories.js';
import { generateCodes, rollCsv, uploadRoll, type Elector, type ReferendumBody } from '../support/referendums.js';
import { startOidcProvider, type TestOidcProvider } from '../support/oidc-provider.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const PUBLIC_URL = 'http://pnyx.test';
const CALLBACK = `${PUBLIC_URL}/api/auth/oidc/city/callback`;

/** The cookie a response set, by name. */
function cookie(response: Response, name: string): string | undefined {
  const cookies = ([] as string[]).concat((response.headers['set-cookie']) ?? []);
  const found = cookies.find((c) => c.startsWith(`${name}=`));
  return found?.split(';')[0].slice(name.length + 1);
}

describe('Sign-in through OpenID Connect (against a real provider)', () => {
  let provider: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    provider = await startOidcProvider({ redirectUris: [CALLBACK] });
    t = await startTestApp({
      env: {
        PUBLIC_URL,
        LOGIN_RATE_PER_MINUTE: '10000',
        OIDC_PROVIDERS: 'city',
        OIDC_CITY_ISSUER: provider.issuer,
        OIDC_CITY_CLIENT_ID: provider.clientId,
        OIDC_CITY_CLIENT_SECRET: provider.clientSecret,
        OIDC_CITY_NAME: 'Compte Paris',
        OIDC_CITY_SCOPES: 'openid profile email',
      },
    });
    provider.people.set('alice-0001', { given_name: 'Alice Marie', family_name: 'Durand', birthdate: '1984-05-17', email: 'alice@example.org', email_verified: true });
    provider.people.set('brice-0002', { given_name: 'Brice', family_name: 'Martin', birthdate: '1990-01-02' });
  });
  afterAll(async () => {
    await t.close();
    await provider.close();
  });

  /** Starts a sign-in (or a link, with `auth`): the provider's URL and the browser's state cookie. */
  async function start(returnTo = '/referendums', auth?: { Authorization: string }): Promise<{ url: string; state: string }> {
    const request = auth === undefined ? t.http.post('/api/auth/oidc/city/start') : t.http.post('/api/auth/oidc/city/link').set(auth);
    const response = await request.send({ returnTo }).expect(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const state = cookie(response, 'pnyx_oidc_state')!;
    expect(response.headers['set-cookie']?.[0]).toMatch(/HttpOnly; Secure; SameSite=Lax/);
    return { url: (response.body as { authorizationUrl: string }).authorizationUrl, state };
  }

  /** The provider's redirect back, replayed into Pnyx as the browser would follow it. */
  function callback(redirect: string, state: string | undefined): Promise<Response> {
    const url = new URL(redirect);
    expect(`${url.origin}${url.pathname}`).toBe(CALLBACK);
    const request = t.http.get(`${url.pathname}${url.search}`);
    return (state === undefined ? request : request.set('Cookie', `pnyx_oidc_state=${state}`)).expect(302);
  }

  async function signIn(sub: string, returnTo = '/referendums'): Promise<Response> {
    const { url, state } = await start(returnTo);
    return callback(await provider.signIn(url, sub), state);
  }

  /** Exchanges the refresh cookie the callback set for tokens, as the web app does on its next page. */
  async function tokensFrom(response: Response): Promise<{ Authorization: string }> {
    const refresh = cookie(response, 'pnyx_refresh');
    expect(refresh).toBeDefined();
    const tokens = await t.http.post('/api/auth/refresh').set('Cookie', `pnyx_refresh=${refresh}`).set('X-Requested-With', 'fetch').send({}).expect(200);
    return { Authorization: `Bearer ${(tokens.body as { accessToken: string }).accessToken}` };
  }

  it('lists the providers and whether passwords are accepted', async () => {
    expect((await t.http.get('/api/auth/methods').expect(200)).body).toEqual({ passwordLogin: true, providers: [{ id: 'city', name: 'Compte Paris' }] });
  });

  it('sends the browser to the provider with PKCE, state and nonce', async () => {
    const { url, state } = await start();
    const params = new URL(url).searchParams;
    expect(url.startsWith(`${provider.issuer}/auth?`)).toBe(true);
    expect(params.get('client_id')).toBe('pnyx');
    expect(params.get('redirect_uri')).toBe(CALLBACK);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(params.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params.get('state')).toBe(state);
    expect(params.get('nonce')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(params.get('scope')).toBe('openid profile email');
  });

  it('makes a resident account at the first sign-in, with only the claims needed, and finds it again', async () => {
    const first = await signIn('alice-0001');
    expect(first.headers.location).toBe('/referendums');
    expect(cookie(first, 'pnyx_oidc_state')).toBe(''); // cleared
    const auth = await tokensFrom(first);
    const me = (await t.http.get('/api/auth/me').set(auth).expect(200)).body as Record<string, unknown>;
    expect(me).toMatchObject({ email: 'alice@example.org', displayName: 'Alice Marie Durand', roles: ['resident'], hasPassword: false });
    expect(me['identities']).toEqual([
      expect.objectContaining({ provider: 'city', providerName: 'Compte Paris', givenName: 'Alice Marie', familyName: 'Durand', birthDate: '1984-05-17', email: 'alice@example.org' }),
    ]);

    const again = await tokensFrom(await signIn('alice-0001', '/'));
    expect(((await t.http.get('/api/auth/me').set(again).expect(200)).body as { id: string }).id).toBe(me['id']);
    // Without a password, such an account cannot log in with one.
    await t.http.post('/api/auth/login').send({ email: 'alice@example.org', password: TEST_PASSWORD }).expect(401);
  });

  it('refuses a callback in another browser, a replayed one, and a cancelled sign-in', async () => {
    const { url, state } = await start('/budget');
    const redirect = await provider.signIn(url, 'brice-0002');
    expect((await callback(redirect, undefined)).headers.location).toBe('/signin?next=%2Fbudget&signInError=OIDC_STATE_INVALID');
    // The state was spent by that attempt: the right browser coming after gets nothing either.
    expect((await callback(redirect, state)).headers.location).toBe('/signin?next=%2F&signInError=OIDC_STATE_INVALID');

    const cancelled = await start('/budget');
    const response = await t.http.get(`/api/auth/oidc/city/callback?error=access_denied&state=${cancelled.state}`).set('Cookie', `pnyx_oidc_state=${cancelled.state}`).expect(302);
    expect(response.headers.location).toBe('/signin?next=%2Fbudget&signInError=OIDC_CANCELLED');
    expect(cookie(response, 'pnyx_refresh')).toBeUndefined();
  });

  it('refuses an ID token whose claims were changed after the provider signed it', async () => {
    provider.forgeSubject = { from: 'brice-0002', to: 'alice-0001' }; // Brice's token made to say Alice
    try {
      const response = await signIn('brice-0002');
      expect(response.headers.location).toBe('/signin?next=%2Freferendums&signInError=OIDC_ID_TOKEN_INVALID');
      expect(cookie(response, 'pnyx_refresh')).toBeUndefined();
    } finally {
      provider.forgeSubject = undefined;
    }
  });

  it('refuses an ID token carrying another nonce', async () => {
    const { url, state } = await start();
    const altered = new URL(url);
    altered.searchParams.set('nonce', 'a-nonce-pnyx-never-issued-for-this-sign-in');
    const response = await callback(await provider.signIn(altered.href, 'brice-0002'), state);
    expect(response.headers.location).toBe('/signin?next=%2Freferendums&signInError=OIDC_ID_TOKEN_INVALID');
    expect(cookie(response, 'pnyx_refresh')).toBeUndefined();
  });

  it('refuses an expired authorization code', async () => {
    provider.codeTtlSeconds = 1;
    try {
      const { url, state } = await start();
      const redirect = await provider.signIn(url, 'brice-0002');
      await new Promise((resolve) => setTimeout(resolve, 2100));
      expect((await callback(redirect, state)).headers.location).toBe('/signin?next=%2Freferendums&signInError=OIDC_CODE_INVALID');
    } finally {
      provider.codeTtlSeconds = 60;
    }
  });

  it('never joins an identity to an existing account by its email', async () => {
    const email = uniqueEmail('carla');
    await createAccount(t.app, { email });
    provider.people.set('carla-0003', { given_name: 'Carla', family_name: 'Petit', email, email_verified: true });
    expect((await signIn('carla-0003')).headers.location).toBe('/signin?next=%2Freferendums&signInError=OIDC_EMAIL_TAKEN');
  });

  it('links a provider to a password account, once, and unlinks it', async () => {
    const email = uniqueEmail('dora');
    const dora = await loginAs(t.http, await createAccount(t.app, { email }));
    provider.people.set('dora-0004', { given_name: 'Dora', family_name: 'Leroy', birthdate: '1975-11-30', email, email_verified: true });
    const { url, state } = await start('/account', dora.auth);
    const linked = await callback(await provider.signIn(url, 'dora-0004'), state);
    expect(linked.headers.location).toBe('/account?linked=city');
    expect(cookie(linked, 'pnyx_refresh')).toBeUndefined(); // linking signs nobody in
    const me = (await t.http.get('/api/auth/me').set(dora.auth).expect(200)).body as { hasPassword: boolean; identities: Array<{ familyName: string }> };
    expect(me.hasPassword).toBe(true);
    expect(me.identities.map((i) => i.familyName)).toEqual(['Leroy']);

    // Signing in through the provider now reaches the same account.
    const viaProvider = await tokensFrom(await signIn('dora-0004'));
    expect(((await t.http.get('/api/auth/me').set(viaProvider).expect(200)).body as { email: string }).email).toBe(email);

    // Alice's identity cannot be linked to Dora's account.
    const second = await start('/account', dora.auth);
    expect((await callback(await provider.signIn(second.url, 'alice-0001'), second.state)).headers.location).toBe('/account?signInError=OIDC_IDENTITY_LINKED_ELSEWHERE');

    await t.http.delete('/api/auth/identities/city').set(dora.auth).expect(204);
    expect(((await t.http.get('/api/auth/me').set(dora.auth).expect(200)).body as { identities: unknown[] }).identities).toEqual([]);
    expect((await t.http.delete('/api/auth/identities/city').set(dora.auth).expect(404)).body.code).toBe('IDENTITY_NOT_LINKED');
  });

  it('keeps the only way to sign in', async () => {
    const brice = await tokensFrom(await signIn('brice-0002'));
    expect((await t.http.delete('/api/auth/identities/city').set(brice).expect(409)).body.code).toBe('LAST_SIGN_IN_METHOD');
  });

  describe('voting in a referendum with the provider identity', () => {
    /** A Paris wall-clock time `hours` from now (referendum windows are entered so). */
    const parisIn = (hours: number): string => {
      const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(Date.now() + hours * 3_600_000));
      const get = (type: string) => parts.find((p) => p.type === type)!.value;
      return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
    };
    const roll: Elector[] = [
      { externalId: 'P001', familyName: 'DURAND', givenNames: 'Alice Marie', birthDate: '1984-05-17', district: '11e', pollingStation: '11e-A' },
      { externalId: 'P002', familyName: 'Moreau', givenNames: 'Jean', birthDate: '1970-07-07', district: '11e', pollingStation: '11e-A' },
      { externalId: 'P003', familyName: 'Moreau', givenNames: 'Jean Pierre', birthDate: '1970-07-07', district: '12e', pollingStation: '12e-A' },
      { externalId: 'P004', familyName: 'Leroy', givenNames: 'Dora', birthDate: '1975-11-30', district: '12e', pollingStation: '12e-A' },
    ];
    const answers = [{ choice: 0 }];

    async function openReferendum(identityProviders: string[]): Promise<{ id: string; codes: Map<string, string> }> {
      const organiser = await createAndLogin(t.app, t.http, ['organiser']);
      const created = await t.http
        .post('/api/referendums')
        .set(organiser.auth)
        .send({ title: 'Trottinettes', opensAt: parisIn(-1), closesAt: parisIn(24), identityProviders, questions: [{ kind: 'yes-no', text: 'Interdire les trottinettes ?' }] })
        .expect(201);
      const { id, identityProviders: accepted } = created.body as ReferendumBody & { identityProviders: string[] };
      expect(accepted).toEqual(identityProviders);
      expect((await uploadRoll(t.http, organiser, id, rollCsv(roll))).status).toBe(200);
      const codes = await generateCodes(t.http, organiser, id);
      await t.http.post(`/api/referendums/${id}/open`).set(organiser.auth).expect(200);
      return { id, codes };
    }

    it('lets an elector vote with their identity where allowed, once across every channel', async () => {
      const { id, codes } = await openReferendum(['city']);
      const alice = await tokensFrom(await signIn('alice-0001'));
      const votes = await Promise.all([0, 1, 2].map(() => t.http.post(`/api/referendums/${id}/identity-ballots`).set(alice).send({ answers })));
      expect(votes.map((v) => v.status).sort((a, b) => a - b)).toEqual([201, 409, 409]);
      expect((votes.find((v) => v.status === 201)!.body as { receipt: string }).receipt).toMatch(/^[A-Z0-9-]+$/);
      expect(votes.filter((v) => v.status === 409).map((v) => (v.body as { code: string }).code)).toEqual(['ALREADY_VOTED', 'ALREADY_VOTED']);
      // Her letter's code finds her vote already cast.
      const byCode = await t.http.post(`/api/referendums/${id}/ballots`).send({ code: codes.get('P001'), birthDate: '1984-05-17', answers }).expect(409);
      expect((byCode.body as { code: string }).code).toBe('ALREADY_VOTED');
      expect(((await t.http.get(`/api/referendums/${id}/turnout`).expect(200)).body as { voters: number }).voters).toBe(1);
    });

    it('refuses an identity absent from the roll, or matching several electors, pointing to the letter', async () => {
      const { id } = await openReferendum(['city']);
      const brice = await tokensFrom(await signIn('brice-0002')); // Brice Martin: not on this roll
      const absent = await t.http.post(`/api/referendums/${id}/identity-ballots`).set(brice).send({ answers }).expect(403);
      expect(absent.body).toMatchObject({ code: 'IDENTITY_NOT_ON_ROLL', message: expect.stringContaining('code from your letter') });
      provider.people.set('jean-0005', { given_name: 'Jean', family_name: 'Moreau', birthdate: '1970-07-07' }); // two Jean Moreau born that day
      const jean = await tokensFrom(await signIn('jean-0005'));
      const ambiguous = await t.http.post(`/api/referendums/${id}/identity-ballots`).set(jean).send({ answers }).expect(409);
      expect(ambiguous.body).toMatchObject({ code: 'IDENTITY_AMBIGUOUS', message: expect.stringContaining('code from your letter') });
      provider.people.set('eve-0006', { given_name: 'Eve', family_name: 'Sans Date' });
      const eve = await tokensFrom(await signIn('eve-0006'));
      expect((await t.http.post(`/api/referendums/${id}/identity-ballots`).set(eve).send({ answers }).expect(403)).body.code).toBe('IDENTITY_CLAIMS_MISSING');
      const passwordOnly = await createAndLogin(t.app, t.http);
      expect((await t.http.post(`/api/referendums/${id}/identity-ballots`).set(passwordOnly.auth).send({ answers }).expect(403)).body).toMatchObject({ code: 'IDENTITY_PROVIDER_REQUIRED', details: { providers: ['city'] } });
      await t.http.post(`/api/referendums/${id}/identity-ballots`).send({ answers }).expect(401);
      expect(((await t.http.get(`/api/referendums/${id}/turnout`).expect(200)).body as { voters: number }).voters).toBe(0);
    });

    it('accepts only the letter where the referendum does not allow identities, and only known providers', async () => {
      const { id } = await openReferendum([]);
      const alice = await tokensFrom(await signIn('alice-0001'));
      expect((await t.http.post(`/api/referendums/${id}/identity-ballots`).set(alice).send({ answers }).expect(403)).body.code).toBe('IDENTITY_VOTING_OFF');
      const organiser = await createAndLogin(t.app, t.http, ['organiser']);
      const refused = await t.http
        .post('/api/referendums')
        .set(organiser.auth)
        .send({ title: 'x', opensAt: parisIn(1), closesAt: parisIn(2), identityProviders: ['franceconnect'], questions: [{ kind: 'yes-no', text: 'x ?' }] })
        .expect(400);
      expect(refused.body).toMatchObject({ code: 'IDENTITY_PROVIDER_UNKNOWN', details: { unknown: ['franceconnect'] } });
    });
  });

  it('refuses unknown providers and return paths to other sites', async () => {
    expect((await t.http.post('/api/auth/oidc/nowhere/start').send({}).expect(404)).body.code).toBe('OIDC_PROVIDER_UNKNOWN');
    for (const returnTo of ['https://evil.example/', '//evil.example', '/\\evil.example']) {
      expect((await t.http.post('/api/auth/oidc/city/start').send({ returnTo }).expect(400)).body.code).toBe('RETURN_PATH_INVALID');
    }
    await t.http.post('/api/auth/oidc/city/link').send({}).expect(401);
  });
});

describe('Provider sign-in only (PASSWORD_LOGIN=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { PASSWORD_LOGIN: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses residents passwords but keeps them for staff', async () => {
    expect((await t.http.get('/api/auth/methods').expect(200)).body).toEqual({ passwordLogin: false, providers: [] });
    const registration = await t.http.post('/api/auth/register').send({ email: uniqueEmail(), password: TEST_PASSWORD, displayName: 'Resident' }).expect(403);
    expect(registration.body.code).toBe('PASSWORD_LOGIN_DISABLED');
    const resident = await createAccount(t.app);
    expect((await t.http.post('/api/auth/login').send({ email: resident.email, password: TEST_PASSWORD }).expect(403)).body.code).toBe('PASSWORD_LOGIN_DISABLED');
    const organiser = await createAccount(t.app, { roles: ['organiser'] });
    await loginAs(t.http, organiser);
  });
});
