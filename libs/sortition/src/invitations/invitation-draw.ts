import { createHash } from 'node:crypto';
import { toCsv } from '../csv.js';
import { HmacCounterRandom } from '../prng.js';
import type { RunControl } from '../progress.js';
import { checkpoint } from '../progress.js';
import { largestRemainder } from './apportionment.js';
import { parseBirthDate, type SourceList } from './source-list.js';

export const INVITATION_FORMAT = 'pnyx-invitations-v1';
export const STRATA = ['district', 'age'] as const;
export type Stratum = (typeof STRATA)[number];

/** Age bands for the `age` stratum, as Paris's assembly used them: [label, from age, to age]. The first also takes anyone younger a list may hold. */
export const AGE_BANDS: ReadonlyArray<readonly [string, number, number]> = [
  ['16-24', 0, 24],
  ['25-34', 25, 34],
  ['35-49', 35, 49],
  ['50-64', 50, 64],
  ['65+', 65, Infinity],
];

export interface InvitationParameters {
  /** How many invitations in all. */
  count: number;
  /** Whole-number weights of the sources, in the lists' order (e.g. 80, 15, 5). */
  mix: number[];
  /** What splits each source proportionally: district, and optionally the age band. */
  strata: Stratum[];
  /** The day ages are counted on (YYYY-MM-DD): part of what is published. */
  on: string;
}

export interface InvitedPerson {
  id: string;
  source: string;
  stratum: string;
}

export interface InvitationDraw {
  format: typeof INVITATION_FORMAT;
  /** SHA-256 of the canonical parameters (lists' digests, count, mix, strata, day, exclusions): the HMAC context. */
  parametersDigest: string;
  parameters: InvitationParameters;
  /** The public seed, exactly as entered. */
  seed: string;
  digests: Record<string, string>;
  /** Per source: its seats and, per stratum, the people eligible, the seats allotted and the invitations made. */
  allocation: Record<string, { seats: number; strata: Record<string, { eligible: number; seats: number; invited: number }> }>;
  invited: InvitedPerson[];
  /** Seats left empty because a stratum ran out of people at addresses not yet invited. */
  shortfall: number;
  /** People left out because an earlier draw of the assembly invited them. */
  excluded: number;
}

export class InvitationDrawError extends Error {
  constructor(readonly code: 'INVALID_PARAMETERS' | 'LIST_PROBLEMS' | 'NOT_ENOUGH_PEOPLE', message: string) {
    super(message);
    this.name = 'InvitationDrawError';
  }
}

/** Age in whole years on `on` (yyyymmdd both): the year difference, less one before the birthday. */
function ageOn(birth: number, on: number): number {
  return Math.floor((on - birth) / 10000);
}

function ageBand(age: number): string {
  return AGE_BANDS.find(([, from, to]) => age >= from && age <= to)?.[0] ?? AGE_BANDS[0][0];
}

/** The age band (AGE_BANDS) of someone born on `birthDate` on the day `on`, both YYYY-MM-DD or DD/MM/YYYY; undefined if either is not a date. */
export function ageBandOn(birthDate: string, on: string): string | undefined {
  const birth = parseBirthDate(birthDate);
  const day = parseBirthDate(on);
  return birth === undefined || day === undefined ? undefined : ageBand(ageOn(birth, day));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The canonical text hashed into `parametersDigest` (documented in libs/sortition/README.md). */
export function canonicalInvitationParameters(lists: Array<{ label: string; sha256: string }>, parameters: InvitationParameters, excludedDigest: string): string {
  return JSON.stringify({
    format: INVITATION_FORMAT,
    lists: lists.map((list) => ({ source: list.label, sha256: list.sha256 })),
    count: parameters.count,
    mix: parameters.mix,
    strata: parameters.strata,
    on: parameters.on,
    excluded: excludedDigest,
  });
}

/** SHA-256 of the earlier invitations, as sorted "source:id" lines; that of an empty text when none. */
export function excludedDigest(excluded: Iterable<string>): string {
  return createHash('sha256')
    .update([...excluded].sort(compareCodeUnits).join('\n'), 'utf8')
    .digest('hex');
}

function checkParameters(lists: SourceList[], parameters: InvitationParameters): number {
  const problems: string[] = [];
  if (lists.length === 0) problems.push('at least one list is needed');
  if (new Set(lists.map((list) => list.label)).size !== lists.length) problems.push('each list needs a label of its own');
  if (!Number.isSafeInteger(parameters.count) || parameters.count < 1) problems.push('the count must be a whole number ≥ 1');
  if (parameters.mix.length !== lists.length) problems.push(`the mix has ${parameters.mix.length} weights for ${lists.length} lists`);
  if (parameters.mix.some((w) => !Number.isSafeInteger(w) || w < 0) || parameters.mix.every((w) => w === 0)) problems.push('the mix takes whole numbers ≥ 0, not all 0');
  if (parameters.strata.length === 0 || parameters.strata.some((s) => !STRATA.includes(s)) || new Set(parameters.strata).size !== parameters.strata.length) {
    problems.push(`strata: one or more of ${STRATA.join(', ')}`);
  }
  const on = /^\d{4}-\d{2}-\d{2}$/.test(parameters.on) ? parseBirthDate(parameters.on) : undefined;
  if (on === undefined) problems.push('the day ages are counted on must be a date, YYYY-MM-DD');
  for (const list of lists) if (list.problemCount > 0) problems.push(`${list.file} has ${list.problemCount} problems; fix them first`);
  if (problems.length > 0) throw new InvitationDrawError(problems.some((p) => p.includes('fix them first')) ? 'LIST_PROBLEMS' : 'INVALID_PARAMETERS', problems.join('; '));
  return on!;
}

/**
 * Stage 1 of a Paris-style recruitment: `count` invitations drawn from the city's lists.
 *
 * 1. The seats are shared between the sources by the mix, then within each source between its
 *    strata (district, or district × age band) in proportion to the people eligible there, both by
 *    largest remainder (apportionment.ts): proportional allocation, as survey statisticians stratify.
 * 2. One random stream, HMAC-SHA256(seed, "pnyx-draw-v1:" + parametersDigest + ":" + i) read as in
 *    libs/sortition/README.md (rejection sampling, no modulo bias), draws the sources in list order
 *    and within each its strata in code-unit order: each stratum's people in file order, a partial
 *    Fisher–Yates shuffle (swap the drawn index with the last remaining one), and a person whose
 *    address already has an invitation is passed over — at most one invitation per address.
 * 3. People the assembly invited before (`excluded`, "source:id") are not eligible.
 *
 * Everything but the seed is published first (the lists' digests and the parameters' digest), so
 * anyone holding the lists re-runs the draw and gets the same people; another seed, other people.
 */
export function drawInvitations(lists: SourceList[], parameters: InvitationParameters, seed: string, options: { excluded?: ReadonlySet<string>; control?: RunControl } = {}): InvitationDraw {
  const on = checkParameters(lists, parameters);
  if (seed.length === 0) throw new InvitationDrawError('INVALID_PARAMETERS', 'the seed is empty');
  const excluded = options.excluded ?? new Set<string>();
  const digest = createHash('sha256').update(canonicalInvitationParameters(lists, parameters, excludedDigest(excluded)), 'utf8').digest('hex');
  const random = new HmacCounterRandom(seed, digest);
  const seats = largestRemainder(parameters.count, parameters.mix);
  const usedAddresses = new Set<string>();
  const invited: InvitedPerson[] = [];
  const allocation: InvitationDraw['allocation'] = {};
  let shortfall = 0;
  let excludedCount = 0;
  lists.forEach((list, l) => {
    checkpoint(options.control);
    // The eligible people of each stratum, in file order.
    const strata = new Map<string, number[]>();
    for (let i = 0; i < list.ids.length; i += 1) {
      if (excluded.has(`${list.label}:${list.ids[i]}`)) {
        excludedCount += 1;
        continue;
      }
      const key = parameters.strata.map((stratum) => (stratum === 'district' ? list.districts[i] : ageBand(ageOn(list.births[i], on)))).join(' · ');
      const members = strata.get(key);
      if (members === undefined) strata.set(key, [i]);
      else members.push(i);
    }
    const keys = [...strata.keys()].sort(compareCodeUnits);
    const eligible = keys.map((key) => strata.get(key)!.length);
    if (eligible.reduce((a, b) => a + b, 0) < seats[l]) {
      throw new InvitationDrawError('NOT_ENOUGH_PEOPLE', `${list.label}: ${seats[l]} invitations for ${eligible.reduce((a, b) => a + b, 0)} eligible people`);
    }
    const shares = seats[l] === 0 ? keys.map(() => 0) : largestRemainder(seats[l], eligible);
    allocation[list.label] = { seats: seats[l], strata: {} };
    keys.forEach((key, h) => {
      const members = strata.get(key)!;
      let remaining = members.length;
      let made = 0;
      while (made < shares[h] && remaining > 0) {
        const j = random.below(remaining);
        const person = members[j];
        members[j] = members[remaining - 1];
        members[remaining - 1] = person;
        remaining -= 1;
        const address = list.addressKeys[person];
        if (usedAddresses.has(address)) continue;
        usedAddresses.add(address);
        invited.push({ id: list.ids[person], source: list.label, stratum: key });
        made += 1;
      }
      shortfall += shares[h] - made;
      allocation[list.label].strata[key] = { eligible: members.length, seats: shares[h], invited: made };
    });
    options.control?.onProgress?.({ phase: 'invitations', iteration: l + 1 });
  });
  return {
    format: INVITATION_FORMAT,
    parametersDigest: digest,
    parameters,
    seed,
    digests: Object.fromEntries(lists.map((list) => [list.label, list.sha256])),
    allocation,
    invited,
    shortfall,
    excluded: excludedCount,
  };
}

/** The invited people as CSV (id, source, stratum; what `pnyx sortition invite --out` writes) and its SHA-256. */
export function invitedCsv(draw: InvitationDraw): { csv: string; sha256: string } {
  const csv = toCsv([['id', 'source', 'stratum'], ...draw.invited.map((person) => [person.id, person.source, person.stratum])]);
  return { csv, sha256: createHash('sha256').update(csv, 'utf8').digest('hex') };
}

export interface InvitationCheck {
  check: string;
  ok: boolean;
  detail?: string;
}

/**
 * Checks a published invitation draw against the lists: each list's SHA-256, the parameters digest,
 * and a re-run with the published parameters and seed, which must invite the same people in the same
 * order. Lists are matched to the published sources in order.
 */
export function verifyInvitations(lists: SourceList[], published: InvitationDraw, excluded: ReadonlySet<string> = new Set()): { ok: boolean; checks: InvitationCheck[] } {
  const checks: InvitationCheck[] = [];
  if (published.format !== INVITATION_FORMAT) return { ok: false, checks: [{ check: 'format', ok: false, detail: `unknown format ${String(published.format)}` }] };
  const labels = Object.keys(published.digests);
  if (labels.length !== lists.length) return { ok: false, checks: [{ check: 'the lists', ok: false, detail: `${lists.length} lists for the ${labels.length} sources published (${labels.join(', ')})` }] };
  const relabelled = lists.map((list, i) => ({ ...list, label: labels[i] }));
  for (const list of relabelled) {
    checks.push({ check: `list ${list.label} matches its published SHA-256`, ok: list.sha256 === published.digests[list.label], detail: list.sha256 });
  }
  const digest = createHash('sha256').update(canonicalInvitationParameters(relabelled, published.parameters, excludedDigest(excluded)), 'utf8').digest('hex');
  checks.push({ check: 'the parameters match their published digest', ok: digest === published.parametersDigest, detail: digest });
  try {
    const rerun = drawInvitations(relabelled, published.parameters, published.seed, { excluded });
    const same = invitedCsv(rerun).sha256 === invitedCsv(published).sha256;
    checks.push({ check: 're-running the draw with the seed invites the same people', ok: same, detail: `${rerun.invited.length} invited` });
  } catch (error) {
    checks.push({ check: 're-running the draw with the seed invites the same people', ok: false, detail: error instanceof Error ? error.message : String(error) });
  }
  return { ok: checks.every((check) => check.ok), checks };
}
