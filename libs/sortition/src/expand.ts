import type { TypeModel } from './committee-model.js';
import type { TypeDistribution } from './leximin.js';

/** A panel of people (indexes into instance.people, ascending) and its probability. */
export interface WeightedPanel {
  weight: number;
  members: number[];
}

/**
 * Turns a distribution over type committees into one over panels of people in which everyone of a
 * type has exactly the type's probability. Within each committee, the c_t members of type t are
 * chosen by Madow's systematic sampling with equal inclusion probabilities c_t/|t| (Madow 1949,
 * "On the theory of systematic sampling II"), one shared start u ∈ [0,1) for all types: for u in
 * each interval between break points the panel is fixed, and weighs the interval's length.
 */
export function expandToPanels(model: TypeModel, distribution: TypeDistribution): WeightedPanel[] {
  const panels = new Map<string, WeightedPanel>();
  distribution.committees.forEach((committee, j) => {
    const weight = distribution.weights[j];
    // Break points: for type t, u crosses one whenever (u + r)·|t|/c_t passes an integer, i.e. at
    // multiples of 1/L with L = |t| / gcd(c_t, |t|). Collected as reduced fractions to merge exactly.
    const denominators = new Set<number>([1]);
    committee.forEach((count, t) => {
      const size = model.types[t].members.length;
      if (count > 0 && count < size) denominators.add(size / gcd(count, size));
    });
    const points = new Map<string, number>();
    for (const L of denominators) {
      for (let a = 0; a < L; a += 1) {
        const g = gcd(a, L);
        points.set(`${a / g}/${L / g}`, a / L);
      }
    }
    const breaks = [...points.values()].sort((x, y) => x - y);
    breaks.push(1);
    for (let b = 0; b + 1 < breaks.length; b += 1) {
      const length = breaks[b + 1] - breaks[b];
      if (length <= 0) continue;
      const u = (breaks[b] + breaks[b + 1]) / 2;
      const members: number[] = [];
      committee.forEach((count, t) => {
        const people = model.types[t].members;
        const size = people.length;
        for (let r = 0; r < count; r += 1) members.push(people[Math.floor(((u + r) * size) / count)]);
      });
      members.sort((x, y) => x - y);
      const key = members.join(',');
      const existing = panels.get(key);
      if (existing === undefined) panels.set(key, { weight: weight * length, members });
      else existing.weight += weight * length;
    }
  });
  return [...panels.values()];
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** Each person's probability under a distribution over panels. */
export function marginals(personCount: number, panels: readonly WeightedPanel[]): number[] {
  const probabilities = new Array<number>(personCount).fill(0);
  for (const panel of panels) for (const member of panel.members) probabilities[member] += panel.weight;
  return probabilities;
}
