import { useQuery } from '@tanstack/react-query';
import { api, call } from '../api/client';

export const authKeys = {
  methods: ['auth', 'methods'] as const,
  me: ['auth', 'me'] as const,
};

/** How people sign in here: passwords for residents or not, and the identity providers offered. */
export function useSignInMethods() {
  return useQuery({ queryKey: authKeys.methods, queryFn: () => call(api.GET('/api/auth/methods')), staleTime: Infinity });
}

/** The signed-in account with its linked identities and what is kept of each. */
export function useMe(enabled: boolean) {
  return useQuery({ queryKey: authKeys.me, queryFn: () => call(api.GET('/api/auth/me')), enabled });
}

/**
 * Leaves for the provider's sign-in page: the server records the sign-in (PKCE, nonce) and sets the
 * state cookie, then the browser goes; the provider sends it back to `returnTo`. With `link`, the
 * identity is linked to the signed-in account instead of signing in.
 */
export async function goToProvider(provider: string, returnTo: string, mode: 'sign-in' | 'link'): Promise<void> {
  const params = { path: { provider } };
  const { authorizationUrl } = await call(
    mode === 'link' ? api.POST('/api/auth/oidc/{provider}/link', { params, body: { returnTo } }) : api.POST('/api/auth/oidc/{provider}/start', { params, body: { returnTo } }),
  );
  window.location.assign(authorizationUrl);
}
