import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// Every refusal the engine's libraries can send to the pages (residents', members', the console)
// is said in words (issue "Web app, part 3"). The codes are read from the libraries' sources, so a
// new one fails here until the error describer gives it a sentence (translations.spec.ts then checks
// the sentence exists in both languages).
const read = (...path: string[]): string => readFileSync(join(process.cwd(), ...path), 'utf8');

function codesOf(file: string): string[] {
  const text = read('libs', ...file.split('/'));
  const table = text.match(/export const \w+ErrorCode = \{([^}]*)\}/)?.[1] ?? '';
  return [...table.matchAll(/^\s*([A-Z_]+):/gm), ...text.matchAll(/Exception\.of\('[a-z-]+', '([A-Z_]+)'/g)].map((match) => match[1]);
}

/** Codes a page handles in its own way (a report, a located error) rather than with a sentence. */
const HANDLED_BY_THEIR_PAGE = new Map([
  ['POOL_CSV_INVALID', 'console PoolUploadError: file, row and column'],
  ['QUOTAS_INFEASIBLE', 'console PoolUploadError: the smallest relaxation'],
  ['ROLL_ROWS_REJECTED', 'console RollReport: the rejected rows'],
  ['DRAW_INTERRUPTED', 'stored on a failed draw: console.draw.failure.*'],
  ['DRAW_TIME_BUDGET_EXCEEDED', 'stored on a failed draw: console.draw.failure.*'],
  ['DRAW_FAILED', 'stored on a failed draw: console.draw.failure.*'],
  ['IDENTITY_MISMATCH', 'describeError: with the attempts left'],
  ['CURSOR_INVALID', 'pages send back the cursors the API gave them: a bug, shown with its reference'],
]);

describe('the engine’s refusals', () => {
  it('each have a sentence of their own in the web app', () => {
    const codes = new Set(
      ['assembly/src/assembly.exception.ts', 'voting/src/voting.exception.ts', 'agenda/src/agenda.exception.ts', 'referendum/src/referendum.exception.ts', 'identity/src/identity.exception.ts', 'budget/src/budget.exception.ts', 'assembly/src/recruitment.exception.ts']
        .flatMap(codesOf)
        .concat(
          ['referendum/src/referendum.service.ts', 'referendum/src/polling-station.service.ts', 'referendum/src/ballot-cast.service.ts', 'budget/src/budget.service.ts', 'budget/src/budget-vote.service.ts', 'budget/src/budget.controller.ts', 'budget/src/follow-up.service.ts'].flatMap(
            codesOf,
          ),
        ),
    );
    const lifecycle = read('libs', 'agenda', 'src', 'proposal-lifecycle.ts').match(/export type RefusalCode = ([^;]*);/)?.[1] ?? '';
    for (const match of lifecycle.matchAll(/'([A-Z_]+)'/g)) codes.add(match[1]);
    expect(codes.size).toBeGreaterThan(80);

    const describer = read('apps', 'web', 'src', 'app', 'api', 'describe-error.ts');
    const described = new Set([...describer.matchAll(/'([A-Z_]+)'/g)].map((match) => match[1]));
    const silent = [...codes].filter((code) => !HANDLED_BY_THEIR_PAGE.has(code) && !described.has(code)).sort();
    expect(silent).toEqual([]);
  });
});
