import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { ManualClock } from '@app/shared';
import { createAccount, createAndLogin, loginAs, TEST_PASSWORD, uniqueEmail } from '../support/factories.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describe('authentication', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date());

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { ACCESS_TOKEN_TTL_SECONDS: '900', LOGIN_RATE_PER_MINUTE: '1000' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers a resident, logs in with any email case, and reads /me', async () => {
    const email = uniqueEmail('Camille');
    const registered = await t.http.post('/api/auth/register').send({ email, password: TEST_PASSWORD, displayName: ' Camille ' }).expect(201);
    expect(registered.body).toMatchObject({ email, displayName: 'Camille', roles: ['resident'], locale: 'fr' });
    expect(registered.body).not.toHaveProperty('passwordHash');

    const login = await t.http.post('/api/auth/login').send({ email: email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, account: { email } });
    const me = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${(login.body as { accessToken: string }).accessToken}`).expect(200);
    expect(me.body).toMatchObject({ email, roles: ['resident'] });
  });

  it('refuses a second account for the same address, whatever its case', async () => {
    const email = uniqueEmail();
    await t.http.post('/api/auth/register').send({ email, password: TEST_PASSWORD, displayName: 'A' }).expect(201);
    const again = await t.http.post('/api/auth/register').send({ email: ` ${email.toUpperCase()}`, password: TEST_PASSWORD, displayName: 'B' });
    // " X@.." is not an email to the validator; without the space it is a duplicate.
    expect(again.status).toBe(400);
    const duplicate = await t.http.post('/api/auth/register').send({ email: email.toUpperCase(), password: TEST_PASSWORD, displayName: 'B' }).expect(409);
    expect(duplicate.body).toMatchObject({ code: 'EMAIL_TAKEN' });
  });

  it('refuses short passwords and a password equal to the email', async () => {
    const short = await t.http.post('/api/auth/register').send({ email: uniqueEmail(), password: 'short', displayName: 'A' }).expect(400);
    expect(short.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const email = uniqueEmail();
    const same = await t.http.post('/api/auth/register').send({ email, password: email, displayName: 'A' }).expect(400);
    expect(same.body).toMatchObject({ code: 'WEAK_PASSWORD' });
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const account = await createAccount(t.app);
    const wrong = await t.http.post('/api/auth/login').send({ email: account.email, password: 'not the password at all' }).expect(401);
    const unknown = await t.http.post('/api/auth/login').send({ email: uniqueEmail(), password: 'not the password at all' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body).toEqual({ statusCode: 401, code: 'INVALID_CREDENTIALS', message: 'Wrong email or password' });
  });

  it('locks an account after 5 failed logins, then lets it in once the lock expires', async () => {
    const account = await createAccount(t.app);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t.http.post('/api/auth/login').send({ email: account.email, password: 'wrong password number x' }).expect(401);
    }
    const locked = await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD }).expect(429);
    expect(locked.body).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    clock.advance(61_000);
    await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD }).expect(200);
    // Success resets the count: one more failure does not lock again.
    await t.http.post('/api/auth/login').send({ email: account.email, password: 'wrong password number y' }).expect(401);
    await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD }).expect(200);
  });

  it('refuses an expired access token with TOKEN_EXPIRED', async () => {
    const session = await createAndLogin(t.app, t.http);
    await t.http.get('/api/auth/me').set(session.auth).expect(200);
    clock.advance(901_000);
    const expired = await t.http.get('/api/auth/me').set(session.auth).expect(401);
    expect(expired.body).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuses forged tokens: wrong secret, alg none, tampered payload, garbage', async () => {
    const session = await createAndLogin(t.app, t.http);
    const now = Math.floor(clock.now().getTime() / 1000);
    const otherSecret = await new SignJWT({ sid: 'x' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(session.account.id)
      .setIssuer('pnyx')
      .setAudience('pnyx-api')
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(new TextEncoder().encode('some other secret that is long enough'));
    const [header, payload] = session.accessToken.split('.');
    const algNone = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`;
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' })).toString('base64url')}.${session.accessToken.split('.')[2]}`;
    for (const token of [otherSecret, algNone, tampered, 'garbage', `${session.accessToken}x`]) {
      const response = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
      expect(response.body).toMatchObject({ code: 'TOKEN_INVALID' });
    }
  });

  it('rotates refresh tokens: each works once, and replaying a used one ends the session', async () => {
    const session = await createAndLogin(t.app, t.http);
    const first = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(200);
    const rotated = first.body as { accessToken: string; refreshToken: string };
    expect(rotated.refreshToken).not.toBe(session.refreshToken);
    await t.http.get('/api/auth/me').set('Authorization', `Bearer ${rotated.accessToken}`).expect(200);

    const replay = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(replay.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
    // The whole session is gone: the newest tokens stop working too.
    const revoked = await t.http.get('/api/auth/me').set('Authorization', `Bearer ${rotated.accessToken}`).expect(401);
    expect(revoked.body).toMatchObject({ code: 'SESSION_REVOKED' });
    await t.http.post('/api/auth/refresh').send({ refreshToken: rotated.refreshToken }).expect(401);
  });

  it('issues one new pair when the same refresh token is sent twice at once', async () => {
    const session = await createAndLogin(t.app, t.http);
    const responses = await Promise.all([1, 2, 3, 4, 5].map(() => t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken })));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 401)).toHaveLength(4);
  });

  it('logs out: the access token and the refresh token stop working at once', async () => {
    const session = await createAndLogin(t.app, t.http);
    await t.http.post('/api/auth/logout').set(session.auth).expect(204);
    const after = await t.http.get('/api/auth/me').set(session.auth).expect(401);
    expect(after.body).toMatchObject({ code: 'SESSION_REVOKED' });
    const refresh = await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    expect(refresh.body).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    // Other sessions of the same person are untouched.
    const other = await loginAs(t.http, session.account);
    await t.http.get('/api/auth/me').set(other.auth).expect(200);
  });

  describe('cookie mode (browsers)', () => {
    const cookieOf = (response: { headers: Record<string, unknown> }): string => {
      const header = response.headers['set-cookie'] as string[] | undefined;
      const cookie = header?.find((line) => line.startsWith('pnyx_refresh='));
      if (cookie === undefined) throw new Error(`no refresh cookie in ${JSON.stringify(header)}`);
      return cookie;
    };
    const valueOf = (cookie: string): string => cookie.split(';')[0].slice('pnyx_refresh='.length);

    it('keeps the refresh token out of the body, in an HttpOnly, Secure, SameSite=Strict cookie scoped to /api/auth', async () => {
      const account = await createAccount(t.app);
      const login = await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
      expect(login.body).not.toHaveProperty('refreshToken');
      expect(login.headers['cache-control']).toBe('no-store');
      const cookie = cookieOf(login);
      expect(cookie).toMatch(/; Path=\/api\/auth; Max-Age=\d+; HttpOnly; Secure; SameSite=Strict$/);
      expect(Number(/Max-Age=(\d+)/.exec(cookie)![1])).toBe(t.config.refreshTokenTtlSeconds);
      expect(valueOf(cookie)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    });

    it('refreshes from the cookie (a reload keeps you signed in), rotating it; a replayed cookie ends the session', async () => {
      const account = await createAccount(t.app);
      const login = await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
      const first = valueOf(cookieOf(login));
      const refreshed = await t.http.post('/api/auth/refresh').set('Cookie', `other=1; pnyx_refresh=${first}`).set('X-Requested-With', 'pnyx-web').send({}).expect(200);
      expect(refreshed.body).not.toHaveProperty('refreshToken');
      const second = valueOf(cookieOf(refreshed));
      expect(second).not.toBe(first);
      const access = (refreshed.body as { accessToken: string }).accessToken;
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${access}`).expect(200);

      const replay = await t.http.post('/api/auth/refresh').set('Cookie', `pnyx_refresh=${first}`).set('X-Requested-With', 'pnyx-web').send({}).expect(401);
      expect(replay.body).toMatchObject({ code: 'REFRESH_TOKEN_REUSED' });
      expect(cookieOf(replay)).toMatch(/^pnyx_refresh=; .*Max-Age=0/);
      await t.http.get('/api/auth/me').set('Authorization', `Bearer ${access}`).expect(401);
    });

    it('refuses the cookie without X-Requested-With (a cross-site form cannot set it), and a missing cookie', async () => {
      const account = await createAccount(t.app);
      const login = await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
      const cookie = valueOf(cookieOf(login));
      const forged = await t.http.post('/api/auth/refresh').set('Cookie', `pnyx_refresh=${cookie}`).send({}).expect(403);
      expect(forged.body).toMatchObject({ code: 'COOKIE_HEADER_REQUIRED' });
      // The refused request consumed nothing: the cookie still works with the header.
      await t.http.post('/api/auth/refresh').set('Cookie', `pnyx_refresh=${cookie}`).set('X-Requested-With', 'pnyx-web').send({}).expect(200);

      const none = await t.http.post('/api/auth/refresh').set('X-Requested-With', 'pnyx-web').send({}).expect(401);
      expect(none.body).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
      const badMode = await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD, refreshTokenIn: 'localStorage' }).expect(400);
      expect(badMode.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('signs out server-side and clears the cookie', async () => {
      const account = await createAccount(t.app);
      const login = await t.http.post('/api/auth/login').send({ email: account.email, password: TEST_PASSWORD, refreshTokenIn: 'cookie' }).expect(200);
      const cookie = valueOf(cookieOf(login));
      const access = (login.body as { accessToken: string }).accessToken;
      const logout = await t.http.post('/api/auth/logout').set('Authorization', `Bearer ${access}`).expect(204);
      expect(cookieOf(logout)).toMatch(/^pnyx_refresh=; Path=\/api\/auth; Max-Age=0/);
      const after = await t.http.post('/api/auth/refresh').set('Cookie', `pnyx_refresh=${cookie}`).set('X-Requested-With', 'pnyx-web').send({}).expect(401);
      expect(after.body).toMatchObject({ code: 'REFRESH_TOKEN_INVALID' });
    });
  });

  it('ends every session when the refresh window closes', async () => {
    const session = await createAndLogin(t.app, t.http);
    clock.advance(t.config.refreshTokenTtlSeconds * 1000 + 1000);
    await t.http.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
  });
});

describe('login rate limit per client address', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_PER_MINUTE: '3' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 TOO_MANY_ATTEMPTS with Retry-After past the limit', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await t.http.post('/api/auth/login').send({ email: uniqueEmail(), password: 'whatever password' }).expect(401);
    }
    const limited = await t.http.post('/api/auth/login').send({ email: uniqueEmail(), password: 'whatever password' }).expect(429);
    expect(limited.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });
});
