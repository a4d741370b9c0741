import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';
import { authKeys } from '../../app/auth/providers';
import { forgetDeletedAccount } from '../../app/auth/session';

export function useUnlinkIdentity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (provider: string) => call(api.DELETE('/api/auth/identities/{provider}', { params: { path: { provider } } })),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: authKeys.me }),
  });
}

/** Everything held about the signed-in person, as the JSON file the API makes. */
export function downloadMyData(): Promise<Blob> {
  return call<Blob>(api.GET('/api/me/data', { parseAs: 'blob' }));
}

export function useDeleteAccount() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(api.DELETE('/api/me', { body: { confirm: true } })),
    onSuccess: () => {
      forgetDeletedAccount();
      queryClient.clear();
    },
  });
}
