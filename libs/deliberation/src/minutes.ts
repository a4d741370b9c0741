/**
 * Minutes of a session, built from its event log alone (pure): the agenda as it ran, who spoke and
 * for how long (pauses excluded), messages (hidden ones by their reason only), votes and their
 * results, moderation, attendance. JSON for archives and open data, Markdown (French or English) for
 * people.
 */

export interface MinutesEvent {
  seq: number;
  type: string;
  at: string;
  actorId: string | null;
  data: Record<string, unknown>;
}

export interface MinutesInput {
  session: { id: string; title: string; scheduledAt: string; status: string; visibility: string };
  items: Array<{ proposalId: string; title: string; allottedMinutes: number | null }>;
  events: readonly MinutesEvent[];
  names: ReadonlyMap<string, string>;
  reactions: ReadonlyMap<string, Record<string, number>>;
}

export interface MinutesSpeaker {
  accountId: string;
  name: string;
  turns: number;
  spokeMs: number;
}

export interface MinutesMessage {
  id: string;
  seq: number;
  at: string;
  authorId: string;
  author: string;
  replyTo: string | null;
  body: string | null;
  hiddenReason: string | null;
  reactions: Record<string, number>;
}

export interface MinutesVote {
  pollId: string;
  title: string;
  itemIndex: number | null;
  openedAt: string;
  closedAt: string | null;
  ballots: number | null;
  ranking: Array<{ rank: number; optionId: string; label: string; majorityGrade: string }> | null;
}

export interface MinutesItem {
  index: number;
  proposalId: string;
  title: string;
  allottedMinutes: number | null;
  startedAt: string | null;
  endedAt: string | null;
  durationMs: number | null;
  endReason: string | null;
  speakers: MinutesSpeaker[];
  messages: MinutesMessage[];
}

export interface MinutesWorkshop {
  breakoutId: string;
  /** The plenary item the groups worked on. */
  itemIndex: number | null;
  openedAt: string;
  closedAt: string | null;
  method: string | null;
  features: string[];
  seed: string | null;
  groups: Array<{ index: number; sessionId: string; members: Array<{ accountId: string; name: string }>; facilitator: string | null; reporter: string | null; summary: string | null }>;
}

export interface Minutes {
  format: 'pnyx-minutes-v1';
  final: boolean;
  lastSeq: number;
  session: MinutesInput['session'] & { startedAt: string | null; endedAt: string | null; durationMs: number | null };
  attendance: Array<{ accountId: string; name: string; firstJoinedAt: string }>;
  items: MinutesItem[];
  /** Messages posted while no item was under way. */
  otherMessages: MinutesMessage[];
  decisions: MinutesVote[];
  moderation: Array<{ at: string; action: 'muted' | 'unmuted' | 'message-hidden'; accountId: string | null; messageId: string | null; reason: string | null; by: string | null }>;
  /** Workshops in breakout groups: who was in which group, and each group's summary. */
  workshops: MinutesWorkshop[];
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);

export function buildMinutes(input: MinutesInput): Minutes {
  const name = (accountId: string | null): string => (accountId === null ? '' : (input.names.get(accountId) ?? accountId));
  const items: MinutesItem[] = input.items.map((item, index) => ({
    index,
    ...item,
    startedAt: null,
    endedAt: null,
    durationMs: null,
    endReason: null,
    speakers: [],
    messages: [],
  }));
  const pauses: Array<{ from: number; to: number }> = [];
  let pausedAt: number | null = null;
  let startedAt: string | null = null;
  let endedAt: string | null = null;
  const attendance = new Map<string, string>();
  const messages = new Map<string, MinutesMessage>();
  const otherMessages: MinutesMessage[] = [];
  const decisions = new Map<string, MinutesVote>();
  const optionLabels = new Map<string, string>();
  const moderation: Minutes['moderation'] = [];
  const workshops = new Map<string, MinutesWorkshop>();
  const speakerOf = (item: MinutesItem, accountId: string): MinutesSpeaker => {
    let speaker = item.speakers.find((s) => s.accountId === accountId);
    if (speaker === undefined) {
      speaker = { accountId, name: name(accountId), turns: 0, spokeMs: 0 };
      item.speakers.push(speaker);
    }
    return speaker;
  };

  for (const event of input.events) {
    const at = Date.parse(event.at);
    const d = event.data;
    switch (event.type) {
      case 'session.started':
        startedAt ??= event.at;
        break;
      case 'session.paused':
        pausedAt = at;
        break;
      case 'session.resumed':
        if (pausedAt !== null) pauses.push({ from: pausedAt, to: at });
        pausedAt = null;
        break;
      case 'session.ended':
        endedAt = event.at;
        if (pausedAt !== null) pauses.push({ from: pausedAt, to: at });
        pausedAt = null;
        break;
      case 'presence.joined': {
        const accountId = str(d.accountId);
        if (accountId !== null && !attendance.has(accountId)) attendance.set(accountId, event.at);
        break;
      }
      case 'item.started': {
        const item = items[num(d.index) ?? -1];
        if (item !== undefined) item.startedAt ??= event.at;
        break;
      }
      case 'item.ended': {
        const item = items[num(d.index) ?? -1];
        if (item !== undefined) {
          item.endedAt = event.at;
          item.endReason = str(d.reason);
        }
        break;
      }
      case 'floor.granted': {
        const item = items[num(d.itemIndex) ?? -1];
        const accountId = str(d.accountId);
        if (item !== undefined && accountId !== null) speakerOf(item, accountId).turns += 1;
        break;
      }
      case 'floor.ended': {
        const item = items[num(d.itemIndex) ?? -1];
        const accountId = str(d.accountId);
        if (item !== undefined && accountId !== null) speakerOf(item, accountId).spokeMs += num(d.spokeMs) ?? 0;
        break;
      }
      case 'message.posted': {
        const id = str(d.id);
        const authorId = str(d.authorId);
        if (id === null || authorId === null) break;
        const message: MinutesMessage = {
          id,
          seq: event.seq,
          at: event.at,
          authorId,
          author: name(authorId),
          replyTo: str(d.replyTo),
          body: str(d.body),
          hiddenReason: str(d.hiddenReason),
          reactions: input.reactions.get(id) ?? {},
        };
        messages.set(id, message);
        const item = items[num(d.itemIndex) ?? -1];
        (item?.messages ?? otherMessages).push(message);
        break;
      }
      case 'message.hidden': {
        const message = messages.get(str(d.messageId) ?? '');
        if (message !== undefined) {
          message.body = null;
          message.hiddenReason = str(d.reason);
        }
        moderation.push({ at: event.at, action: 'message-hidden', accountId: str(d.authorId), messageId: str(d.messageId), reason: str(d.reason), by: str(d.by) });
        break;
      }
      case 'member.muted':
        moderation.push({ at: event.at, action: 'muted', accountId: str(d.accountId), messageId: null, reason: str(d.reason), by: str(d.by) });
        break;
      case 'member.unmuted':
        moderation.push({ at: event.at, action: 'unmuted', accountId: str(d.accountId), messageId: null, reason: str(d.reason), by: str(d.by) });
        break;
      case 'vote.opened': {
        const pollId = str(d.pollId);
        if (pollId === null) break;
        for (const option of (d.options as Array<{ id: string; label: string }> | undefined) ?? []) optionLabels.set(option.id, option.label);
        decisions.set(pollId, { pollId, title: str(d.title) ?? '', itemIndex: num(d.itemIndex), openedAt: event.at, closedAt: null, ballots: null, ranking: null });
        break;
      }
      case 'vote.closed': {
        const vote = decisions.get(str(d.pollId) ?? '');
        if (vote === undefined) break;
        vote.closedAt = event.at;
        vote.ballots = num(d.ballots);
        const ranking = (d.ranking as { ranking?: Array<{ option: string; rank: number; majorityGradeLabel: string }> } | undefined)?.ranking ?? [];
        vote.ranking = ranking.map((entry) => ({ rank: entry.rank, optionId: entry.option, label: optionLabels.get(entry.option) ?? entry.option, majorityGrade: entry.majorityGradeLabel }));
        break;
      }
      case 'breakout.opened': {
        const breakoutId = str(d.breakoutId);
        if (breakoutId === null) break;
        const groups = (d.groups as Array<{ index: number; sessionId: string; members: string[]; facilitatorId: string | null }> | undefined) ?? [];
        workshops.set(breakoutId, {
          breakoutId,
          itemIndex: num(d.itemIndex),
          openedAt: event.at,
          closedAt: null,
          method: str(d.method),
          features: Array.isArray(d.features) ? d.features.filter((f): f is string => typeof f === 'string') : [],
          seed: str(d.seed),
          groups: groups.map((group) => ({
            index: group.index,
            sessionId: group.sessionId,
            members: group.members.map((accountId) => ({ accountId, name: name(accountId) })),
            facilitator: group.facilitatorId === null ? null : name(group.facilitatorId),
            reporter: null,
            summary: null,
          })),
        });
        break;
      }
      case 'breakout.closed': {
        const workshop = workshops.get(str(d.breakoutId) ?? '');
        if (workshop !== undefined) workshop.closedAt = event.at;
        break;
      }
      case 'breakout.reporter-named':
      case 'breakout.reported': {
        const group = workshops.get(str(d.breakoutId) ?? '')?.groups.find((g) => g.index === num(d.index));
        if (group === undefined) break;
        const reporter = str(d.accountId) ?? str(d.reporterId);
        if (reporter !== null) group.reporter = name(reporter);
        if (event.type === 'breakout.reported') group.summary = str(d.summary);
        break;
      }
      default:
        break;
    }
  }

  const pausedWithin = (from: number, to: number): number => pauses.reduce((sum, pause) => sum + Math.max(0, Math.min(to, pause.to) - Math.max(from, pause.from)), 0);
  const span = (from: string | null, to: string | null): number | null => {
    if (from === null || to === null) return null;
    const start = Date.parse(from);
    const end = Date.parse(to);
    return end - start - pausedWithin(start, end);
  };
  for (const item of items) item.durationMs = span(item.startedAt, item.endedAt);
  const last = input.events[input.events.length - 1];
  return {
    format: 'pnyx-minutes-v1',
    final: input.session.status === 'ended',
    lastSeq: last?.seq ?? 0,
    session: { ...input.session, startedAt, endedAt, durationMs: span(startedAt, endedAt) },
    attendance: [...attendance].map(([accountId, firstJoinedAt]) => ({ accountId, name: name(accountId), firstJoinedAt })),
    items,
    otherMessages,
    decisions: [...decisions.values()],
    moderation,
    workshops: [...workshops.values()],
  };
}

const TEXT = {
  fr: {
    minutes: 'Compte rendu',
    draft: 'Projet : la séance n’est pas terminée.',
    scheduled: 'Prévue le',
    held: 'Tenue de',
    to: 'à',
    duration: 'durée',
    attendance: 'Présents',
    agenda: 'Ordre du jour',
    notTaken: 'Point non abordé.',
    allotted: 'temps prévu',
    speakers: 'Prises de parole',
    turn: (n: number) => (n > 1 ? `${n} interventions` : '1 intervention'),
    messages: 'Messages',
    hidden: (reason: string) => `[message masqué par l’animation : ${reason}]`,
    reply: 'en réponse',
    decisions: 'Décisions',
    ballots: 'bulletins',
    stillOpen: 'vote en cours',
    rank: 'rang',
    moderation: 'Modération',
    muted: 'rendu muet',
    unmuted: 'parole rendue',
    messageHidden: 'message masqué',
    other: 'Hors point',
    none: 'aucun',
    minutesUnit: 'min',
    workshops: 'Ateliers',
    workshop: (at: string, item: string | null) => `Ateliers ouverts à ${at}${item === null ? '' : ` sur « ${item} »`}`,
    group: (n: number) => `Groupe ${n}`,
    facilitator: 'animation',
    reporter: 'rapporteur ou rapporteuse',
    summary: 'Synthèse',
    noSummary: 'pas de synthèse',
    split: (method: string | null, features: string) => (method === 'manual' ? 'groupes faits à la main' : `tirage au sort équilibré${features === '' ? '' : ` sur ${features}`}`),
  },
  en: {
    minutes: 'Minutes',
    draft: 'Draft: the session has not ended.',
    scheduled: 'Scheduled for',
    held: 'Held from',
    to: 'to',
    duration: 'duration',
    attendance: 'Present',
    agenda: 'Agenda',
    notTaken: 'Not taken up.',
    allotted: 'allotted',
    speakers: 'Speakers',
    turn: (n: number) => (n > 1 ? `${n} turns` : '1 turn'),
    messages: 'Messages',
    hidden: (reason: string) => `[message hidden by the facilitator: ${reason}]`,
    reply: 'in reply',
    decisions: 'Decisions',
    ballots: 'ballots',
    stillOpen: 'vote still open',
    rank: 'rank',
    moderation: 'Moderation',
    muted: 'muted',
    unmuted: 'unmuted',
    messageHidden: 'message hidden',
    other: 'Outside agenda items',
    none: 'none',
    minutesUnit: 'min',
    workshops: 'Workshops',
    workshop: (at: string, item: string | null) => `Workshops opened at ${at}${item === null ? '' : ` on “${item}”`}`,
    group: (n: number) => `Group ${n}`,
    facilitator: 'facilitator',
    reporter: 'reporter',
    summary: 'Summary',
    noSummary: 'no summary',
    split: (method: string | null, features: string) => (method === 'manual' ? 'groups made by hand' : `drawn at random, balanced${features === '' ? '' : ` on ${features}`}`),
  },
} as const;

export type MinutesLanguage = keyof typeof TEXT;

/** Markdown with user text escaped, so a message cannot forge headings or links in the minutes. */
export function minutesToMarkdown(minutes: Minutes, language: MinutesLanguage): string {
  const t = TEXT[language];
  const duration = (ms: number | null): string => {
    if (ms === null) return '—';
    const seconds = Math.round(ms / 1000);
    return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
  };
  const out: string[] = [];
  out.push(`# ${t.minutes} — ${escapeMarkdown(minutes.session.title)}`, '');
  if (!minutes.final) out.push(`> ${t.draft}`, '');
  out.push(`- ${t.scheduled} ${minutes.session.scheduledAt}`);
  if (minutes.session.startedAt !== null) {
    out.push(`- ${t.held} ${minutes.session.startedAt} ${t.to} ${minutes.session.endedAt ?? '…'} (${t.duration} ${duration(minutes.session.durationMs)})`);
  }
  out.push('', `## ${t.attendance} (${minutes.attendance.length})`, '');
  out.push(minutes.attendance.length === 0 ? t.none : minutes.attendance.map((person) => escapeMarkdown(person.name)).join(', '), '');
  out.push(`## ${t.agenda}`, '');
  const messageLines = (list: readonly MinutesMessage[]): void => {
    for (const message of list) {
      const text = message.hiddenReason !== null ? t.hidden(escapeMarkdown(message.hiddenReason)) : escapeMarkdown(message.body ?? '');
      const reactions = Object.entries(message.reactions)
        .map(([reaction, count]) => `${reaction} ${count}`)
        .join(', ');
      out.push(`- ${message.at} **${escapeMarkdown(message.author)}**${message.replyTo === null ? '' : ` (${t.reply})`}: ${text}${reactions === '' ? '' : ` _(${reactions})_`}`);
    }
  };
  for (const item of minutes.items) {
    out.push(`### ${item.index + 1}. ${escapeMarkdown(item.title)}`, '');
    if (item.startedAt === null) {
      out.push(t.notTaken, '');
      continue;
    }
    out.push(`${item.startedAt} → ${item.endedAt ?? '…'} (${t.duration} ${duration(item.durationMs)}${item.allottedMinutes === null ? '' : `, ${t.allotted} ${item.allottedMinutes} ${t.minutesUnit}`})`, '');
    out.push(`**${t.speakers}**`, '');
    if (item.speakers.length === 0) out.push(`- ${t.none}`);
    for (const speaker of item.speakers) out.push(`- ${escapeMarkdown(speaker.name)}: ${t.turn(speaker.turns)}, ${duration(speaker.spokeMs)}`);
    out.push('');
    if (item.messages.length > 0) {
      out.push(`**${t.messages}**`, '');
      messageLines(item.messages);
      out.push('');
    }
  }
  if (minutes.otherMessages.length > 0) {
    out.push(`## ${t.other}`, '');
    messageLines(minutes.otherMessages);
    out.push('');
  }
  out.push(`## ${t.decisions}`, '');
  if (minutes.decisions.length === 0) out.push(t.none);
  for (const vote of minutes.decisions) {
    out.push(`### ${escapeMarkdown(vote.title)}`, '');
    if (vote.ranking === null) {
      out.push(t.stillOpen, '');
      continue;
    }
    out.push(`${vote.ballots ?? 0} ${t.ballots}`, '');
    for (const entry of vote.ranking) out.push(`${entry.rank}. ${escapeMarkdown(entry.label)} — ${escapeMarkdown(entry.majorityGrade)}`);
    out.push('');
  }
  if (minutes.workshops.length > 0) {
    out.push(`## ${t.workshops}`, '');
    for (const workshop of minutes.workshops) {
      const item = workshop.itemIndex === null ? null : (minutes.items[workshop.itemIndex]?.title ?? null);
      out.push(`### ${t.workshop(workshop.openedAt, item === null ? null : escapeMarkdown(item))}`, '', `${t.split(workshop.method, workshop.features.map(escapeMarkdown).join(', '))}${workshop.closedAt === null ? '' : ` → ${workshop.closedAt}`}`, '');
      for (const group of workshop.groups) {
        const roles = [group.facilitator === null ? null : `${t.facilitator} : ${escapeMarkdown(group.facilitator)}`, group.reporter === null ? null : `${t.reporter} : ${escapeMarkdown(group.reporter)}`].filter((x) => x !== null);
        out.push(`- **${t.group(group.index)}** (${group.members.map((member) => escapeMarkdown(member.name)).join(', ')})${roles.length === 0 ? '' : ` — ${roles.join(', ')}`}`);
        out.push(`  - ${t.summary} : ${group.summary === null ? t.noSummary : escapeMarkdown(group.summary)}`);
      }
      out.push('');
    }
  }
  if (minutes.moderation.length > 0) {
    out.push(`## ${t.moderation}`, '');
    const label = { muted: t.muted, unmuted: t.unmuted, 'message-hidden': t.messageHidden } as const;
    const nameOf = new Map(minutes.attendance.map((person) => [person.accountId, person.name]));
    for (const entry of minutes.moderation) {
      const who = entry.accountId === null ? '' : ` ${escapeMarkdown(nameOf.get(entry.accountId) ?? entry.accountId)}`;
      out.push(`- ${entry.at} ${label[entry.action]}${who}${entry.reason === null ? '' : `: ${escapeMarkdown(entry.reason)}`}`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Backslash-escapes Markdown syntax and flattens line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_{}[\]()#+\-.!|<>~])/g, '\\$1');
}
