import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';

export const assemblyKeys = {
  list: ['assemblies', 'all'] as const,
  assembly: (id: string) => ['assembly', id] as const,
  sessions: (id: string) => ['assembly', id, 'sessions'] as const,
  memberships: (id: string) => ['assembly', id, 'memberships'] as const,
  polls: (id: string) => ['assembly', id, 'polls'] as const,
  decisions: (id: string) => ['assembly', id, 'decisions'] as const,
};

export function useAllAssemblies() {
  return useQuery({ queryKey: assemblyKeys.list, queryFn: () => call(api.GET('/api/assemblies', { params: { query: { limit: 100 } } })) });
}

export function useAssembly(id: string) {
  return useQuery({ queryKey: assemblyKeys.assembly(id), queryFn: () => call(api.GET('/api/assemblies/{id}', { params: { path: { id } } })) });
}

export function useAssemblySessions(id: string) {
  return useQuery({ queryKey: assemblyKeys.sessions(id), queryFn: () => call(api.GET('/api/assemblies/{id}/sessions', { params: { path: { id } } })) });
}

export function useMemberships(id: string) {
  return useQuery({ queryKey: assemblyKeys.memberships(id), queryFn: () => call(api.GET('/api/assemblies/{id}/memberships', { params: { path: { id } } })) });
}

export function useAssemblyPolls(id: string) {
  return useQuery({ queryKey: assemblyKeys.polls(id), queryFn: () => call(api.GET('/api/polls', { params: { query: { assemblyId: id, audience: 'assembly', limit: 50 } } })) });
}

/** Proposals the assembly decided (its adopted decisions). */
export function useDecisions(id: string) {
  return useQuery({ queryKey: assemblyKeys.decisions(id), queryFn: () => call(api.GET('/api/assemblies/{id}/proposals', { params: { path: { id }, query: { state: 'decided', limit: 50 } } })) });
}

/** The assembly's invitation draws as published (no personal data): digests, seed, invitations by source. */
export function usePublishedInvitationDraws(id: string) {
  return useQuery({ queryKey: ['assembly', id, 'invitation-draws'] as const, queryFn: () => call(api.GET('/api/assemblies/{id}/invitation-draws', { params: { path: { id } } })) });
}

export function useSessionAgendaOf(sessionId: string, enabled: boolean) {
  return useQuery({ queryKey: ['session', sessionId, 'agenda'], queryFn: () => call(api.GET('/api/sessions/{id}/agenda', { params: { path: { id: sessionId } } })), enabled });
}

/** The member's own choice to show their name on the assembly page. */
export function useShowMyName(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, shown }: { membershipId: string; shown: boolean }) =>
      call(api.PUT('/api/assemblies/{id}/memberships/{membershipId}/name-shown', { params: { path: { id: assemblyId, membershipId } }, body: { shown } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assemblyKeys.memberships(assemblyId) }),
  });
}
