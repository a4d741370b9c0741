import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { live } from './live-client';
import type { LiveEventName, LiveEvents, LiveTopic } from './live-events';

type Handlers = { [K in LiveEventName]?: (payload: LiveEvents[K]) => void };

/**
 * Follows a live topic while the component is shown: pushed figures go to `handlers` (which
 * update the query cache), and after a reconnection the queries under `refetchKey` are refetched.
 */
export function useLiveTopic(topic: LiveTopic | null, handlers: Handlers, refetchKey?: QueryKey): void {
  const queryClient = useQueryClient();
  const latest = useRef(handlers);
  latest.current = handlers;
  const keyText = JSON.stringify(refetchKey ?? null);

  useEffect(() => {
    if (topic === null) return;
    const leave = live.follow(topic);
    const id = topic.slice(topic.indexOf(':') + 1);
    const offs = (Object.keys(latest.current) as LiveEventName[]).map((event) =>
      live.on(event, (payload: LiveEvents[typeof event]) => {
        // One connection carries every topic the tab follows: keep this topic's pushes.
        const about = payload as { pollId?: string; proposalId?: string; referendumId?: string };
        if ((about.pollId ?? about.proposalId ?? about.referendumId) !== id) return;
        const handler = latest.current[event] as ((payload: LiveEvents[typeof event]) => void) | undefined;
        handler?.(payload);
      }),
    );
    const key = JSON.parse(keyText) as QueryKey | null;
    const offResync = live.onResync((topics) => {
      if (key !== null && topics.includes(topic)) void queryClient.invalidateQueries({ queryKey: key });
    });
    return () => {
      leave();
      for (const off of offs) off();
      offResync();
    };
  }, [topic, keyText, queryClient]);
}
