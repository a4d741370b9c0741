import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';

/** Where the signed-in person serves as a polling-station officer (the header offers their page). */
export function useOfficerAssignments(enabled: boolean) {
  return useQuery({ queryKey: ['officer', 'assignments'], queryFn: () => call(api.GET('/api/referendums/officer-assignments')), enabled, staleTime: 5 * 60_000 });
}
