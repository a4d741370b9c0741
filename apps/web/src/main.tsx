import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { isApiError } from './app/api/errors';
import { getSession, restore, subscribeSession } from './app/auth/session';
import { initI18n } from './app/i18n/i18n';
import { router } from './app/router';
import './app/styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal (4xx) will not change by asking again; network and server errors may.
      retry: (failures, error) => failures < 2 && !(isApiError(error) && error.status < 500),
    },
  },
});

// The first render waits for the session: pages then ask the API as the person they show, once.
await Promise.all([initI18n(), restore()]);

// Some answers depend on who asks (a petition's "supported", an author's draft): when the person
// signs in or out, everything shown is fetched again.
let account = getSession().account?.id ?? null;
subscribeSession(() => {
  const now = getSession().account?.id ?? null;
  if (now === account) return;
  account = now;
  void queryClient.invalidateQueries();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  </StrictMode>,
);
