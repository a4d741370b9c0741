import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { assemblyKeys } from '../../deliberation/hooks/assemblies';

type State = Schemas['ProposalDto']['state'];
type Action = 'start-review' | 'admit' | 'reject' | 'schedule' | 'unschedule';

export const reviewKeys = {
  proposals: (assemblyId: string, state: State) => ['assembly', assemblyId, 'review', state] as const,
  reports: (assemblyId: string) => ['assembly', assemblyId, 'reports'] as const,
};

/** The assembly's proposals in one state (organisers see hidden ones' text too). */
export function useProposalsIn(assemblyId: string, state: State) {
  return useQuery({
    queryKey: reviewKeys.proposals(assemblyId, state),
    queryFn: async () => (await call(api.GET('/api/assemblies/{id}/proposals', { params: { path: { id: assemblyId }, query: { state, limit: 100 } } }))).items,
  });
}

/** A review step on a proposal (the API checks the lifecycle and who may act). */
export function useReviewTransition(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: { id: string; action: Action; body?: Schemas['TransitionDto'] }) =>
      call(api.POST('/api/proposals/{id}/transitions/{action}', { params: { path: { id, action } }, body: body ?? {} })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['assembly', assemblyId, 'review'] });
      void queryClient.invalidateQueries({ queryKey: assemblyKeys.sessions(assemblyId) });
    },
  });
}

export function useCreateSession(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateSessionDto']) => call(api.POST('/api/assemblies/{id}/sessions', { params: { path: { id: assemblyId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assemblyKeys.sessions(assemblyId) }),
  });
}

export function useReportQueue(assemblyId: string) {
  return useQuery({ queryKey: reviewKeys.reports(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/reports', { params: { path: { id: assemblyId } } })) });
}

/** Moderation: keep the proposal (the reports leave the queue) or hide it with a public reason. */
export function useModerate(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ id, decision, reason }: { id: string; decision: 'keep' | 'hide'; reason: string }): Promise<void> => {
      if (decision === 'keep') await call(api.POST('/api/proposals/{id}/reports/dismiss', { params: { path: { id } }, body: { reason } }));
      else await call(api.PUT('/api/proposals/{id}/hidden', { params: { path: { id } }, body: { reason } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reviewKeys.reports(assemblyId) }),
  });
}
