#!/usr/bin/env node
// Generates a Paris-like sortition instance: a pool of volunteers and quotas for a panel of k.
//
//   node scripts/generate-paris-pool.mjs [--people 1500] [--size 100] [--seed paris-1500] [--out DIR]
//
// Writes DIR/categories.csv (category,feature,min,max) and DIR/respondents.csv (id,household and
// one column per category), the layout of paris_synthetic_2000. The same arguments give the same
// bytes (a seeded generator of our own, no Math.random), so the committed copy in
// test/fixtures/sortition/paris_synthetic_1500 can be checked against it (sortition-data.spec.ts).
//
// Five categories, as Paris's Citizens' Assembly used: gender, age band, diploma, arrondissement and
// occupation. Quotas follow the city's population (shares rounded from INSEE's 2021 census for
// Paris, people aged 16 and over), ±15 % and at least ±1 seat. Volunteers are skewed against the
// population as real pools are (more women, older, more graduates, fewer manual workers and
// students, the centre over-represented), features are correlated (students are young, the retired
// old, managers graduates), and volunteers come in households of 1 to 4 sharing an arrondissement:
// couples of close age and, in larger households, children aged 16–24.
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: {
    people: { type: 'string', default: '1500' },
    size: { type: 'string', default: '100' },
    seed: { type: 'string', default: 'paris-1500' },
    out: { type: 'string', default: 'test/fixtures/sortition/paris_synthetic_1500' },
  },
});
const PEOPLE = Number(args.people);
const SIZE = Number(args.size);

/** SplitMix64 seeded from SHA-256(seed): a small, well-mixed generator (Steele, Lea & Flood 2014). */
function generator(seed) {
  let state = createHash('sha256').update(seed, 'utf8').digest().readBigUInt64BE(0);
  const MASK = (1n << 64n) - 1n;
  return () => {
    state = (state + 0x9e3779b97f4a7c15n) & MASK;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    z ^= z >> 31n;
    return Number(z >> 11n) / 2 ** 53; // uniform in [0, 1)
  };
}
const random = generator(args.seed);

/** Picks a key of `weights` with probability proportional to its weight. */
function pick(weights) {
  const entries = Object.entries(weights);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let x = random() * total;
  for (const [key, weight] of entries) {
    x -= weight;
    if (x < 0) return key;
  }
  return entries[entries.length - 1][0];
}

// Population shares (per cent) and the volunteers' skew (factor on the share).
const GENDER = { female: [53, 1.2], male: [47, 0.85] };
const AGE = { '16-24': [13, 0.45], '25-34': [20, 0.7], '35-49': [25, 1], '50-64': [21, 1.3], '65+': [21, 1.45] };
const DIPLOMA = { 'none or primary': [20, 0.45], secondary: [25, 0.8], bachelor: [20, 1.1], 'master or above': [35, 1.4] };
const ARRONDISSEMENT = {
  'Paris Centre': [4.7, 1.4], '5e': [2.6, 1.5], '6e': [1.9, 1.5], '7e': [2.3, 1.3], '8e': [1.6, 0.9], '9e': [2.7, 1.2],
  '10e': [3.9, 0.9], '11e': [6.7, 1.1], '12e': [6.6, 1], '13e': [8.3, 0.9], '14e': [6.3, 1], '15e': [10.7, 1.1],
  '16e': [7.6, 1.1], '17e': [7.7, 1], '18e': [8.8, 0.8], '19e': [8.5, 0.7], '20e': [9.1, 0.8],
};
const OCCUPATION = {
  'manager or professional': [27, 1.3], intermediate: [15, 1.1], 'clerical or service': [13, 0.8], 'manual worker': [5, 0.45],
  retired: [20, 1.3], student: [10, 0.6], 'other not working': [10, 0.7],
};
const CATEGORIES = [
  ['gender', GENDER],
  ['age', AGE],
  ['diploma', DIPLOMA],
  ['arrondissement', ARRONDISSEMENT],
  ['occupation', OCCUPATION],
];

const skewed = (table) => Object.fromEntries(Object.entries(table).map(([key, [share, skew]]) => [key, share * skew]));

/** Occupation given age: students are young, the retired old. */
function occupationFor(age) {
  const weights = skewed(OCCUPATION);
  if (age === '16-24') return pick({ ...weights, student: weights.student * 12, retired: 0, 'manager or professional': weights['manager or professional'] * 0.3 });
  if (age === '65+') return pick({ ...weights, retired: weights.retired * 8, student: 0 });
  if (age === '50-64') return pick({ ...weights, retired: weights.retired * 0.6, student: 0 });
  return pick({ ...weights, retired: 0, student: age === '25-34' ? weights.student * 0.8 : 0 });
}

/** Diploma given age and occupation: managers graduates, the young not finished yet. */
function diplomaFor(age, occupation) {
  const weights = skewed(DIPLOMA);
  if (occupation === 'manager or professional') return pick({ ...weights, 'master or above': weights['master or above'] * 3, 'none or primary': weights['none or primary'] * 0.2 });
  if (occupation === 'manual worker') return pick({ ...weights, 'none or primary': weights['none or primary'] * 3, 'master or above': weights['master or above'] * 0.1 });
  if (age === '16-24') return pick({ ...weights, 'master or above': weights['master or above'] * 0.3, secondary: weights.secondary * 2 });
  return pick(weights);
}

function person(overrides = {}) {
  const gender = overrides.gender ?? pick(skewed(GENDER));
  const age = overrides.age ?? pick(skewed(AGE));
  const occupation = occupationFor(age);
  return { gender, age, diploma: diplomaFor(age, occupation), arrondissement: overrides.arrondissement, occupation };
}

const AGES = Object.keys(AGE);
const nearAge = (age) => {
  const i = AGES.indexOf(age);
  const step = random() < 0.7 ? 0 : random() < 0.5 ? -1 : 1;
  return AGES[Math.min(AGES.length - 1, Math.max(1, i + step))];
};

// Households: sizes 1–4 (of the volunteers living there, not of the household itself).
const people = [];
let households = 0;
while (people.length < PEOPLE) {
  households += 1;
  const household = `h${String(households).padStart(5, '0')}`;
  const size = Math.min(PEOPLE - people.length, Number(pick({ 1: 90, 2: 7, 3: 2, 4: 1 })));
  const arrondissement = pick(skewed(ARRONDISSEMENT));
  const first = person({ arrondissement, age: size > 1 ? pick({ '25-34': 2, '35-49': 4, '50-64': 3, '65+': 2 }) : undefined });
  const members = [first];
  if (size >= 2) members.push(person({ arrondissement, age: nearAge(first.age), gender: random() < 0.85 ? (first.gender === 'female' ? 'male' : 'female') : first.gender }));
  for (let child = 2; child < size; child += 1) members.push(person({ arrondissement, age: '16-24' }));
  for (const member of members) people.push({ id: `p${String(people.length + 1).padStart(5, '0')}`, household, ...member });
}

// Quotas: the population's share of SIZE seats, ±15 % and at least ±1 seat.
const quotaLines = ['category,feature,min,max'];
for (const [name, table] of CATEGORIES) {
  for (const [value, [share]] of Object.entries(table)) {
    const seats = (share / 100) * SIZE;
    const slack = Math.max(1, Math.round(0.15 * seats));
    quotaLines.push(`${name},${value},${Math.max(0, Math.round(seats) - slack)},${Math.round(seats) + slack}`);
  }
}
const poolLines = [`id,household,${CATEGORIES.map(([name]) => name).join(',')}`];
for (const p of people) poolLines.push([p.id, p.household, ...CATEGORIES.map(([name]) => p[name])].join(','));

mkdirSync(args.out, { recursive: true });
writeFileSync(join(args.out, 'categories.csv'), `${quotaLines.join('\n')}\n`);
writeFileSync(join(args.out, 'respondents.csv'), `${poolLines.join('\n')}\n`);
process.stdout.write(`${people.length} volunteers in ${households} households, ${quotaLines.length - 1} quotas → ${args.out}\n`);
