/**
 * The Atom feed (RFC 4287) of a tracker's changes: one entry per change, newest first, in French
 * or English, each linking to the decision's public page. Pure.
 */
export interface FeedChange {
  seq: string;
  decisionId: string;
  decisionTitle: string;
  kind: 'adopted' | 'transmitted' | 'answered' | 'milestone-added' | 'milestone-updated';
  data: Record<string, unknown>;
  at: string;
}

const TEXT = {
  fr: {
    feed: (assembly: string) => `Décisions de ${assembly} : suivi`,
    adopted: 'Adoptée par l’assemblée',
    transmitted: (reference: string) => `Transmise au Conseil de Paris (${reference})`,
    answered: { adopted: 'Adoptée par le Conseil de Paris', amended: 'Amendée par le Conseil de Paris', rejected: 'Rejetée par le Conseil de Paris' } as Record<string, string>,
    milestoneAdded: (title: string) => `Nouvelle étape : ${title}`,
    milestoneUpdated: (title: string, status: string) => `Étape « ${title} » : ${({ planned: 'prévue', 'in-progress': 'en cours', done: 'réalisée', cancelled: 'abandonnée' } as Record<string, string>)[status] ?? status}`,
  },
  en: {
    feed: (assembly: string) => `Decisions of ${assembly}: tracker`,
    adopted: 'Adopted by the assembly',
    transmitted: (reference: string) => `Transmitted to the Conseil de Paris (${reference})`,
    answered: { adopted: 'Adopted by the Conseil de Paris', amended: 'Amended by the Conseil de Paris', rejected: 'Rejected by the Conseil de Paris' } as Record<string, string>,
    milestoneAdded: (title: string) => `New milestone: ${title}`,
    milestoneUpdated: (title: string, status: string) => `Milestone “${title}”: ${({ planned: 'planned', 'in-progress': 'in progress', done: 'done', cancelled: 'cancelled' } as Record<string, string>)[status] ?? status}`,
  },
} as const;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function changeSummary(change: FeedChange, language: 'fr' | 'en'): string {
  const t = TEXT[language];
  const text = (key: string): string => (typeof change.data[key] === 'string' ? (change.data[key]) : '');
  switch (change.kind) {
    case 'adopted':
      return t.adopted;
    case 'transmitted':
      return t.transmitted(text('reference'));
    case 'answered':
      return t.answered[text('answer')] ?? text('answer');
    case 'milestone-added':
      return t.milestoneAdded(text('title'));
    case 'milestone-updated':
      return t.milestoneUpdated(text('title'), text('status'));
  }
}

export function decisionsAtom(feed: { assemblyId: string; assembly: string; baseUrl: string; language: 'fr' | 'en'; updated: string; changes: readonly FeedChange[] }): string {
  const base = feed.baseUrl.replace(/\/$/, '');
  const entries = feed.changes.map((change) => {
    const link = `${base}/decisions/${change.decisionId}`;
    return [
      '  <entry>',
      `    <id>${escape(`${link}#change-${change.seq}`)}</id>`,
      `    <title>${escape(`${change.decisionTitle} — ${changeSummary(change, feed.language)}`)}</title>`,
      `    <updated>${change.at}</updated>`,
      `    <link rel="alternate" type="text/html" href="${escape(link)}"/>`,
      `    <summary>${escape(changeSummary(change, feed.language))}</summary>`,
      '  </entry>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${feed.language}">`,
    `  <id>urn:uuid:${feed.assemblyId}</id>`,
    `  <title>${escape(TEXT[feed.language].feed(feed.assembly))}</title>`,
    `  <updated>${feed.updated}</updated>`,
    `  <link rel="alternate" type="text/html" href="${escape(`${base}/assemblies/${feed.assemblyId}/decisions`)}"/>`,
    `  <link rel="self" type="application/atom+xml" href="${escape(`${base}/api/assemblies/${feed.assemblyId}/decisions.atom?lang=${feed.language}`)}"/>`,
    '  <author><name>Pnyx</name></author>',
    ...entries,
    '</feed>',
    '',
  ].join('\n');
}
