import { createHash } from 'node:crypto';
import { HmacCounterRandom } from './prng.js';

/** Someone present in the plenary, with the features the split may balance (as in the pool). */
export interface GroupMember {
  id: string;
  features: Readonly<Record<string, string>>;
}

export interface BreakoutSplit {
  /** Each group's member ids, in the order they were placed. */
  groups: string[][];
  /** Per category balanced, per value: how many of the value each group holds. */
  counts: Record<string, Record<string, number[]>>;
}

export class BreakoutSplitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BreakoutSplitError';
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Splits the people present into `groupCount` workshop groups at random, balanced on `categories`
 * (e.g. gender, then age band), reproducibly from `seed`.
 *
 * Group sizes differ by at most one, and so do each value's counts of the first category: people
 * are shuffled (the HMAC-SHA256 stream of libs/sortition/README.md, over the sorted ids), put in
 * blocks by their first value and dealt round the groups like cards. Within a block, each place goes
 * to the person whose other values its group holds fewest of, which keeps the second category close
 * too (within two on the property tests' random instances, usually one) but not exactly: balancing
 * several categories at once exactly is not always possible.
 */
export function splitIntoGroups(members: readonly GroupMember[], groupCount: number, categories: readonly string[], seed: string): BreakoutSplit {
  if (!Number.isSafeInteger(groupCount) || groupCount < 1) throw new BreakoutSplitError('the number of groups must be a whole number ≥ 1');
  if (groupCount > members.length) throw new BreakoutSplitError(`${groupCount} groups for ${members.length} people: at most one group per person`);
  if (new Set(members.map((member) => member.id)).size !== members.length) throw new BreakoutSplitError('each person may appear once');
  for (const category of categories) {
    const missing = members.find((member) => member.features[category] === undefined);
    if (missing !== undefined) throw new BreakoutSplitError(`${missing.id} has no value for "${category}"`);
  }

  // Canonical order, then a seeded Fisher–Yates shuffle: the same people and seed, the same groups.
  const context = createHash('sha256')
    .update(JSON.stringify({ split: 'pnyx-breakout-v1', groups: groupCount, categories, ids: members.map((member) => member.id).sort(compareCodeUnits) }), 'utf8')
    .digest('hex');
  const random = new HmacCounterRandom(seed, context);
  const order = [...members].sort((a, b) => compareCodeUnits(a.id, b.id));
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = random.below(i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }

  // The first category's values in blocks, larger first, each value's people in the shuffled order.
  const [head, ...rest] = categories;
  const blocks = new Map<string, GroupMember[]>();
  for (const member of order) {
    const value = head === undefined ? '' : member.features[head];
    const block = blocks.get(value);
    if (block === undefined) blocks.set(value, [member]);
    else block.push(member);
  }
  const ordered = [...blocks.entries()].sort(([va, a], [vb, b]) => b.length - a.length || compareCodeUnits(va, vb)).map(([, block]) => block);

  // Dealt round the groups like cards, from a random first group: any run of people sharing the
  // first category's value gives each group ⌊run / n⌋ or ⌈run / n⌉ of them, and the sizes differ by
  // at most one. Within a run, who takes each place is free: the person whose next values the
  // place's group holds fewest of (the second category first), so the others balance too.
  const groups: GroupMember[][] = Array.from({ length: groupCount }, () => []);
  const counts: Record<string, Record<string, number[]>> = Object.fromEntries(categories.map((category) => [category, {}]));
  const countOf = (category: string, value: string, g: number): number => counts[category][value]?.[g] ?? 0;
  let place = random.below(groupCount);
  for (const block of ordered) {
    const waiting = [...block];
    // How many of each value still wait: on a tie, the commoner value goes first (rarer ones keep
    // their choice of group for later).
    const left = rest.map((category) => {
      const count = new Map<string, number>();
      for (const member of waiting) count.set(member.features[category], (count.get(member.features[category]) ?? 0) + 1);
      return count;
    });
    while (waiting.length > 0) {
      const g = place % groupCount;
      let best = 0;
      for (let i = 1; i < waiting.length; i += 1) {
        for (const [c, category] of rest.entries()) {
          const vi = waiting[i].features[category];
          const vb = waiting[best].features[category];
          const difference = countOf(category, vi, g) - countOf(category, vb, g) || left[c].get(vb)! - left[c].get(vi)!;
          if (difference < 0) best = i;
          if (difference !== 0) break;
        }
      }
      const [member] = waiting.splice(best, 1);
      rest.forEach((category, c) => left[c].set(member.features[category], left[c].get(member.features[category])! - 1));
      groups[g].push(member);
      for (const category of categories) {
        const value = member.features[category];
        counts[category][value] ??= Array<number>(groupCount).fill(0);
        counts[category][value][g] += 1;
      }
      place += 1;
    }
  }
  return { groups: groups.map((group) => group.map((member) => member.id)), counts };
}
