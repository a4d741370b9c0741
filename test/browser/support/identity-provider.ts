import { startOidcProvider, type ProviderPerson, type TestOidcProvider } from '../../support/oidc-provider.js';

/** The provider's id and button text, as the API under test is configured (global-setup.ts). */
export const PROVIDER = { id: 'city', name: 'Compte Paris' };

/**
 * The people of the browser tests' identity provider (its `sub` is typed in its login form). Alice
 * is on the roll of the identity-vote test; Bruno is not on any.
 */
export const PROVIDER_PEOPLE: Record<string, ProviderPerson> = {
  'alice-durand': { given_name: 'Alice Marie', family_name: 'Durand', birthdate: '1984-05-17', email: 'alice.durand@browser-tests.example', email_verified: true },
  'bruno-petit': { given_name: 'Bruno', family_name: 'Petit', birthdate: '1991-02-03' },
};

/** Starts the provider for the API at `baseUrl`, and the environment that configures the API to offer it. */
export async function startBrowserProvider(baseUrl: string): Promise<{ provider: TestOidcProvider; env: Record<string, string> }> {
  const provider = await startOidcProvider({ redirectUris: [`${baseUrl}/api/auth/oidc/${PROVIDER.id}/callback`] });
  for (const [sub, person] of Object.entries(PROVIDER_PEOPLE)) provider.people.set(sub, person);
  const prefix = `OIDC_${PROVIDER.id.toUpperCase()}_`;
  return {
    provider,
    env: {
      OIDC_PROVIDERS: PROVIDER.id,
      [`${prefix}ISSUER`]: provider.issuer,
      [`${prefix}CLIENT_ID`]: provider.clientId,
      [`${prefix}CLIENT_SECRET`]: provider.clientSecret,
      [`${prefix}NAME`]: PROVIDER.name,
      [`${prefix}SCOPES`]: 'openid profile email',
    },
  };
}
