import type { ReactNode } from 'react';

/**
 * A figure people compare, drawn: a bar for `value / max`, with the exact figures written beside
 * it (`children`), which is what assistive technologies read; the bar itself is decoration.
 */
export function ProgressMeter({ value, max, children }: { value: number; max: number; children: ReactNode }) {
  const share = max <= 0 ? 0 : Math.min(1, value / max);
  return (
    <div className="meter">
      <div className="meter-track" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${(share * 100).toFixed(2)}%` }} />
      </div>
      <p className="meter-text">{children}</p>
    </div>
  );
}
