import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { PabulibError, parsePabulib, writePabulib } from './pabulib.js';

const FIXTURES = join(process.cwd(), 'test', 'fixtures', 'pabulib');
const SMALL = `META
key;value
description;"Budget; test"
budget;100
vote_type;cumulative
PROJECTS
project_id;cost;name
1;60;"Un ""square"" vert"
2;50;Pistes
VOTES
voter_id;vote;points
a;1,2;3,1
b;2;4
`;

describe('pabulib files', () => {
  it('reads the three sections, quoted fields and points', () => {
    const election = parsePabulib(SMALL);
    expect(election.budget.toString()).toBe('100');
    expect(election.voteType).toBe('cumulative');
    expect(election.meta.get('description')).toBe('Budget; test');
    expect(election.projects.map((project) => [project.id, project.cost.toString(), project.fields.name])).toEqual([
      ['1', '60', 'Un "square" vert'],
      ['2', '50', 'Pistes'],
    ]);
    expect(election.votes.map((vote) => [vote.voterId, vote.projects, vote.points?.map(String)])).toEqual([
      ['a', ['1', '2'], ['3', '1']],
      ['b', ['2'], ['4']],
    ]);
  });

  it('writes what it reads: a real file and a small one round-trip to the same election', () => {
    for (const text of [SMALL, readFileSync(join(FIXTURES, 'Poland_Czestochowa_2024_Podjasnogorska.pb'), 'utf8')]) {
      const election = parsePabulib(text);
      const again = parsePabulib(writePabulib(election));
      expect([...again.meta]).toEqual([...election.meta]);
      expect(again.projects).toEqual(election.projects);
      expect(again.votes).toEqual(election.votes);
      expect(writePabulib(again)).toBe(writePabulib(election));
    }
  });

  it('names the line of each mistake', () => {
    const broken = (from: string, to: string): string => SMALL.replace(from, to);
    const cases: Array<[string, number, RegExp]> = [
      [broken('b;2;4', 'b;3;4'), 13, /names project 3, which PROJECTS does not list/],
      [broken('2;50;Pistes', '2;cinquante;Pistes'), 9, /cost of project 2 is not a number/],
      [broken('a;1,2;3,1', 'a;1,2;3'), 12, /2 projects/],
      [broken('a;1,2;3,1', 'a;1,1;3,1'), 12, /names project 1 twice/],
      [broken('2;50;Pistes', '1;50;Pistes'), 9, /project 1 is listed twice/],
      [broken('1;60;"Un ""square"" vert"', '1;60'), 8, /2 fields where the header has 3/],
      [broken('vote_type;cumulative', 'vote_type;plurality'), 1, /vote_type "plurality"/],
      [broken('budget;100\n', ''), 1, /no "budget"/],
      [SMALL.slice(0, SMALL.indexOf('VOTES')), 10, /the VOTES section is missing/],
    ];
    for (const [text, line, message] of cases) {
      let error: unknown;
      try {
        parsePabulib(text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(PabulibError);
      expect({ line: (error as PabulibError).line, message: (error as Error).message }).toEqual({ line, message: expect.stringMatching(message) });
    }
  });
});
