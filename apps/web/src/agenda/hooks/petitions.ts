import { useInfiniteQuery, useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { useLiveTopic, useLiveTopics } from '../../app/live/useLive';
import { withSupportUpdate } from '../utils/support-updates';

type Proposal = Schemas['ProposalDto'];
export type ProposalState = Proposal['state'];

export const agendaKeys = {
  assemblies: ['assemblies', 'active'] as const,
  petitions: (assemblyId: string, filters: { q?: string; state?: ProposalState }) => ['petitions', assemblyId, filters] as const,
  proposal: (id: string) => ['proposal', id] as const,
  versions: (id: string) => ['proposal', id, 'versions'] as const,
  amendments: (id: string) => ['proposal', id, 'amendments'] as const,
  settings: (assemblyId: string) => ['agenda-settings', assemblyId] as const,
  sessions: ['sessions', 'upcoming'] as const,
};

/** Assemblies residents can petition (active first, then forming ones). */
export function useAssemblies() {
  return useQuery({
    queryKey: agendaKeys.assemblies,
    queryFn: async () => {
      const page = await call(api.GET('/api/assemblies', { params: { query: { limit: 50 } } }));
      return page.items.filter((assembly) => assembly.status !== 'ended');
    },
    staleTime: 60_000,
  });
}

export function usePetitions(assemblyId: string | undefined, filters: { q?: string; state?: ProposalState }) {
  return useInfiniteQuery({
    queryKey: agendaKeys.petitions(assemblyId ?? '', filters),
    enabled: assemblyId !== undefined,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/assemblies/{id}/proposals', {
          params: { path: { id: assemblyId! }, query: { kind: 'petition', limit: 20, ...(filters.q ? { q: filters.q } : {}), ...(filters.state ? { state: filters.state } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor,
  });
}

/** A proposal, its support count kept live by the `/live` socket. */
export function useProposal(id: string, enabled = true) {
  const queryClient = useQueryClient();
  useLiveTopic(
    enabled ? `proposal:${id}` : null,
    {
      'proposal.supports': ({ supportCount, state }) => {
        queryClient.setQueryData<Proposal>(agendaKeys.proposal(id), (old) => (old === undefined ? old : { ...old, supportCount, state }));
      },
    },
    agendaKeys.proposal(id),
  );
  return useQuery({ queryKey: agendaKeys.proposal(id), queryFn: () => call(api.GET('/api/proposals/{id}', { params: { path: { id } } })), enabled });
}

export function useVersions(id: string, enabled: boolean) {
  return useQuery({ queryKey: agendaKeys.versions(id), queryFn: () => call(api.GET('/api/proposals/{id}/versions', { params: { path: { id } } })), enabled });
}

export function useAmendments(id: string, enabled: boolean) {
  return useQuery({ queryKey: agendaKeys.amendments(id), queryFn: () => call(api.GET('/api/proposals/{id}/amendments', { params: { path: { id } } })), enabled });
}

export function useAgendaSettings(assemblyId: string | undefined) {
  return useQuery({
    queryKey: agendaKeys.settings(assemblyId ?? ''),
    queryFn: () => call(api.GET('/api/assemblies/{id}/agenda-settings', { params: { path: { id: assemblyId! } } })),
    enabled: assemblyId !== undefined,
  });
}

export function useUpcomingSessions() {
  return useQuery({ queryKey: agendaKeys.sessions, queryFn: () => call(api.GET('/api/sessions', { params: { query: { limit: 5 } } })) });
}

/** Support or withdraw: the answer is the proposal with its new count. */
export function useSupport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (support: boolean) =>
      support ? call(api.PUT('/api/proposals/{id}/support', { params: { path: { id } } })) : call(api.DELETE('/api/proposals/{id}/support', { params: { path: { id } } })),
    onSuccess: (proposal, support) => {
      queryClient.setQueryData<Proposal>(agendaKeys.proposal(id), (old) => ({ ...(old ?? proposal), supportCount: proposal.supportCount, state: proposal.state, supported: support }));
    },
    onError: () => queryClient.invalidateQueries({ queryKey: agendaKeys.proposal(id) }),
  });
}

export function useCreatePetition(assemblyId: string) {
  return useMutation({
    mutationFn: (body: Omit<Schemas['CreateProposalDto'], 'kind'>) => call(api.POST('/api/assemblies/{id}/proposals', { params: { path: { id: assemblyId } }, body: { ...body, kind: 'petition' } })),
  });
}

export function useEditDraft(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['EditDraftDto']) => call(api.PATCH('/api/proposals/{id}', { params: { path: { id } }, body })),
    onSuccess: (proposal) => queryClient.setQueryData(agendaKeys.proposal(id), (old: Proposal | undefined) => ({ ...old, ...proposal })),
  });
}

/** The author's moves: submit a draft, or withdraw. */
export function useAuthorTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'submit' | 'withdraw') => call(api.POST('/api/proposals/{id}/transitions/{action}', { params: { path: { id, action } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: agendaKeys.proposal(id) }),
  });
}

/** Petitions collecting supports in these assemblies (the home page shows a few of each). */
export function useCollectingPetitions(assemblyIds: readonly string[]) {
  return useQueries({
    queries: assemblyIds.map((id) => ({
      queryKey: agendaKeys.petitions(id, { state: 'collecting' as const }),
      queryFn: () => call(api.GET('/api/assemblies/{id}/proposals', { params: { path: { id }, query: { kind: 'petition', state: 'collecting', limit: 5 } } })),
    })),
    combine: (results) => ({
      items: results.flatMap((result) => result.data?.items ?? []),
      pending: results.some((result) => result.isPending),
      error: results.find((result) => result.error !== null)?.error ?? null,
    }),
  });
}

/** Keeps the support counts of listed petitions live (every cached list holding them is patched). */
export function useLiveSupportCounts(petitions: readonly Proposal[]) {
  const queryClient = useQueryClient();
  useLiveTopics(
    petitions.map((petition) => `proposal:${petition.id}` as const),
    {
      'proposal.supports': (update) => {
        queryClient.setQueriesData({ queryKey: ['petitions'] }, (data: unknown) => withSupportUpdate(data, update));
      },
    },
    ['petitions'],
  );
}
