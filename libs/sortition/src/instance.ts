/** A quota on one value of a category: at least `min` and at most `max` panel members have it. */
export interface QuotaValue {
  value: string;
  min: number;
  max: number;
  /** How far `min` may be lowered when suggesting a relaxation (Sortition Foundation's min_flex). */
  minFlex?: number;
  /** How far `max` may be raised (max_flex). */
  maxFlex?: number;
}

export interface Category {
  name: string;
  values: QuotaValue[];
}

export interface Person {
  id: string;
  /** 1-based data row in the pool file. */
  row: number;
  /** Per category (same order as `categories`), the index of the person's value, or -1 if unknown. */
  features: number[];
  /** The person's value as written in the file, per category (for error messages). */
  rawFeatures: string[];
  /** Same non-empty key = same household (at most one member per panel when the rule is on). */
  household: string | undefined;
}

export interface SortitionInstance {
  categories: Category[];
  people: Person[];
  /** Panel size k. */
  size: number;
  /** Columns whose values together identify a household; empty = no household rule. */
  householdColumns: string[];
  /** Where the data came from, for messages. */
  files: { quotas: string; pool: string };
}
