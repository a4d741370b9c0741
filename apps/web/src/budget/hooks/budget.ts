import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';

export type Edition = Schemas['EditionDto'];
export type EditionPhase = Edition['phase'];
export type Envelope = Schemas['EnvelopeDto'];
export type Idea = Schemas['IdeaDto'];
export type Project = Schemas['ProjectDto'];
export type EnvelopeResult = Schemas['EnvelopeResultDto'];
export type FollowUp = Schemas['FollowUpDto'];

export const budgetKeys = {
  editions: ['budget', 'editions'] as const,
  edition: (id: string) => ['budget', 'edition', id] as const,
  envelopes: (id: string) => ['budget', 'edition', id, 'envelopes'] as const,
  ideas: (id: string, filters: { q?: string; district?: string }) => ['budget', 'edition', id, 'ideas', filters] as const,
  idea: (id: string) => ['budget', 'idea', id] as const,
  projects: (id: string) => ['budget', 'edition', id, 'projects'] as const,
  project: (id: string) => ['budget', 'project', id] as const,
  voter: (id: string) => ['budget', 'edition', id, 'voter'] as const,
  ballot: (id: string) => ['budget', 'edition', id, 'ballot'] as const,
  results: (id: string) => ['budget', 'edition', id, 'results'] as const,
  followUp: (id: string) => ['budget', 'edition', id, 'follow-up'] as const,
};

export function useEditions() {
  return useQuery({ queryKey: budgetKeys.editions, queryFn: () => call(api.GET('/api/budget/editions')), staleTime: 60_000 });
}

export function useEdition(id: string) {
  return useQuery({ queryKey: budgetKeys.edition(id), queryFn: () => call(api.GET('/api/budget/editions/{id}', { params: { path: { id } } })), staleTime: 30_000 });
}

export function useEnvelopes(id: string) {
  return useQuery({ queryKey: budgetKeys.envelopes(id), queryFn: () => call(api.GET('/api/budget/editions/{id}/envelopes', { params: { path: { id } } })), staleTime: 60_000, enabled: id !== '' });
}

export function useIdeas(editionId: string, filters: { q?: string; district?: string }) {
  return useInfiniteQuery({
    queryKey: budgetKeys.ideas(editionId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/budget/editions/{id}/ideas', {
          params: { path: { id: editionId }, query: { limit: 20, ...(filters.q ? { q: filters.q } : {}), ...(filters.district ? { district: filters.district } : {}), ...(pageParam ? { cursor: pageParam } : {}) } },
        }),
      ),
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

export function useIdea(id: string) {
  return useQuery({ queryKey: budgetKeys.idea(id), queryFn: () => call(api.GET('/api/budget/ideas/{id}', { params: { path: { id } } })) });
}

/** Follow or stop following: the answer is the idea with its new count. */
export function useFollow(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (follow: boolean) =>
      follow ? call(api.PUT('/api/budget/ideas/{id}/follow', { params: { path: { id } } })) : call(api.DELETE('/api/budget/ideas/{id}/follow', { params: { path: { id } } })),
    onSuccess: (idea) => queryClient.setQueryData(budgetKeys.idea(id), idea),
  });
}

export function useFileIdea(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateIdeaDto']) => call(api.POST('/api/budget/editions/{id}/ideas', { params: { path: { id: editionId } }, body })),
    onSuccess: (idea) => {
      queryClient.setQueryData(budgetKeys.idea(idea.id), idea);
      void queryClient.invalidateQueries({ queryKey: ['budget', 'edition', editionId, 'ideas'] });
    },
  });
}

export function useProjects(editionId: string) {
  return useQuery({ queryKey: budgetKeys.projects(editionId), queryFn: () => call(api.GET('/api/budget/editions/{id}/projects', { params: { path: { id: editionId } } })) });
}

export function useProject(id: string) {
  return useQuery({ queryKey: budgetKeys.project(id), queryFn: () => call(api.GET('/api/budget/projects/{id}', { params: { path: { id } } })) });
}

/** The signed-in resident's district in this edition (null until declared), and whether a ballot fixed it. */
export function useVoter(editionId: string, enabled: boolean) {
  return useQuery({ queryKey: budgetKeys.voter(editionId), queryFn: () => call(api.GET('/api/budget/editions/{id}/voter', { params: { path: { id: editionId } } })), enabled });
}

export function useDeclareDistrict(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (district: string) => call(api.PUT('/api/budget/editions/{id}/district', { params: { path: { id: editionId } }, body: { district } })),
    onSuccess: (voter) => queryClient.setQueryData(budgetKeys.voter(editionId), voter),
    // A refusal (fixed by a ballot meanwhile): show what the server holds now.
    onError: () => queryClient.invalidateQueries({ queryKey: budgetKeys.voter(editionId) }),
  });
}

export function useBallot(editionId: string, enabled: boolean) {
  return useQuery({ queryKey: budgetKeys.ballot(editionId), queryFn: () => call(api.GET('/api/budget/editions/{id}/ballot', { params: { path: { id: editionId } } })), enabled });
}

export function useResults(editionId: string, enabled: boolean) {
  return useQuery({ queryKey: budgetKeys.results(editionId), queryFn: () => call(api.GET('/api/budget/editions/{id}/results', { params: { path: { id: editionId } } })), enabled });
}

export function useFollowUp(editionId: string, enabled: boolean) {
  return useQuery({ queryKey: budgetKeys.followUp(editionId), queryFn: () => call(api.GET('/api/budget/editions/{id}/follow-up', { params: { path: { id: editionId } } })), enabled });
}
