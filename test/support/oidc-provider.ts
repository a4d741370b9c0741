import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

export interface ProviderPerson {
  given_name?: string;
  family_name?: string;
  birthdate?: string;
  email?: string;
  email_verified?: boolean;
}

interface GrantContext {
  oidc: {
    client: { clientId: string };
    session: { accountId: string };
    provider: { Grant: new (init: { clientId: string; accountId: string }) => { addOIDCScope(scope: string): void; save(): Promise<string> } };
  };
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People who can sign in, by `sub` (the dev login form's "login"). */
  people: Map<string, ProviderPerson>;
  /** Seconds an authorization code lives (default 60). */
  codeTtlSeconds: number;
  /** When set, ID tokens leave the token endpoint with their `sub` swapped for this one, signature unchanged. */
  forgeSubject: { from: string; to: string } | undefined;
  /** Drives the provider's own login pages over HTTP; returns the redirect back to the client (with code and state). */
  signIn(authorizationUrl: string, sub: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider, certified) on a free local port, with its
 * development login pages: any `sub` in `people` signs in with any password. Consent is granted up
 * front (as a city's own provider would for its own service), so one form stands between the
 * redirect and the callback.
 */
export async function startOidcProvider(options: { redirectUris: string[]; clientId?: string; clientSecret?: string }): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'pnyx';
  const clientSecret = options.clientSecret ?? 'a test client secret of enough length';
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const state: Pick<TestOidcProvider, 'people' | 'codeTtlSeconds' | 'forgeSubject'> = { people: new Map(), codeTtlSeconds: 60, forgeSubject: undefined };

  // Its start-up notices (development interactions, runtime version) are for people running it, not for test output.
  const { warn, info } = console;
  console.warn = console.info = () => undefined;
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, token_endpoint_auth_method: 'client_secret_post', response_types: ['code'], grant_types: ['authorization_code'] }],
    claims: { openid: ['sub'], profile: ['given_name', 'family_name', 'birthdate'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'profile', 'email'],
    findAccount: (_ctx: unknown, sub: string) => {
      const person = state.people.get(sub);
      return person === undefined ? undefined : { accountId: sub, claims: () => ({ sub, ...person }) };
    },
    loadExistingGrant: async (ctx: GrantContext) => {
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    ttl: { AuthorizationCode: () => state.codeTtlSeconds, Interaction: 600, Session: 600, Grant: 600, AccessToken: 600, IdToken: 600 },
    cookies: { keys: ['oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: true } },
  });
  console.warn = warn;
  console.info = info;
  provider.on('server_error', () => undefined);
  const handle = provider.callback();

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    if (state.forgeSubject !== undefined && request.url?.startsWith('/token')) forgeIdToken(response, state.forgeSubject);
    handle(request, response);
  });

  const signIn = async (authorizationUrl: string, sub: string): Promise<string> => {
    const jar = new Map<string, string>();
    const send = async (url: string, init: RequestInit = {}): Promise<Response> => {
      const response = await fetch(new URL(url, issuer), { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair.indexOf('=');
        jar.set(pair.slice(0, at), pair.slice(at + 1));
      }
      return response;
    };
    let response = await send(authorizationUrl);
    let page = await send(response.headers.get('location')!);
    const action = /action="([^"]+)"/.exec(await page.text())?.[1];
    if (action === undefined) throw new Error('the provider showed no login form');
    response = await send(action.replace(/&amp;/g, '&'), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ prompt: 'login', login: sub, password: 'any' }).toString() });
    for (let hops = 0; hops < 5; hops += 1) {
      const location = response.headers.get('location');
      if (location === null) throw new Error(`the provider stopped at ${response.status}: ${await response.text()}`);
      if (!location.startsWith(issuer) && !location.startsWith('/')) return location;
      page = response = await send(location);
    }
    throw new Error('too many redirects at the provider');
  };

  return {
    issuer,
    clientId,
    clientSecret,
    get people() {
      return state.people;
    },
    get codeTtlSeconds() {
      return state.codeTtlSeconds;
    },
    set codeTtlSeconds(value: number) {
      state.codeTtlSeconds = value;
    },
    get forgeSubject() {
      return state.forgeSubject;
    },
    set forgeSubject(value) {
      state.forgeSubject = value;
    },
    signIn,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Rewrites the token response's ID token payload (same length), keeping the provider's signature. */
function forgeIdToken(response: ServerResponse, swap: { from: string; to: string }): void {
  const end = response.end.bind(response) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  response.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string' || Buffer.isBuffer(chunk)) {
      const body = JSON.parse(chunk.toString()) as { id_token?: string };
      if (body.id_token !== undefined) {
        const [header, payload, signature] = body.id_token.split('.');
        const forged = Buffer.from(payload, 'base64url').toString('utf8').replace(`"sub":"${swap.from}"`, `"sub":"${swap.to}"`);
        body.id_token = [header, Buffer.from(forged, 'utf8').toString('base64url'), signature].join('.');
        return end(JSON.stringify(body), ...rest);
      }
    }
    return end(chunk, ...rest);
  }) as typeof response.end;
}
