import { describe, expect, it } from '@jest/globals';
import { toCsvText } from './csv-text.js';

describe('toCsvText', () => {
  it('quotes what needs quoting and neutralises formulas, not phone numbers', () => {
    expect(toCsvText([['a', 'b,c', 'd"e'], ['=1+1', '+33 6 12 34 56 78', '-2+3+cmd|x', 'line\nbreak']])).toBe(
      'a,"b,c","d""e"\r\n\'=1+1,+33 6 12 34 56 78,\'-2+3+cmd|x,"line\nbreak"\r\n',
    );
  });
});
