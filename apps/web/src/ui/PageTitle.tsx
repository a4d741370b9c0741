import { useEffect, type ReactNode } from 'react';

/**
 * The page's one `h1`, and the document title. The layout moves focus to it after each navigation
 * (tabIndex -1 makes it focusable without putting it in the tab order), so screen readers announce
 * the new page and keyboard users start from its top.
 */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — Pnyx`;
  }, [title]);
  return (
    <h1 tabIndex={-1} className="page-title">
      {children ?? title}
    </h1>
  );
}
