import { describe, expect, it } from '@jest/globals';
import type { Envelope } from '../hooks/budget';
import { districtsOf, envelopesFor, PHASES, reached, sectionsOf, shareOf, sortEnvelopes, stepState } from './phases';

const envelope = (kind: Envelope['kind'], name: string, district: string | null = null): Envelope => ({ id: name, kind, name, district, amountCents: '100', maxProjectCostCents: null });

describe('budget phases and envelopes', () => {
  it('show the pages an edition has reached, in order', () => {
    expect(sectionsOf('draft')).toEqual(['overview']);
    expect(sectionsOf('ideas')).toEqual(['overview', 'ideas']);
    expect(sectionsOf('feasibility')).toEqual(['overview', 'ideas', 'projects']);
    expect(sectionsOf('vote')).toEqual(['overview', 'ideas', 'projects', 'vote']);
    expect(sectionsOf('follow-up')).toEqual(['overview', 'ideas', 'projects', 'vote', 'results', 'follow-up']);
    expect(reached('ballot', 'vote')).toBe(false);
    expect(reached('results', 'vote')).toBe(true);
    expect(['ideas', 'vote', 'results'].map((phase) => stepState(PHASES, phase, 'vote'))).toEqual(['done', 'current', 'coming']);
  });

  it('order districts as people count them, and envelopes citywide first', () => {
    const all = [envelope('ring-fenced', 'Écoles'), envelope('district', '11e arr.', '11e'), envelope('district', '2e arr.', '2e'), envelope('citywide', 'Tout Paris'), envelope('ring-fenced', 'Quartiers populaires')];
    expect(districtsOf(all)).toEqual(['2e', '11e']);
    expect(sortEnvelopes(all).map((e) => e.name)).toEqual(['Tout Paris', '2e arr.', '11e arr.', 'Écoles', 'Quartiers populaires']);
    const items = all.map((e) => ({ envelope: e }));
    expect(envelopesFor(items, '11e').map((item) => item.envelope.name)).toEqual(['Tout Paris', '11e arr.', 'Écoles', 'Quartiers populaires']);
    expect(envelopesFor(items, null).map((item) => item.envelope.name)).toEqual(['Tout Paris', 'Écoles', 'Quartiers populaires']);
  });

  it('read equal-shares payments, whole or fractions of a cent', () => {
    expect(shareOf('1250')).toEqual({ cents: 1250, exact: true });
    const third = shareOf('10000/3');
    expect(third.exact).toBe(false);
    expect(third.cents).toBeCloseTo(3333.333, 3);
  });
});
