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
  useLiveTopics(topic === null ? [] : [topic], handlers, refetchKey);
}

/** The same for several topics at once (a list of petitions, each with its support count). */
export function useLiveTopics(topics: readonly LiveTopic[], handlers: Handlers, refetchKey?: QueryKey): void {
  const queryClient = useQueryClient();
  const latest = useRef(handlers);
  latest.current = handlers;
  const keyText = JSON.stringify(refetchKey ?? null);
  const topicsText = [...topics].sort().join(' ');

  useEffect(() => {
    const followed = topicsText === '' ? [] : (topicsText.split(' ') as LiveTopic[]);
    if (followed.length === 0) return;
    const leaves = followed.map((topic) => live.follow(topic));
    const ids = new Set(followed.map((topic) => topic.slice(topic.indexOf(':') + 1)));
    const offs = (Object.keys(latest.current) as LiveEventName[]).map((event) =>
      live.on(event, (payload: LiveEvents[typeof event]) => {
        // One connection carries every topic the tab follows: keep these topics' pushes.
        const about = payload as { pollId?: string; proposalId?: string; referendumId?: string };
        if (!ids.has(about.pollId ?? about.proposalId ?? about.referendumId ?? '')) return;
        const handler = latest.current[event] as ((payload: LiveEvents[typeof event]) => void) | undefined;
        handler?.(payload);
      }),
    );
    const key = JSON.parse(keyText) as QueryKey | null;
    const offResync = live.onResync((resynced) => {
      if (key !== null && resynced.some((topic) => followed.includes(topic))) void queryClient.invalidateQueries({ queryKey: key });
    });
    return () => {
      for (const leave of leaves) leave();
      for (const off of offs) off();
      offResync();
    };
  }, [topicsText, keyText, queryClient]);
}
