import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';

export interface AuditFilters {
  action: string;
  actor: string;
  /** Paris wall-clock bounds, as typed (converted before sending). */
  from?: string;
  to?: string;
}

/** The audit log, newest first, a page at a time ("older entries" fetches the next). */
export function useAuditLog(filters: AuditFilters & { fromIso?: string; toIso?: string }) {
  return useInfiniteQuery({
    queryKey: ['audit', filters.action, filters.actor, filters.fromIso ?? '', filters.toIso ?? ''],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      call(
        api.GET('/api/audit', {
          params: {
            query: {
              limit: 50,
              ...(pageParam === undefined ? {} : { before: pageParam }),
              ...(filters.action === '' ? {} : { action: filters.action }),
              ...(filters.actor === '' ? {} : { actor: filters.actor }),
              ...(filters.fromIso === undefined ? {} : { from: filters.fromIso }),
              ...(filters.toIso === undefined ? {} : { to: filters.toIso }),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.nextBefore ?? undefined,
  });
}

/** The chain recomputed by the server, as `pnyx audit verify` does. */
export function useAuditVerification() {
  return useQuery({ queryKey: ['audit', 'verify'], queryFn: () => call(api.GET('/api/audit/verify')), staleTime: 0 });
}
