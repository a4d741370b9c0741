import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { sendForm } from '../../app/api/multipart';
import { referendumKeys } from '../../referendum/hooks/referendums';

type Referendum = Schemas['ReferendumDto'];

export const consoleReferendumKeys = {
  all: ['console', 'referendums'] as const,
  stations: (id: string) => ['referendum', id, 'stations'] as const,
  elector: (id: string, externalId: string) => ['referendum', id, 'elector', externalId] as const,
};

/** Every referendum, newest window first (all statuses: the console's list). */
export function useAllReferendums() {
  return useQuery({ queryKey: consoleReferendumKeys.all, queryFn: () => call(api.GET('/api/referendums', { params: { query: { limit: 200 } } })) });
}

export function useCreateReferendum() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateReferendumDto']) => call(api.POST('/api/referendums', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.all }),
  });
}

/** The roll: a dry run reports without storing; the import stores (all rows, or only the valid ones). */
export function useImportRoll(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, dryRun, acceptValid }: { file: File; dryRun: boolean; acceptValid: boolean }) => {
      const form = new FormData();
      form.append('roll', file, file.name);
      const query = new URLSearchParams({ ...(dryRun ? { dryRun: 'true' } : {}), ...(acceptValid ? { acceptValid: 'true' } : {}) }).toString();
      return sendForm<Schemas['RollImportReportDto']>('PUT', `/api/referendums/${id}/roll${query === '' ? '' : `?${query}`}`, form);
    },
    onSuccess: (report) => {
      if (!report.dryRun) void queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.stations(id) });
    },
  });
}

/** The voting codes of electors without one, returned once as CSV (the server keeps only hashes). */
export function useGenerateCodes(id: string) {
  return useMutation({ mutationFn: (): Promise<string> => call<string>(api.POST('/api/referendums/{id}/codes', { params: { path: { id } }, parseAs: 'text' })) });
}

export function useStations(id: string, enabled = true) {
  return useQuery({ queryKey: consoleReferendumKeys.stations(id), queryFn: () => call(api.GET('/api/referendums/{id}/stations', { params: { path: { id } } })), enabled });
}

/** The officers of every station at once (the API replaces the whole list). */
export function useSetOfficers(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (officers: Schemas['OfficerInputDto'][]) => call(api.PUT('/api/referendums/{id}/officers', { params: { path: { id } }, body: { officers } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.stations(id) }),
  });
}

export function useLookupAccount() {
  return useMutation({ mutationFn: (email: string) => call(api.GET('/api/accounts/lookup', { params: { query: { email } } })) });
}

export function useReferendumTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'open' | 'close' | 'publish'): Promise<Referendum> =>
      action === 'open'
        ? call(api.POST('/api/referendums/{id}/open', { params: { path: { id } } }))
        : action === 'close'
          ? call(api.POST('/api/referendums/{id}/close', { params: { path: { id } } }))
          : call(api.POST('/api/referendums/{id}/publish', { params: { path: { id } } })),
    onSuccess: (referendum) => {
      queryClient.setQueryData(referendumKeys.referendum(id), referendum);
      void queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.all });
      void queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.stations(id) });
    },
  });
}

export function useCheckElector(id: string) {
  return useMutation({ mutationFn: (externalId: string) => call(api.GET('/api/referendums/{id}/electors/{externalId}', { params: { path: { id, externalId } } })) });
}

export function useMarkPaperVote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (externalId: string) => call(api.POST('/api/referendums/{id}/paper-votes', { params: { path: { id } }, body: { externalId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.stations(id) }),
  });
}

export function useEnterCount(id: string, station: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (counts: Schemas['StationCountDto']['counts']) => call(api.PUT('/api/referendums/{id}/stations/{station}/count', { params: { path: { id, station } }, body: { counts } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleReferendumKeys.stations(id) }),
  });
}
