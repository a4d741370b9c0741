import type { Schemas } from '../../app/api/client';

type Proposal = Schemas['ProposalDto'];
type Page = Schemas['ProposalPageDto'];

/** A pushed support count (and state), applied to one proposal. */
export interface SupportUpdate {
  proposalId: string;
  supportCount: number;
  state: Proposal['state'];
}

/**
 * Applies a pushed support count to whatever a petition list holds in the query cache: a page of
 * proposals, or the pages of an infinite list. Anything else, or a list without it, is returned as is.
 */
export function withSupportUpdate<T>(data: T, update: SupportUpdate): T {
  const patchPage = (page: Page): Page => {
    if (!page.items.some((item) => item.id === update.proposalId)) return page;
    return { ...page, items: page.items.map((item) => (item.id === update.proposalId ? { ...item, supportCount: update.supportCount, state: update.state } : item)) };
  };
  if (typeof data !== 'object' || data === null) return data;
  if ('pages' in data && Array.isArray((data as { pages: unknown }).pages)) {
    const infinite = data as unknown as { pages: Page[]; pageParams: unknown[] };
    const pages = infinite.pages.map(patchPage);
    return pages.every((page, i) => page === infinite.pages[i]) ? data : ({ ...infinite, pages } as T);
  }
  if ('items' in data && Array.isArray((data as { items: unknown }).items)) return patchPage(data as unknown as Page) as T;
  return data;
}
