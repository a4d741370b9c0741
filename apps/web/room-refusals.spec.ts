import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

// The chair panel and the room say every refusal in words (issue "Web app, part 2"). The codes the
// deliberation library can send are read from its sources, so a new one fails here until the web
// app's error describer gives it a sentence (translations.spec.ts then checks the sentence exists).
const read = (...path: string[]): string => readFileSync(join(process.cwd(), ...path), 'utf8');

describe('the live room’s refusals', () => {
  it('each have a sentence of their own in the web app', () => {
    const refusals = read('libs', 'deliberation', 'src', 'room.ts').match(/export const ROOM_REFUSALS = \{([^}]*)\}/)?.[1] ?? '';
    const exceptions = read('libs', 'deliberation', 'src', 'deliberation.exception.ts').match(/export const DeliberationErrorCode = \{([^}]*)\}/)?.[1] ?? '';
    const codes = [...`${refusals}${exceptions}`.matchAll(/^\s*([A-Z_]+):/gm)].map((match) => match[1]);
    expect(codes.length).toBeGreaterThan(25);

    const describer = read('apps', 'web', 'src', 'app', 'api', 'describe-error.ts');
    const listed = (name: string): string => describer.match(new RegExp(`const ${name} = new Set\\(\\[([^\\]]*)\\]\\)`))?.[1] ?? '';
    const described = new Set([...`${listed('BY_CODE')}${listed('ROOM_CODES')}`.matchAll(/'([A-Z_]+)'/g), ...describer.matchAll(/case '([A-Z_]+)':/g)].map((match) => match[1]));
    // Handled by the room itself: a replay too long reloads the room (useSessionRoom); an unknown
    // event is a bug in the page, never a person's doing.
    const handledByTheRoom = new Set(['REPLAY_TOO_LONG', 'UNKNOWN_EVENT']);
    const silent = codes.filter((code) => !handledByTheRoom.has(code) && !described.has(code));
    expect(silent).toEqual([]);
  });
});
