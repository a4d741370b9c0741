import { describe, expect, it } from '@jest/globals';
import { closedVoteItems, openVoteItems } from './vote-items';

const poll = (id: string, extra: Record<string, string> = {}) =>
  ({ id, title: `Poll ${id}`, description: '', grades: [], audience: 'residents', status: 'open', revote: 'never', skipped: 'refuse', tieBreak: 'majority-value', ...extra }) as never;
const referendum = (id: string, closesAt: string) =>
  ({ id, title: `Ref ${id}`, description: '', status: 'open', opensAt: '2027-01-01T08:00:00+01:00', closesAt, votingDay: '2027-01-10', minAge: 16, districtThreshold: 10, rollDigest: null, rollSize: null, questions: [] }) as never;

describe('vote lists', () => {
  it('put the soonest deadline first and votes without one last', () => {
    const items = openVoteItems([poll('a'), poll('b', { closesAt: '2027-01-05T10:00:00Z' })], [referendum('r', '2027-01-03T20:00:00+01:00')]);
    expect(items.map((item) => item.id)).toEqual(['r', 'b', 'a']);
    expect(items[0]).toMatchObject({ kind: 'referendum', href: '/referendums/r' });
    expect(items[1]).toMatchObject({ kind: 'poll', href: '/polls/b' });
  });

  it('link closed votes to their results, most recent first', () => {
    const items = closedVoteItems([poll('a', { closedAt: '2027-01-01T10:00:00Z' }), poll('b', { closedAt: '2027-02-01T10:00:00Z' })], [referendum('r', '2027-01-15T20:00:00+01:00')]);
    expect(items.map((item) => item.href)).toEqual(['/polls/b/results', '/referendums/r/results', '/polls/a/results']);
  });
});
