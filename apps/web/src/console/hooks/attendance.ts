import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';

export const attendanceKeys = {
  roster: (sessionId: string) => ['session', sessionId, 'attendance'] as const,
  rules: (assemblyId: string) => ['assembly', assemblyId, 'indemnity-rules'] as const,
  statement: (assemblyId: string, from: string, to: string) => ['assembly', assemblyId, 'indemnities', from, to] as const,
};

/** The door's list; read again every 15 s so members joining from home show up. */
export function useAttendance(sessionId: string) {
  return useQuery({
    queryKey: attendanceKeys.roster(sessionId),
    queryFn: () => call(api.GET('/api/sessions/{id}/attendance', { params: { path: { id: sessionId } } })),
    refetchInterval: 15_000,
  });
}

export function useCheck(sessionId: string, direction: 'check-in' | 'check-out') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CheckInDto']) =>
      direction === 'check-in'
        ? call(api.POST('/api/sessions/{id}/attendance/check-in', { params: { path: { id: sessionId } }, body }))
        : call(api.POST('/api/sessions/{id}/attendance/check-out', { params: { path: { id: sessionId } }, body })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.roster(sessionId) }),
  });
}

export function useCorrectAttendance(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, ...body }: Schemas['CorrectionDto'] & { membershipId: string }) =>
      call(api.PUT('/api/sessions/{id}/attendance/{membershipId}/correction', { params: { path: { id: sessionId, membershipId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: attendanceKeys.roster(sessionId) }),
  });
}

export function useIndemnityRules(assemblyId: string) {
  return useQuery({ queryKey: attendanceKeys.rules(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/indemnity-rules', { params: { path: { id: assemblyId } } })) });
}

export function useSetIndemnityRules(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['IndemnityRulesInputDto']) => call(api.PUT('/api/assemblies/{id}/indemnity-rules', { params: { path: { id: assemblyId } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['assembly', assemblyId] }),
  });
}

export function useStatement(assemblyId: string, from: string, to: string, enabled: boolean) {
  return useQuery({
    queryKey: attendanceKeys.statement(assemblyId, from, to),
    queryFn: () => call(api.GET('/api/assemblies/{id}/indemnities', { params: { path: { id: assemblyId }, query: { from, to } } })),
    enabled,
  });
}

export function fetchStatementCsv(assemblyId: string, from: string, to: string): Promise<string> {
  return call<string>(api.GET('/api/assemblies/{id}/indemnities', { params: { path: { id: assemblyId }, query: { from, to, format: 'csv' } }, parseAs: 'text' }));
}

export function fetchStatementPdf(assemblyId: string, from: string, to: string, lang: 'fr' | 'en'): Promise<Blob> {
  return call<Blob>(api.GET('/api/assemblies/{id}/indemnities', { params: { path: { id: assemblyId }, query: { from, to, format: 'pdf', lang } }, parseAs: 'blob' }));
}
