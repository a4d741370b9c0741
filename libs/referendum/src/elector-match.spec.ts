import { describe, expect, it } from '@jest/globals';
import { normaliseName, sameElector } from './elector-match.js';

describe('elector matching by names', () => {
  it('ignores case, accents, hyphens, apostrophes and spacing', () => {
    expect(normaliseName("  Marie-Hélène  O'Neil ")).toBe('marie helene oneil');
    expect(normaliseName('MARIE HELENE ONEIL')).toBe('marie helene oneil');
    expect(normaliseName('Ångström')).toBe('angstrom');
  });

  it('matches the same family name and given names, or the first given name alone', () => {
    expect(sameElector({ familyName: 'Durand', givenNames: 'Alice Marie' }, { familyName: 'DURAND', givenNames: 'Alice-Marie' })).toBe(true);
    expect(sameElector({ familyName: 'Durand', givenNames: 'Alice' }, { familyName: 'Durand', givenNames: 'Alice Marie Jeanne' })).toBe(true);
    expect(sameElector({ familyName: 'Durand', givenNames: 'Alice Marie Jeanne' }, { familyName: 'Durand', givenNames: 'Alice' })).toBe(true);
  });

  it('refuses other names, other orders of several given names and empty names', () => {
    expect(sameElector({ familyName: 'Durand', givenNames: 'Alice' }, { familyName: 'Durant', givenNames: 'Alice' })).toBe(false);
    expect(sameElector({ familyName: 'Durand', givenNames: 'Marie Alice' }, { familyName: 'Durand', givenNames: 'Alice Marie' })).toBe(false);
    expect(sameElector({ familyName: 'Durand', givenNames: 'Marie' }, { familyName: 'Durand', givenNames: 'Alice Marie' })).toBe(false);
    expect(sameElector({ familyName: 'Durand', givenNames: '' }, { familyName: 'Durand', givenNames: 'Alice' })).toBe(false);
  });
});
