import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { useLiveTopic } from '../../app/live/useLive';

export const referendumKeys = {
  list: (status: Schemas['ReferendumDto']['status']) => ['referendums', status] as const,
  referendum: (id: string) => ['referendum', id] as const,
  turnout: (id: string) => ['referendum', id, 'turnout'] as const,
  results: (id: string) => ['referendum', id, 'results'] as const,
  boxes: (id: string) => ['referendum', id, 'ballot-boxes'] as const,
};

export function useReferendums(status: Schemas['ReferendumDto']['status']) {
  return useQuery({
    queryKey: referendumKeys.list(status),
    queryFn: () => call(api.GET('/api/referendums', { params: { query: { status, limit: 50 } } })),
  });
}

export function useReferendum(id: string) {
  const queryClient = useQueryClient();
  useLiveTopic(
    `referendum:${id}`,
    { 'referendum.status': () => void queryClient.invalidateQueries({ queryKey: referendumKeys.referendum(id) }) },
    referendumKeys.referendum(id),
  );
  return useQuery({ queryKey: referendumKeys.referendum(id), queryFn: () => call(api.GET('/api/referendums/{id}', { params: { path: { id } } })) });
}

/** Turnout by district, kept live by the `/live` socket. */
export function useReferendumTurnout(id: string) {
  const queryClient = useQueryClient();
  useLiveTopic(
    `referendum:${id}`,
    { 'referendum.turnout': ({ turnout }) => queryClient.setQueryData(referendumKeys.turnout(id), turnout) },
    referendumKeys.turnout(id),
  );
  return useQuery({ queryKey: referendumKeys.turnout(id), queryFn: () => call(api.GET('/api/referendums/{id}/turnout', { params: { path: { id } } })) });
}

export function useReferendumResults(id: string, enabled: boolean) {
  return useQuery({ queryKey: referendumKeys.results(id), queryFn: () => call(api.GET('/api/referendums/{id}/results', { params: { path: { id } } })), enabled });
}

export function useBallotBoxes(id: string, enabled: boolean) {
  return useQuery({ queryKey: referendumKeys.boxes(id), queryFn: () => call(api.GET('/api/referendums/{id}/ballot-boxes', { params: { path: { id } } })), enabled });
}

/** Voting with a linked provider identity instead of the letter's code (where the referendum accepts it). */
export function useCastIdentityBallot(id: string) {
  return useMutation({
    mutationFn: (body: Schemas['IdentityBallotDto']) => call(api.POST('/api/referendums/{id}/identity-ballots', { params: { path: { id } }, body })),
  });
}

export function useCastReferendumBallot(id: string) {
  return useMutation({
    mutationFn: (body: Schemas['CastReferendumBallotDto']) => call(api.POST('/api/referendums/{id}/ballots', { params: { path: { id } }, body })),
  });
}
