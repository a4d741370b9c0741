import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { budgetKeys } from '../../budget/hooks/budget';

/** The organisers' moves on a participatory budget; each refreshes what it changed. */
export function useCreateEdition() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateEditionDto']) => call(api.POST('/api/budget/editions', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetKeys.editions }),
  });
}

export function useAdvancePhase(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (phase: Schemas['AdvancePhaseDto']['phase']) => call(api.POST('/api/budget/editions/{id}/phase', { params: { path: { id: editionId } }, body: { phase } })),
    onSuccess: (edition) => queryClient.setQueryData(budgetKeys.edition(editionId), edition),
    // Every page of the edition depends on its phase (the ballot, the results, the follow-up).
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['budget'] }),
  });
}

export function useCreateEnvelope(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateEnvelopeDto']) => call(api.POST('/api/budget/editions/{id}/envelopes', { params: { path: { id: editionId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetKeys.envelopes(editionId) }),
  });
}

export function useCreateProject(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateProjectDto']) => call(api.POST('/api/budget/editions/{id}/projects', { params: { path: { id: editionId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['budget'] }),
  });
}

export function useDecideFeasibility(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: Schemas['FeasibilityDto'] }) => call(api.PUT('/api/budget/projects/{id}/feasibility', { params: { path: { id: projectId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetKeys.projects(editionId) }),
  });
}

export function useUpdateFollowUp(editionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ projectId, body }: { projectId: string; body: Schemas['FollowUpUpdateDto'] }) => call(api.PUT('/api/budget/projects/{id}/follow-up', { params: { path: { id: projectId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: budgetKeys.followUp(editionId) }),
  });
}
