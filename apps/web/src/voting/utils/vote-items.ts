import type { Schemas } from '../../app/api/client';

export interface VoteListItem {
  id: string;
  kind: 'poll' | 'referendum';
  title: string;
  href: string;
  closesAt?: string;
  closedAt?: string;
}

/** Resident polls and referendums in one list, soonest deadline first (no deadline last). */
export function openVoteItems(polls: readonly Schemas['PollDto'][], referendums: readonly Schemas['ReferendumDto'][]): VoteListItem[] {
  const items: VoteListItem[] = [
    ...polls.map((poll) => ({ id: poll.id, kind: 'poll' as const, title: poll.title, href: `/polls/${poll.id}`, ...(poll.closesAt === undefined ? {} : { closesAt: poll.closesAt }) })),
    ...referendums.map((referendum) => ({ id: referendum.id, kind: 'referendum' as const, title: referendum.title, href: `/referendums/${referendum.id}`, closesAt: referendum.closesAt })),
  ];
  const deadline = (item: VoteListItem): number => (item.closesAt === undefined ? Number.POSITIVE_INFINITY : Date.parse(item.closesAt));
  return items.sort((a, b) => deadline(a) - deadline(b) || a.title.localeCompare(b.title));
}

/** Closed votes, most recently closed first, linking to their results. */
export function closedVoteItems(polls: readonly Schemas['PollDto'][], referendums: readonly Schemas['ReferendumDto'][]): VoteListItem[] {
  const items: VoteListItem[] = [
    ...polls.map((poll) => ({ id: poll.id, kind: 'poll' as const, title: poll.title, href: `/polls/${poll.id}/results`, ...(poll.closedAt === undefined ? {} : { closedAt: poll.closedAt }) })),
    ...referendums.map((referendum) => ({ id: referendum.id, kind: 'referendum' as const, title: referendum.title, href: `/referendums/${referendum.id}/results`, closedAt: referendum.closesAt })),
  ];
  const closed = (item: VoteListItem): number => (item.closedAt === undefined ? 0 : Date.parse(item.closedAt));
  return items.sort((a, b) => closed(b) - closed(a) || a.title.localeCompare(b.title));
}
