import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, call, type Schemas } from '../../app/api/client';
import { sendForm } from '../../app/api/multipart';
import { openAuthedSocket, type AuthedSocket } from '../../app/live/authed-socket';
import { assemblyKeys } from '../../deliberation/hooks/assemblies';

type Draw = Schemas['DrawDto'];

export const sortitionKeys = {
  pools: (assemblyId: string) => ['assembly', assemblyId, 'pools'] as const,
  quotas: (poolId: string) => ['pool', poolId, 'quotas'] as const,
  draws: (assemblyId: string) => ['assembly', assemblyId, 'draws'] as const,
  draw: (drawId: string) => ['draw', drawId] as const,
};

export function usePools(assemblyId: string) {
  return useQuery({ queryKey: sortitionKeys.pools(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/pools', { params: { path: { id: assemblyId } } })) });
}

export function useQuotaTable(poolId: string | undefined) {
  return useQuery({
    queryKey: sortitionKeys.quotas(poolId ?? ''),
    queryFn: () => call(api.GET('/api/pools/{id}/quotas', { params: { path: { id: poolId! } } })),
    enabled: poolId !== undefined,
    staleTime: Infinity, // a pool is frozen
  });
}

/** Uploads the quotas and the pool (CSV files); the server checks, reports row and column, freezes. */
export function useUploadPool(assemblyId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ quotas, pool, householdColumns }: { quotas: File; pool: File; householdColumns: string }) => {
      const form = new FormData();
      form.append('quotas', quotas, quotas.name);
      form.append('pool', pool, pool.name);
      if (householdColumns.trim() !== '') form.append('householdColumns', householdColumns.trim());
      return sendForm<Schemas['PoolDto']>('POST', `/api/assemblies/${assemblyId}/pools`, form);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sortitionKeys.pools(assemblyId) }),
  });
}

export function useDraws(assemblyId: string) {
  return useQuery({ queryKey: sortitionKeys.draws(assemblyId), queryFn: () => call(api.GET('/api/assemblies/{id}/draws', { params: { path: { id: assemblyId } } })) });
}

/**
 * One `/sortition` connection per tab, opened by the first page that needs it and kept: the page
 * that starts a draw opens it, so the draw's page watches at once and misses none of a short
 * draw's progress.
 */
let sortitionSocket: Promise<AuthedSocket> | null = null;
export function sortitionConnection(): Promise<AuthedSocket> {
  sortitionSocket ??= openAuthedSocket('/sortition', { onSignInAgain: () => undefined });
  return sortitionSocket;
}

type DrawUpdate = { drawId: string; status: Draw['status']; progress: Draw['progress'] | null };

/**
 * A draw, kept live by the `/sortition` socket: progress goes straight into the cache; a change of
 * status (or a finished LEGACY comparison) reads the draw again.
 */
export function useDraw(drawId: string) {
  const queryClient = useQueryClient();
  useEffect(() => {
    const key = sortitionKeys.draw(drawId);
    let stop = (): void => undefined;
    let stopped = false;
    void sortitionConnection().then(({ socket }) => {
      if (stopped) return;
      const watch = (): void => void socket.timeout(10_000).emitWithAck('draw.watch', { drawId }).catch(() => undefined);
      // (Re)connected: watch again, and read the draw again (updates sent meanwhile were missed).
      const onConnect = (): void => {
        watch();
        void queryClient.invalidateQueries({ queryKey: key });
      };
      const onUpdate = (update: DrawUpdate): void => {
        if (update.drawId !== drawId) return;
        const current = queryClient.getQueryData<Draw>(key);
        if (current !== undefined && update.status === 'running' && (current.status === 'running' || current.status === 'queued')) {
          queryClient.setQueryData<Draw>(key, { ...current, status: 'running', ...(update.progress === null || update.progress === undefined ? {} : { progress: update.progress }) });
        } else {
          void queryClient.invalidateQueries({ queryKey: key });
        }
      };
      socket.on('connect', onConnect);
      socket.on('draw.update', onUpdate);
      if (socket.connected) watch();
      stop = () => {
        socket.off('connect', onConnect);
        socket.off('draw.update', onUpdate);
        if (socket.connected) socket.emit('draw.unwatch', { drawId });
      };
    });
    return () => {
      stopped = true;
      stop();
    };
  }, [drawId, queryClient]);
  return useQuery({ queryKey: sortitionKeys.draw(drawId), queryFn: () => call(api.GET('/api/draws/{id}', { params: { path: { id: drawId } } })) });
}

function useDrawMutation<T>(drawId: string, run: (body: T) => Promise<Draw>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: (draw) => {
      queryClient.setQueryData(sortitionKeys.draw(drawId), draw);
      void queryClient.invalidateQueries({ queryKey: sortitionKeys.draws(draw.assemblyId) });
      void queryClient.invalidateQueries({ queryKey: assemblyKeys.memberships(draw.assemblyId) });
    },
  });
}

export function useStartDraw(assemblyId: string, kind: 'initial' | 'replacement') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Schemas['RequestDrawDto']) =>
      kind === 'initial'
        ? call(api.POST('/api/assemblies/{id}/draws', { params: { path: { id: assemblyId } }, body }))
        : call(api.POST('/api/assemblies/{id}/replacement-draws', { params: { path: { id: assemblyId } }, body: { algorithm: body.algorithm, lotterySize: body.lotterySize } })),
    onSuccess: (draw) => {
      queryClient.setQueryData(sortitionKeys.draw(draw.id), draw);
      void queryClient.invalidateQueries({ queryKey: sortitionKeys.draws(assemblyId) });
    },
  });
}

export function useCancelDraw(drawId: string) {
  return useDrawMutation(drawId, (reason: string) => call(api.POST('/api/draws/{id}/cancel', { params: { path: { id: drawId } }, body: { reason } })));
}

export function useSeedDraw(drawId: string) {
  return useDrawMutation(drawId, (body: Schemas['SeedDto']) => call(api.POST('/api/draws/{id}/seed', { params: { path: { id: drawId } }, body })));
}

export function useCompareWithLegacy(drawId: string) {
  return useDrawMutation(drawId, (runs: number) => call(api.POST('/api/draws/{id}/legacy-comparison', { params: { path: { id: drawId } }, body: { runs } })));
}

/** The official record of a seeded draw (organisers), as a PDF, in the page's language. */
export function fetchRecord(drawId: string, lang: 'fr' | 'en'): Promise<Blob> {
  return call(api.GET('/api/draws/{id}/record.pdf', { params: { path: { id: drawId }, query: { lang } }, parseAs: 'blob' }));
}

/** The audit bundle's exact text (what `pnyx sortition verify --bundle FILE` reads). */
export function fetchBundle(drawId: string): Promise<string> {
  return call(api.GET('/api/draws/{id}/bundle', { params: { path: { id: drawId } }, parseAs: 'text' }));
}
