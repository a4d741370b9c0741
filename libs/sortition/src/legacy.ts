import type { SortitionInstance } from './instance.js';
import type { RandomSource } from './prng.js';

/** LEGACY found no panel this time (it may on a retry). */
export class LegacyDrawFailed extends Error {}

/** The people still available with one value: O(1) removal by swapping with the last. */
class IndexedList {
  readonly items: number[] = [];
  private readonly position = new Map<number, number>();
  add(item: number): void {
    this.position.set(item, this.items.length);
    this.items.push(item);
  }
  remove(item: number): void {
    const at = this.position.get(item);
    if (at === undefined) return;
    const last = this.items.pop()!;
    if (last !== item) {
      this.items[at] = last;
      this.position.set(last, at);
    }
    this.position.delete(item);
  }
  get size(): number {
    return this.items.length;
  }
}

/**
 * The Sortition Foundation's historical greedy algorithm ("LEGACY" in Flanigan et al. 2021): until
 * k people are chosen, take the value whose unmet minimum is largest relative to the people still
 * available with it ((min − selected) / remaining; ties to the first in file order), draw one of
 * those people uniformly, then drop everyone whose selection would break a maximum, and (with the
 * household rule) the rest of the household. Fails when a minimum can no longer be met.
 * Returns indexes into `instance.people`, ascending.
 */
export function legacyDraw(instance: SortitionInstance, random: RandomSource, households?: Map<string, number[]>): number[] {
  const { categories, people, size } = instance;
  const lists = categories.map((category) => category.values.map(() => new IndexedList()));
  people.forEach((person, index) => person.features.forEach((v, c) => lists[c][v].add(index)));
  const available = new Uint8Array(people.length).fill(1);
  const selectedCount = categories.map((category) => category.values.map(() => 0));
  const remove = (index: number): void => {
    if (available[index] === 0) return;
    available[index] = 0;
    people[index].features.forEach((v, c) => lists[c][v].remove(index));
  };
  const householdMembers = households ?? householdIndex(instance);
  const chosen: number[] = [];
  while (chosen.length < size) {
    let bestC = -1;
    let bestV = -1;
    let bestRatio = -Infinity;
    categories.forEach((category, c) =>
      category.values.forEach((quota, v) => {
        const selected = selectedCount[c][v];
        const remaining = lists[c][v].size;
        if (selected < quota.min && remaining < quota.min - selected) throw new LegacyDrawFailed(`${category.name} ${quota.value}: not enough people left`);
        if (remaining === 0 || quota.max === 0) return;
        const ratio = (quota.min - selected) / remaining;
        if (ratio > bestRatio) {
          bestRatio = ratio;
          bestC = c;
          bestV = v;
        }
      }),
    );
    if (bestC < 0) throw new LegacyDrawFailed('nobody is left to choose from');
    const candidates = lists[bestC][bestV].items;
    const pick = candidates[random.below(candidates.length)];
    chosen.push(pick);
    const person = people[pick];
    remove(pick);
    person.features.forEach((v, c) => {
      selectedCount[c][v] += 1;
      // Whoever would now break this maximum leaves the pool.
      if (selectedCount[c][v] >= categories[c].values[v].max) for (const index of [...lists[c][v].items]) remove(index);
    });
    if (person.household !== undefined) for (const index of householdMembers.get(person.household) ?? []) remove(index);
  }
  categories.forEach((category, c) =>
    category.values.forEach((quota, v) => {
      if (selectedCount[c][v] < quota.min) throw new LegacyDrawFailed(`${category.name} ${quota.value}: minimum not met`);
    }),
  );
  return chosen.sort((a, b) => a - b);
}

/** Household key → members, when the household rule is on. */
export function householdIndex(instance: SortitionInstance): Map<string, number[]> {
  const index = new Map<string, number[]>();
  if (instance.householdColumns.length === 0) return index;
  instance.people.forEach((person, i) => {
    if (person.household === undefined) return;
    const members = index.get(person.household) ?? [];
    members.push(i);
    index.set(person.household, members);
  });
  return index;
}
