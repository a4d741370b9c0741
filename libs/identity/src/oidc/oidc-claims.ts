import type { OidcClaim } from '@app/shared';

/** What Pnyx keeps of a provider's identity: the claims the deployment asked for, when present and well formed. */
export interface KeptClaims {
  givenName: string | null;
  familyName: string | null;
  /** YYYY-MM-DD. */
  birthDate: string | null;
  /** Only a verified address. */
  email: string | null;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() !== '' && value.length <= 200 ? value.trim() : null);

/**
 * Picks the configured claims from the ID token's and userinfo's claims (OpenID Connect Core §5.1:
 * `given_name`, `family_name`, `birthdate` as YYYY-MM-DD, `email` with `email_verified`). A year-only
 * birth date (0000 in the spec's "year unknown" form, or YYYY) is not a birth date for a roll match.
 */
export function keepClaims(wanted: readonly OidcClaim[], claims: Record<string, unknown>): KeptClaims {
  const want = new Set(wanted);
  const birth = typeof claims['birthdate'] === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(claims['birthdate']) && !claims['birthdate'].startsWith('0000') ? claims['birthdate'] : null;
  const email = text(claims['email']);
  return {
    givenName: want.has('given_name') ? text(claims['given_name']) : null,
    familyName: want.has('family_name') ? text(claims['family_name']) : null,
    birthDate: want.has('birthdate') && birth !== null && !Number.isNaN(Date.parse(`${birth}T00:00:00Z`)) ? birth : null,
    email: want.has('email') && email !== null && claims['email_verified'] === true && /^[^\s@]+@[^\s@]+$/.test(email) ? email : null,
  };
}

/** The name shown for an account made at a first sign-in. */
export function displayNameOf(claims: KeptClaims, fallback: string): string {
  const name = [claims.givenName, claims.familyName].filter((part) => part !== null).join(' ');
  return (name === '' ? fallback : name).slice(0, 100);
}

/**
 * A path of the web app to go back to after the provider: one leading slash, no scheme, no host
 * ("//evil.example" and "/\\evil.example" are other sites to a browser), no control characters.
 */
export function safeReturnPath(returnTo: string | undefined): string | null {
  if (returnTo === undefined || returnTo === '') return '/';
  if (returnTo.length > 500 || !returnTo.startsWith('/') || returnTo.startsWith('//') || returnTo.includes('\\') || [...returnTo].some((c) => c < ' ' || c === '\u007f')) return null;
  return returnTo;
}
