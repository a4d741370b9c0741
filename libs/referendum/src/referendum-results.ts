import { rankingToJson, rankOptions, type RankingJson } from '@app/majority-judgment';

/**
 * Referendum results from the ballot box's tallies (pure). Every ballot of a question is a tally per
 * option over the question's grades; for yes/no and single-choice questions the grades are
 * ["—", "✓"], so an option's votes are its count of "✓" and blank ballots are those marking none.
 * District results are published only where at least `threshold` people voted, so nobody's choice
 * can be inferred in a small district; totals include every district. Since the total minus the
 * published districts gives the withheld ones together, more districts are withheld (smallest
 * first) until those withheld together count at least `threshold` voters (complementary
 * suppression, as statistical offices do for small cells).
 */
export interface QuestionSpec {
  id: string;
  kind: 'yes-no' | 'single' | 'majority-judgment';
  text: string;
  options: string[];
  grades: string[];
}

/** One source of ballots for one question: a district's online poll, or a polling station's accepted paper count. */
export interface QuestionTally {
  ballots: bigint;
  /** Per option (question order), counts per grade (worst first). */
  tallies: bigint[][];
}

export interface DistrictInput {
  district: string;
  /** People of this district marked as having voted (online and on paper). */
  voters: number;
  /** Per question id: the tallies of every source in this district. */
  sources: Map<string, QuestionTally[]>;
}

export type QuestionOutcome =
  | { ballots: number; blank: number; options: Array<{ label: string; votes: number; share: number }> }
  | { ballots: number; ranking: RankingJson };

export interface ReferendumResults {
  voters: number;
  questions: Array<{ id: string; kind: QuestionSpec['kind']; text: string; total: QuestionOutcome; districts: Array<{ district: string; voters: number } & ({ withheld: true } | { withheld: false; outcome: QuestionOutcome })> }>;
}

function add(into: QuestionTally, other: QuestionTally): QuestionTally {
  return { ballots: into.ballots + other.ballots, tallies: into.tallies.map((option, i) => option.map((count, g) => count + (other.tallies[i]?.[g] ?? 0n))) };
}

function empty(question: QuestionSpec): QuestionTally {
  return { ballots: 0n, tallies: question.options.map(() => question.grades.map(() => 0n)) };
}

export function outcomeOf(question: QuestionSpec, tally: QuestionTally): QuestionOutcome {
  if (question.kind === 'majority-judgment') {
    const tallies = new Map(question.options.map((label, i) => [label, tally.tallies[i]] as const));
    const ranked = rankOptions(question.grades.length, tallies, { padding: 'worst', voters: tally.ballots });
    return { ballots: Number(tally.ballots), ranking: rankingToJson(ranked, question.grades) };
  }
  const votes = tally.tallies.map((option) => Number(option[1] ?? 0n));
  const marked = votes.reduce((sum, n) => sum + n, 0);
  const ballots = Number(tally.ballots);
  const expressed = marked; // shares of the votes cast for an option, blank ballots aside (as French results are given)
  return {
    ballots,
    blank: ballots - marked,
    options: question.options.map((label, i) => ({ label, votes: votes[i], share: expressed === 0 ? 0 : Math.round((votes[i] / expressed) * 1e6) / 1e6 })),
  };
}

/** The districts whose results are withheld. */
export function withheldDistricts(districts: ReadonlyArray<{ district: string; voters: number }>, threshold: number): Set<string> {
  const bySize = [...districts].sort((a, b) => a.voters - b.voters || a.district.localeCompare(b.district));
  const withheld = new Set(bySize.filter((d) => d.voters < threshold).map((d) => d.district));
  if (withheld.size === 0) return withheld;
  let sum = bySize.filter((d) => withheld.has(d.district)).reduce((total, d) => total + d.voters, 0);
  for (const district of bySize) {
    if (sum >= threshold) break;
    if (withheld.has(district.district)) continue;
    withheld.add(district.district);
    sum += district.voters;
  }
  return withheld;
}

export function referendumResults(questions: readonly QuestionSpec[], districts: readonly DistrictInput[], threshold: number): ReferendumResults {
  const sorted = [...districts].sort((a, b) => a.district.localeCompare(b.district, 'fr', { numeric: true }));
  const withheld = withheldDistricts(sorted, threshold);
  return {
    voters: sorted.reduce((sum, district) => sum + district.voters, 0),
    questions: questions.map((question) => {
      let total = empty(question);
      const perDistrict = sorted.map((district) => {
        const tally = (district.sources.get(question.id) ?? []).reduce(add, empty(question));
        total = add(total, tally);
        return withheld.has(district.district)
          ? { district: district.district, voters: district.voters, withheld: true as const }
          : { district: district.district, voters: district.voters, withheld: false as const, outcome: outcomeOf(question, tally) };
      });
      return { id: question.id, kind: question.kind, text: question.text, total: outcomeOf(question, total), districts: perDistrict };
    }),
  };
}
