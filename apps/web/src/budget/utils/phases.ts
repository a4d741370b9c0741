import type { Edition, EditionPhase, Envelope } from '../hooks/budget';

/** An edition's phases in order (libs/budget's EDITION_PHASES). */
export const PHASES: readonly EditionPhase[] = ['draft', 'ideas', 'co-construction', 'feasibility', 'ballot', 'vote', 'results', 'follow-up'];

/** Whether the edition is at `phase` or past it. */
export function reached(current: EditionPhase, phase: EditionPhase): boolean {
  return PHASES.indexOf(current) >= PHASES.indexOf(phase);
}

/** Where a step stands against the current one, in a list of steps in order: over, now, or to come. */
export function stepState<T>(steps: readonly T[], step: T, current: T): 'done' | 'current' | 'coming' {
  const [index, now] = [steps.indexOf(step), steps.indexOf(current)];
  return index < now ? 'done' : index === now ? 'current' : 'coming';
}

export type Section = 'overview' | 'ideas' | 'projects' | 'vote' | 'results' | 'follow-up';

/** The edition's pages worth showing in its phase: nothing to read before there is something to read. */
export function sectionsOf(phase: EditionPhase): Section[] {
  const sections: Section[] = ['overview'];
  if (reached(phase, 'ideas')) sections.push('ideas');
  if (reached(phase, 'co-construction')) sections.push('projects');
  if (reached(phase, 'ballot')) sections.push('vote');
  if (reached(phase, 'results')) sections.push('results');
  if (reached(phase, 'follow-up')) sections.push('follow-up');
  return sections;
}

/** When each phase begins, by the edition's calendar: a Paris day, or for the vote its opening instant. */
export function phaseStarts(edition: Edition): Array<{ phase: Exclude<EditionPhase, 'draft'>; day?: string; instant?: string }> {
  const { calendar } = edition;
  return [
    { phase: 'ideas', day: calendar.ideasFrom },
    { phase: 'co-construction', day: calendar.coConstructionFrom },
    { phase: 'feasibility', day: calendar.feasibilityFrom },
    { phase: 'ballot', day: calendar.ballotFrom },
    { phase: 'vote', instant: calendar.voteOpensAt },
    { phase: 'results', day: calendar.resultsFrom },
    { phase: 'follow-up', day: calendar.followUpFrom },
  ];
}

const byDistrict = (a: string, b: string): number => a.localeCompare(b, 'fr', { numeric: true });

/** The districts with an envelope, in their natural order (2e before 11e). */
export function districtsOf(envelopes: readonly Envelope[]): string[] {
  return envelopes.flatMap((envelope) => (envelope.kind === 'district' && envelope.district !== null ? [envelope.district] : [])).sort(byDistrict);
}

/** Envelopes as residents read them: citywide, then districts in order, then ring-fenced ones by name. */
export function sortEnvelopes<T extends { envelope: Envelope } | Envelope>(items: readonly T[]): T[] {
  const of = (item: T): Envelope => ('envelope' in item ? item.envelope : item);
  const weight = { citywide: 0, district: 1, 'ring-fenced': 2 } as const;
  return [...items].sort((a, b) => {
    const [x, y] = [of(a), of(b)];
    return weight[x.kind] - weight[y.kind] || byDistrict(x.district ?? '', y.district ?? '') || x.name.localeCompare(y.name, 'fr');
  });
}

/**
 * The envelopes a resident votes in: the citywide one, the ring-fenced ones (open to every
 * resident), and their district's; `district` null shows the first two only.
 */
export function envelopesFor<T extends { envelope: Envelope }>(items: readonly T[], district: string | null): T[] {
  return sortEnvelopes(items.filter(({ envelope }) => envelope.kind !== 'district' || (district !== null && envelope.district === district)));
}

/**
 * An equal-shares payment in cents, as the API writes it ("1250", or "10000/3" when it is a
 * fraction): its value, and whether the figure shown is rounded.
 */
export function shareOf(share: string): { cents: number; exact: boolean } {
  const [num, den] = share.split('/');
  if (den === undefined) return { cents: Number(num), exact: true };
  return { cents: Number(BigInt(num)) / Number(BigInt(den)), exact: false };
}
