import type { SortitionInstance } from './instance.js';

/** One quota as organisers read it: the bounds, how many volunteers have the value, and how many were chosen. */
export interface QuotaRow {
  category: string;
  value: string;
  min: number;
  max: number;
  /** Volunteers in the pool with this value. */
  volunteers: number;
  /** Panel members with this value (when a panel is given). */
  selected?: number;
  /** The panel meets this quota (when a panel is given). */
  met?: boolean;
}

/**
 * The quota table of an instance, in the quotas' order; with `panel` (ids of the chosen people) the
 * count chosen for each value and whether it lies within its bounds — the check anyone can make on
 * a published draw.
 */
export function quotaTable(instance: SortitionInstance, panel?: readonly string[]): QuotaRow[] {
  const chosen = panel === undefined ? undefined : new Set(panel);
  const rows: QuotaRow[] = [];
  instance.categories.forEach((category, c) => {
    category.values.forEach((quota, v) => {
      let volunteers = 0;
      let selected = 0;
      for (const person of instance.people) {
        if (person.features[c] !== v) continue;
        volunteers += 1;
        if (chosen?.has(person.id) === true) selected += 1;
      }
      rows.push({
        category: category.name,
        value: quota.value,
        min: quota.min,
        max: quota.max,
        volunteers,
        ...(chosen === undefined ? {} : { selected, met: selected >= quota.min && selected <= quota.max }),
      });
    });
  });
  return rows;
}
