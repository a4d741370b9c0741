import { useCallback, useState } from 'react';
import { ApiError } from '../../app/api/errors';
import type { Ack, SessionRoom } from './useSessionRoom';

/**
 * Sending room commands from a panel: whether one is in flight, and the last refusal as an error
 * the panel says in words (never a silent no-op).
 */
export function useRoomAction(send: SessionRoom['send']) {
  const [error, setError] = useState<ApiError | null>(null);
  const [pending, setPending] = useState(false);
  const run = useCallback(
    async (event: string, payload?: Record<string, unknown>): Promise<Ack> => {
      setPending(true);
      const ack = await send(event, payload);
      setPending(false);
      setError(ack.ok ? null : new ApiError(ack.code === 'RATE_LIMITED' ? 429 : 409, ack.code, ack.message, undefined, ack.retryAfterSeconds));
      return ack;
    },
    [send],
  );
  return { run, error, pending, clear: () => setError(null) };
}
