import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { useLiveTopic } from '../../app/live/useLive';

type Turnout = Schemas['TurnoutDto'];

export const pollKeys = {
  list: (status: Schemas['PollDto']['status']) => ['polls', 'residents', status] as const,
  poll: (id: string) => ['poll', id] as const,
  turnout: (id: string) => ['poll', id, 'turnout'] as const,
  participation: (id: string) => ['poll', id, 'participation'] as const,
  results: (id: string) => ['poll', id, 'results'] as const,
};

/** Polls any resident may vote in, by status, newest first. */
export function useResidentPolls(status: Schemas['PollDto']['status']) {
  return useQuery({
    queryKey: pollKeys.list(status),
    queryFn: () => call(api.GET('/api/polls', { params: { query: { status, audience: 'residents', limit: 50 } } })),
  });
}

export function usePoll(id: string) {
  const queryClient = useQueryClient();
  useLiveTopic(
    `poll:${id}`,
    {
      // Opening or closing changes what the page offers: read the poll again.
      'poll.status': () => void queryClient.invalidateQueries({ queryKey: pollKeys.poll(id) }),
    },
    pollKeys.poll(id),
  );
  return useQuery({ queryKey: pollKeys.poll(id), queryFn: () => call(api.GET('/api/polls/{id}', { params: { path: { id } } })) });
}

/** Turnout, kept live by the `/live` socket (pushed figures go straight into the cache). */
export function usePollTurnout(id: string) {
  const queryClient = useQueryClient();
  useLiveTopic(
    `poll:${id}`,
    {
      'poll.turnout': ({ participants, eligible, status }) => {
        queryClient.setQueryData<Turnout>(pollKeys.turnout(id), { participants, status, ...(eligible === undefined ? {} : { eligible }) });
      },
      'poll.status': ({ status }) => {
        queryClient.setQueryData<Turnout>(pollKeys.turnout(id), (old) => (old === undefined ? old : { ...old, status }));
      },
    },
    pollKeys.turnout(id),
  );
  return useQuery({ queryKey: pollKeys.turnout(id), queryFn: () => call(api.GET('/api/polls/{id}/turnout', { params: { path: { id } } })) });
}

export function useParticipation(id: string, enabled: boolean) {
  return useQuery({
    queryKey: pollKeys.participation(id),
    queryFn: () => call(api.GET('/api/polls/{id}/participation', { params: { path: { id } } })),
    enabled,
    staleTime: 0,
  });
}

export function usePollResults(id: string, enabled: boolean) {
  return useQuery({
    queryKey: pollKeys.results(id),
    queryFn: () => call(api.GET('/api/polls/{id}/results', { params: { path: { id } } })),
    enabled,
    // The bulletin board's digest arrives a few seconds after the close: look again until it has.
    refetchInterval: (query) => (query.state.data !== undefined && query.state.data.bulletinBoardDigest === null ? 2000 : false),
  });
}

export function useCastBallot(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CastBallotDto']) => call(api.POST('/api/polls/{id}/ballots', { params: { path: { id } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: pollKeys.participation(id) }),
  });
}

export function useVerifyReceipt() {
  return useMutation({
    mutationFn: ({ pollId, receipt }: { pollId: string; receipt: string }) => call(api.POST('/api/polls/{id}/receipts/verify', { params: { path: { id: pollId } }, body: { receipt } })),
  });
}
