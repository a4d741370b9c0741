import { describe, expect, it } from '@jest/globals';
import { buildMinutes, escapeMarkdown, minutesToMarkdown, type MinutesEvent } from './minutes.js';

const at = (minutes: number): string => new Date(Date.UTC(2027, 2, 1, 17, 0) + minutes * 60_000).toISOString();
let seq = 0;
const event = (minute: number, type: string, data: Record<string, unknown> = {}, actorId: string | null = null): MinutesEvent => ({ seq: ++seq, type, at: at(minute), actorId, data });

describe('minutes', () => {
  const events = [
    event(0, 'presence.joined', { accountId: 'a' }),
    event(0, 'presence.joined', { accountId: 'b' }),
    event(1, 'session.started'),
    event(1, 'item.started', { index: 0 }),
    event(2, 'floor.granted', { accountId: 'a', itemIndex: 0 }),
    event(3, 'message.posted', { id: 'm1', authorId: 'b', itemIndex: 0, body: 'Plus de *pistes*', replyTo: null }),
    event(4, 'message.posted', { id: 'm2', authorId: 'b', itemIndex: 0, body: 'insulte', replyTo: null }),
    event(4, 'message.hidden', { messageId: 'm2', authorId: 'b', reason: 'Injure', by: 'chair' }),
    event(5, 'session.paused'),
    event(15, 'session.resumed'),
    event(16, 'floor.ended', { accountId: 'a', itemIndex: 0, spokeMs: 240_000 }),
    event(17, 'vote.opened', { pollId: 'v1', title: 'Adopter ?', itemIndex: 0, options: [{ id: 'o1', label: 'Oui' }, { id: 'o2', label: 'Non' }] }),
    event(18, 'vote.closed', { pollId: 'v1', ballots: 2, ranking: { ranking: [{ option: 'o2', rank: 1, majorityGradeLabel: 'Bien' }, { option: 'o1', rank: 2, majorityGradeLabel: 'Passable' }] } }),
    event(21, 'item.ended', { index: 0, reason: 'chair' }),
    event(22, 'session.ended'),
  ];
  const minutes = buildMinutes({
    session: { id: 's', title: 'Plénière #1', scheduledAt: at(0), status: 'ended', visibility: 'public' },
    items: [
      { proposalId: 'p1', title: 'Mobilités', allottedMinutes: 15 },
      { proposalId: 'p2', title: 'Budget', allottedMinutes: null },
    ],
    events,
    names: new Map([
      ['a', 'Awa'],
      ['b', 'Bruno'],
    ]),
    reactions: new Map([['m1', { agree: 3 }]]),
  });

  it('takes durations without pauses, speakers, messages (hidden ones by their reason), decisions and moderation from the log', () => {
    expect(minutes).toMatchObject({ final: true, lastSeq: events.length, session: { durationMs: 11 * 60_000 } });
    expect(minutes.attendance.map((person) => person.name)).toEqual(['Awa', 'Bruno']);
    expect(minutes.items[0]).toMatchObject({ durationMs: 10 * 60_000, endReason: 'chair', speakers: [{ name: 'Awa', turns: 1, spokeMs: 240_000 }] });
    expect(minutes.items[0].messages.map((m) => [m.body, m.hiddenReason])).toEqual([
      ['Plus de *pistes*', null],
      [null, 'Injure'],
    ]);
    expect(minutes.items[1]).toMatchObject({ startedAt: null, speakers: [] });
    expect(minutes.decisions).toEqual([
      {
        pollId: 'v1',
        title: 'Adopter ?',
        itemIndex: 0,
        openedAt: at(17),
        closedAt: at(18),
        ballots: 2,
        ranking: [
          { rank: 1, optionId: 'o2', label: 'Non', majorityGrade: 'Bien' },
          { rank: 2, optionId: 'o1', label: 'Oui', majorityGrade: 'Passable' },
        ],
      },
    ]);
    expect(minutes.moderation).toEqual([{ at: at(4), action: 'message-hidden', accountId: 'b', messageId: 'm2', reason: 'Injure', by: 'chair' }]);
  });

  it('writes Markdown in French and English with user text escaped', () => {
    const fr = minutesToMarkdown(minutes, 'fr');
    expect(fr).toContain('# Compte rendu — Plénière \\#1');
    expect(fr).toContain('**Bruno**: Plus de \\*pistes\\* _(agree 3)_');
    expect(fr).toContain('[message masqué par l’animation : Injure]');
    expect(fr).not.toContain('insulte');
    expect(fr).toContain('- Awa: 1 intervention, 4 min 00 s');
    expect(fr).toContain('1. Non — Bien');
    expect(fr).toContain('Point non abordé.');
    const en = minutesToMarkdown(minutes, 'en');
    expect(en).toContain('# Minutes — Plénière \\#1');
    expect(en).toContain('Not taken up.');
  });

  it('escapes Markdown syntax and flattens line breaks', () => {
    expect(escapeMarkdown('# titre\n[lien](javascript:x) <b>')).toBe('\\# titre \\[lien\\]\\(javascript:x\\) \\<b\\>');
  });
});
