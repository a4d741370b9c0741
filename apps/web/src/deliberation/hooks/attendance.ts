import { useQuery } from '@tanstack/react-query';
import { api, call } from '../../app/api/client';

/** The signed-in member's own attendance in an assembly, with their code for the door. */
export function useMyAttendance(assemblyId: string) {
  return useQuery({
    queryKey: ['assembly', assemblyId, 'attendance', 'me'],
    queryFn: () => call(api.GET('/api/assemblies/{id}/attendance/me', { params: { path: { id: assemblyId } } })),
  });
}
