import type { SortitionInstance } from './instance.js';

export interface ReplacementPlan {
  /** The instance to draw the replacements from: the remaining pool and the quotas still to meet. */
  instance: SortitionInstance;
  /** Per category and value, how many continuing members already hold it. */
  held: Array<{ category: string; value: string; count: number }>;
  /** Pool members left out because they share a household with a continuing member. */
  excludedByHousehold: string[];
  /** Values the continuing members already hold more of than the maximum: no replacement can fix these. */
  overQuota: string[];
}

/**
 * Replacing members who dropped out of a drawn panel (the Sortition Foundation's practice, made
 * exact): the `vacancies` seats are drawn from the people never selected, under the original quotas
 * minus what the continuing members already hold — `min' = max(0, min − held)` and
 * `max' = max − held` — so that continuing members plus replacements again meet every quota. With
 * the household rule, nobody sharing a household with a continuing member can be drawn. The result
 * is an ordinary instance: the same algorithms, lottery and public seed make the replacement draw as
 * fair and as verifiable as the first one.
 *
 * Continuing members can hold more of a value than its maximum only if the panel was changed by
 * hand; `max'` is then 0 and the value is listed in `overQuota`, since no replacement can fix it.
 */
export function replacementInstance(
  instance: SortitionInstance,
  continuingIds: ReadonlySet<string>,
  neverAgainIds: ReadonlySet<string>,
  vacancies: number,
): ReplacementPlan {
  if (!Number.isInteger(vacancies) || vacancies < 1) throw new RangeError(`the number of vacancies must be a whole number ≥ 1 (got ${vacancies})`);
  const continuing = instance.people.filter((person) => continuingIds.has(person.id));
  const missing = [...continuingIds].filter((id) => !continuing.some((person) => person.id === id));
  if (missing.length > 0) throw new RangeError(`continuing members not in the pool: ${missing.slice(0, 5).join(', ')}`);
  const heldCounts = instance.categories.map((category, c) => category.values.map((_, v) => continuing.filter((person) => person.features[c] === v).length));
  const households = new Set(continuing.map((person) => person.household).filter((h): h is string => h !== undefined && h !== ''));
  const excludedByHousehold: string[] = [];
  const people = instance.people.filter((person) => {
    if (continuingIds.has(person.id) || neverAgainIds.has(person.id)) return false;
    if (person.household !== undefined && households.has(person.household)) {
      excludedByHousehold.push(person.id);
      return false;
    }
    return true;
  });
  const categories = instance.categories.map((category, c) => ({
    name: category.name,
    values: category.values.map((quota, v) => ({ ...quota, min: Math.max(0, quota.min - heldCounts[c][v]), max: Math.max(0, quota.max - heldCounts[c][v]) })),
  }));
  const overQuota = instance.categories.flatMap((category, c) =>
    category.values.flatMap((quota, v) =>
      heldCounts[c][v] > quota.max ? [`${category.name} ${quota.value}: ${heldCounts[c][v]} continuing members, maximum ${quota.max}`] : [],
    ),
  );
  return {
    instance: { ...instance, categories, people, size: vacancies },
    held: instance.categories.flatMap((category, c) => category.values.map((quota, v) => ({ category: category.name, value: quota.value, count: heldCounts[c][v] }))),
    excludedByHousehold,
    overQuota,
  };
}
