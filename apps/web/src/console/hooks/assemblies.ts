import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { assemblyKeys } from '../../deliberation/hooks/assemblies';

/** An organiser creates an assembly; they become its first organiser. */
export function useCreateAssembly() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['CreateAssemblyDto']) => call(api.POST('/api/assemblies', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assemblyKeys.list }),
  });
}

export function useUpdateAssembly(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['UpdateAssemblyDto']) => call(api.PATCH('/api/assemblies/{id}', { params: { path: { id } }, body })),
    onSuccess: (assembly) => {
      queryClient.setQueryData(assemblyKeys.assembly(id), assembly);
      void queryClient.invalidateQueries({ queryKey: assemblyKeys.list });
    },
  });
}

/** A one-time invitation code for a seat (a new one revokes the previous): shown once, with its letter. */
export function useInvite(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (membershipId: string) => call(api.POST('/api/assemblies/{id}/memberships/{membershipId}/invitation', { params: { path: { id: assemblyId, membershipId } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assemblyKeys.memberships(assemblyId) }),
  });
}

/** A departure: the person leaves, or an organiser removes them, with the reason kept in the record. */
export function useEndMembership(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ membershipId, reason }: { membershipId: string; reason: string }) =>
      call(api.POST('/api/assemblies/{id}/memberships/{membershipId}/end', { params: { path: { id: assemblyId, membershipId } }, body: { reason } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assemblyKeys.memberships(assemblyId) }),
  });
}

/** Staff by email: the account is looked up, then given the role in this assembly. */
export function useAddStaff(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ email, role }: { email: string; role: Schemas['AddStaffDto']['role'] }) => {
      const account = await call(api.GET('/api/accounts/lookup', { params: { query: { email } } }));
      return call(api.POST('/api/assemblies/{id}/memberships', { params: { path: { id: assemblyId } }, body: { accountId: account.id, role } }));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: assemblyKeys.memberships(assemblyId) }),
  });
}
