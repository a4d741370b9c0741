import type { SortitionInstance } from './instance.js';
import type { LinearModel, LinearRow } from './solvers/solver.js';

/**
 * People with the same features and no household tie are interchangeable: any fair distribution
 * can give them equal chances, and a panel only needs to say how many of each *type* it takes.
 * Working on types instead of people shrinks the committee ILP from n binaries to a few hundred
 * bounded integers (4 types instead of 2000 people for example_large_200).
 * People who share a household with another pool member keep a type of their own, so the
 * household rule (at most one per household) stays a constraint on single variables.
 */
export interface PersonType {
  /** Value index per category. */
  features: number[];
  /** Indexes into `instance.people`, in pool order. */
  members: number[];
}

export interface TypeModel {
  instance: SortitionInstance;
  types: PersonType[];
  /** Per category, per value: the types having it. */
  typesWithValue: number[][][];
  /** Types (all singletons) of each household with two or more members in the pool. */
  households: number[][];
  /** For each person, their type. */
  typeOf: number[];
}

export function buildTypeModel(instance: SortitionInstance): TypeModel {
  const householdSize = new Map<string, number>();
  for (const person of instance.people) {
    if (person.household !== undefined) householdSize.set(person.household, (householdSize.get(person.household) ?? 0) + 1);
  }
  const types: PersonType[] = [];
  const typeByKey = new Map<string, number>();
  const householdTypes = new Map<string, number[]>();
  const typeOf: number[] = [];
  instance.people.forEach((person, index) => {
    if (person.features.some((feature) => feature < 0)) {
      throw new RangeError(`person ${person.id} has a value outside the quotas; run the feasibility check first`);
    }
    const tied = person.household !== undefined && (householdSize.get(person.household) ?? 0) > 1;
    const key = tied ? undefined : person.features.join(',');
    let type = key === undefined ? undefined : typeByKey.get(key);
    if (type === undefined) {
      type = types.length;
      types.push({ features: [...person.features], members: [] });
      if (key !== undefined) typeByKey.set(key, type);
    }
    types[type].members.push(index);
    typeOf.push(type);
    if (tied) {
      const list = householdTypes.get(person.household!) ?? [];
      list.push(type);
      householdTypes.set(person.household!, list);
    }
  });
  const typesWithValue = instance.categories.map((category, c) =>
    category.values.map((_, v) => types.flatMap((type, t) => (type.features[c] === v ? [t] : []))),
  );
  return { instance, types, typesWithValue, households: [...householdTypes.values()], typeOf };
}

/** A panel described by how many members of each type it takes. */
export type TypeCommittee = Int32Array;

/** Rows shared by every committee model: size k, each quota, the household rule. */
export function committeeRows(model: TypeModel): LinearRow[] {
  const rows: LinearRow[] = [];
  const all = model.types.map((_, t) => t);
  rows.push({ indices: all, values: all.map(() => 1), lower: model.instance.size, upper: model.instance.size });
  model.instance.categories.forEach((category, c) =>
    category.values.forEach((quota, v) => {
      const indices = model.typesWithValue[c][v];
      rows.push({ indices, values: indices.map(() => 1), lower: quota.min, upper: quota.max });
    }),
  );
  for (const household of model.households) rows.push({ indices: household, values: household.map(() => 1), lower: -Infinity, upper: 1 });
  return rows;
}

/** The committee ILP: integer c_t in [0, |type t|] satisfying every row, maximising `weights`. */
export function committeeIlp(model: TypeModel, weights: readonly number[]): LinearModel {
  return {
    sense: 'maximize',
    objective: weights,
    lower: model.types.map(() => 0),
    upper: model.types.map((type) => type.members.length),
    integer: model.types.map(() => true),
    rows: committeeRows(model),
  };
}

/** Reads a committee from a solution, rounding away solver noise. */
export function committeeFrom(values: Float64Array, typeCount: number): TypeCommittee {
  const committee = new Int32Array(typeCount);
  for (let t = 0; t < typeCount; t += 1) committee[t] = Math.round(values[t]);
  return committee;
}

export function committeeKey(committee: TypeCommittee): string {
  return committee.join(',');
}

/** Checks a committee against every rule (used on solver output and in tests). */
export function committeeViolations(model: TypeModel, committee: TypeCommittee): string[] {
  const problems: string[] = [];
  const size = committee.reduce((sum, count) => sum + count, 0);
  if (size !== model.instance.size) problems.push(`has ${size} members instead of ${model.instance.size}`);
  committee.forEach((count, t) => {
    if (count < 0 || count > model.types[t].members.length) problems.push(`takes ${count} of type ${t}, which has ${model.types[t].members.length}`);
  });
  model.instance.categories.forEach((category, c) =>
    category.values.forEach((quota, v) => {
      const count = model.typesWithValue[c][v].reduce((sum, t) => sum + committee[t], 0);
      if (count < quota.min || count > quota.max) problems.push(`${category.name} ${quota.value}: ${count} outside [${quota.min}, ${quota.max}]`);
    }),
  );
  for (const household of model.households) {
    if (household.reduce((sum, t) => sum + committee[t], 0) > 1) problems.push('two members of one household');
  }
  return problems;
}
