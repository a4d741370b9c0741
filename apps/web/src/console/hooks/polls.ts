import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { pollKeys } from '../../voting/hooks/polls';

type Status = Schemas['PollDto']['status'];

export const consolePollKeys = {
  list: (status: Status) => ['console', 'polls', status] as const,
};

/** Polls of every audience the console manages (not referendums' ballot boxes), by status. */
export function useConsolePolls(status: Status) {
  return useQuery({
    queryKey: consolePollKeys.list(status),
    queryFn: async () => (await call(api.GET('/api/polls', { params: { query: { status, limit: 100 } } }))).filter((poll) => poll.audience !== 'roll' && poll.audience !== 'budget'),
  });
}

export function useCreatePoll() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreatePollDto']) => call(api.POST('/api/polls', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['console', 'polls'] }),
  });
}

export function useUpdatePoll(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdatePollDto']) => call(api.PATCH('/api/polls/{id}', { params: { path: { id } }, body })),
    onSuccess: (poll) => {
      queryClient.setQueryData(pollKeys.poll(id), poll);
      void queryClient.invalidateQueries({ queryKey: ['console', 'polls'] });
    },
  });
}

/** Opening, closing and publishing a poll (each audited by the API). */
export function usePollTransition(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'open' | 'close' | 'publish') =>
      action === 'open'
        ? call(api.POST('/api/polls/{id}/open', { params: { path: { id } } }))
        : action === 'close'
          ? call(api.POST('/api/polls/{id}/close', { params: { path: { id } } }))
          : call(api.POST('/api/polls/{id}/publish', { params: { path: { id } } })),
    onSuccess: (poll) => {
      queryClient.setQueryData(pollKeys.poll(id), poll);
      void queryClient.invalidateQueries({ queryKey: ['console', 'polls'] });
      void queryClient.invalidateQueries({ queryKey: pollKeys.turnout(id) });
      void queryClient.invalidateQueries({ queryKey: pollKeys.results(id) });
    },
  });
}
