import { describe, expect, it } from '@jest/globals';
import { referendumResults, withheldDistricts, type DistrictInput, type QuestionSpec } from './referendum-results.js';
import { paperTally } from './referendum.service.js';

const yesNo: QuestionSpec = { id: 'q', kind: 'yes-no', text: '?', options: ['Oui', 'Non'], grades: ['—', '✓'] };

/** A district's online poll where `yes` marked Oui, `no` marked Non and `blank` marked nothing. */
function district(name: string, yes: number, no: number, blank: number): DistrictInput {
  const ballots = yes + no + blank;
  return {
    district: name,
    voters: ballots,
    sources: new Map([['q', [{ ballots: BigInt(ballots), tallies: [[BigInt(ballots - yes), BigInt(yes)], [BigInt(ballots - no), BigInt(no)]] }]]]),
  };
}

describe('referendum results', () => {
  it('counts marks, blank ballots and shares of the votes cast', () => {
    const results = referendumResults([yesNo], [district('1er', 30, 10, 2), district('2e', 12, 12, 0)], 10);
    expect(results.voters).toBe(66);
    expect(results.questions[0].total).toEqual({ ballots: 66, blank: 2, options: [{ label: 'Oui', votes: 42, share: 0.65625 }, { label: 'Non', votes: 22, share: 0.34375 }] });
  });

  it('withholds small districts, and enough others that the total cannot give them away', () => {
    expect([...withheldDistricts([{ district: 'a', voters: 50 }, { district: 'b', voters: 12 }, { district: 'c', voters: 3 }], 10)].sort()).toEqual(['b', 'c']);
    expect([...withheldDistricts([{ district: 'a', voters: 50 }, { district: 'b', voters: 4 }, { district: 'c', voters: 7 }], 10)].sort()).toEqual(['b', 'c']);
    expect([...withheldDistricts([{ district: 'a', voters: 50 }, { district: 'b', voters: 40 }], 10)]).toEqual([]);
    const results = referendumResults([yesNo], [district('1er', 30, 10, 2), district('2e', 12, 12, 0), district('3e', 2, 1, 0)], 10);
    expect(results.questions[0].districts.map((d) => [d.district, d.withheld])).toEqual([
      ['1er', false],
      ['2e', true],
      ['3e', true],
    ]);
    expect(results.questions[0].total).toMatchObject({ ballots: 69 });
  });

  it('adds paper counts as tallies', () => {
    expect(paperTally(yesNo, { options: [3, 2], blank: 1 })).toEqual({ ballots: 6n, tallies: [[3n, 3n], [4n, 2n]] });
    const mj: QuestionSpec = { id: 'm', kind: 'majority-judgment', text: '?', options: ['A', 'B'], grades: ['bad', 'ok', 'good'] };
    expect(paperTally(mj, { options: [[1, 1, 2], [2, 1, 1]], blank: 0 })).toEqual({ ballots: 4n, tallies: [[1n, 1n, 2n], [2n, 1n, 1n]] });
  });
});
