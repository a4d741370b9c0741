import type { ReactNode } from 'react';

/** A highlighted message: information, success or warning (never colour alone: it has a heading or text). */
export function Notice({ kind = 'info', children, live = false }: { kind?: 'info' | 'success' | 'warning'; children: ReactNode; live?: boolean }) {
  return (
    <div className={`notice notice-${kind}`} role={live ? 'status' : undefined}>
      {children}
    </div>
  );
}
