import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { sendFile, sendForm } from '../../app/api/multipart';
import { sortitionKeys } from './sortition';

export const recruitmentKeys = {
  lists: (assemblyId: string) => ['assembly', assemblyId, 'source-lists'] as const,
  draws: (assemblyId: string) => ['assembly', assemblyId, 'invitation-draws'] as const,
  respondents: (assemblyId: string) => ['assembly', assemblyId, 'respondents'] as const,
};

export function useSourceLists(assemblyId: string) {
  return useQuery({ queryKey: recruitmentKeys.lists(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/source-lists', { params: { path: { id: assemblyId } } })) });
}

/** Streams a list to the server as text/csv: checked row by row there, refused whole with its lines. */
export function useUploadSourceList(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, source }: { file: File; source: string }) =>
      sendFile<Schemas['SourceListDto']>('PUT', `/api/assemblies/${assemblyId}/source-lists?${new URLSearchParams({ source, fileName: file.name }).toString()}`, file, 'text/csv'),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruitmentKeys.lists(assemblyId) }),
  });
}

export function useInvitationDraws(assemblyId: string) {
  return useQuery({ queryKey: recruitmentKeys.draws(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/invitation-draws', { params: { path: { id: assemblyId } } })) });
}

export function usePublishInvitationDraw(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['PublishInvitationDrawDto']) => call(api.POST('/api/assemblies/{id}/invitation-draws', { params: { path: { id: assemblyId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruitmentKeys.draws(assemblyId) }),
  });
}

export function useSeedInvitationDraw(assemblyId: string, drawId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['InvitationSeedDto']) => call(api.POST('/api/invitation-draws/{id}/seed', { params: { path: { id: drawId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruitmentKeys.draws(assemblyId) }),
  });
}

/** The mail merge: codes for every letter without one, returned this once as CSV. */
export function useLetters(assemblyId: string, drawId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (): Promise<string> => call<string>(api.POST('/api/invitation-draws/{id}/letters', { params: { path: { id: drawId } }, parseAs: 'text' })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruitmentKeys.draws(assemblyId) }),
  });
}

export function fetchInvitationRecord(drawId: string, lang: 'fr' | 'en'): Promise<Blob> {
  return call(api.GET('/api/invitation-draws/{id}/record.pdf', { params: { path: { id: drawId }, query: { lang } }, parseAs: 'blob' }));
}

/** The draw's output as `pnyx sortition invite --json` writes it, for `verify-invitations --published`. */
export function fetchInvitationResult(drawId: string): Promise<string> {
  return call(api.GET('/api/invitation-draws/{id}/result.json', { params: { path: { id: drawId } }, parseAs: 'text' }));
}

export function useRespondents(assemblyId: string) {
  return useQuery({ queryKey: recruitmentKeys.respondents(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/respondents', { params: { path: { id: assemblyId } } })) });
}

export function useEnterAnswer(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['EnteredRespondentAnswerDto']) => call(api.POST('/api/assemblies/{id}/respondents', { params: { path: { id: assemblyId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruitmentKeys.respondents(assemblyId) }),
  });
}

/** The stage-2 pool from the respondents, with the quotas file. */
export function usePoolFromRespondents(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (quotas: File) => {
      const form = new FormData();
      form.append('quotas', quotas, quotas.name);
      return sendForm<Schemas['PoolDto']>('POST', `/api/assemblies/${assemblyId}/pools/from-respondents`, form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sortitionKeys.pools(assemblyId) }),
  });
}

/** Invitations whose names contain the search (organisers): a lost letter, a caller without their code. */
export function useInvitationSearch(assemblyId: string, search: string) {
  return useQuery({
    queryKey: ['assembly', assemblyId, 'invitations', search] as const,
    queryFn: () => call(api.GET('/api/assemblies/{id}/invitations', { params: { path: { id: assemblyId }, query: { search } } })),
    enabled: search.trim().length >= 2,
  });
}

/** A new code for a lost letter, shown once. */
export function useReissueCode(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (invitationId: string) => call(api.POST('/api/invitations/{id}/code', { params: { path: { id: invitationId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assembly', assemblyId, 'invitations'] }),
  });
}

export function useWithdrawRespondent(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ respondentId, reason }: { respondentId: string; reason: string }) =>
      call(api.DELETE('/api/assemblies/{id}/respondents/{respondentId}', { params: { path: { id: assemblyId, respondentId } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: recruitmentKeys.respondents(assemblyId) }),
  });
}
