import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';

export const decisionKeys = {
  list: (assemblyId: string) => ['assembly', assemblyId, 'decision-tracker'] as const,
  one: (decisionId: string) => ['decision', decisionId] as const,
};

export function useDecisionTracker(assemblyId: string) {
  return useQuery({ queryKey: decisionKeys.list(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/decisions', { params: { path: { id: assemblyId } } })) });
}

export function useDecision(decisionId: string) {
  return useQuery({ queryKey: decisionKeys.one(decisionId), queryFn: () => call(api.GET('/api/decisions/{id}', { params: { path: { id: decisionId } } })) });
}

/** The organisers' changes; each returns the decision as it now stands. */
export function useDecisionChange(decisionId: string) {
  const queryClient = useQueryClient();
  const refresh = (decision: Schemas['DecisionDto']) => {
    void queryClient.invalidateQueries({ queryKey: decisionKeys.one(decisionId) });
    void queryClient.invalidateQueries({ queryKey: decisionKeys.list(decision.assemblyId) });
  };
  return {
    transmission: useMutation({
      mutationFn: (body: Schemas['TransmissionDto']) => call(api.PUT('/api/decisions/{id}/transmission', { params: { path: { id: decisionId } }, body })),
      onSuccess: refresh,
    }),
    answer: useMutation({
      mutationFn: (body: Schemas['CouncilAnswerDto']) => call(api.PUT('/api/decisions/{id}/council-answer', { params: { path: { id: decisionId } }, body })),
      onSuccess: refresh,
    }),
    addMilestone: useMutation({
      mutationFn: (body: Schemas['CreateMilestoneDto']) => call(api.POST('/api/decisions/{id}/milestones', { params: { path: { id: decisionId } }, body })),
      onSuccess: refresh,
    }),
    updateMilestone: useMutation({
      mutationFn: ({ milestoneId, ...body }: Schemas['UpdateMilestoneDto'] & { milestoneId: string }) =>
        call(api.PATCH('/api/decisions/{id}/milestones/{milestoneId}', { params: { path: { id: decisionId, milestoneId } }, body })),
      onSuccess: refresh,
    }),
  };
}

export function useFollowDecision(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (proposalId: string) => call(api.POST('/api/proposals/{id}/decision', { params: { path: { id: proposalId } }, body: {} })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: decisionKeys.list(assemblyId) }),
  });
}
