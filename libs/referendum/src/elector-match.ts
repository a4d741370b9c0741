/**
 * Finding an elector on the roll from a provider's identity (names and birth date). Names are compared
 * as people and registries write them differently: case, accents, hyphens, apostrophes and spacing
 * do not matter ("Marie-Hélène O'Neil" = "MARIE HELENE ONEIL"). Given names match when both lists are
 * the same, or when one side gives only the first given name and it is the other's first — electoral
 * rolls list every given name, some providers only the usual one.
 */
export function normaliseName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’‘`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface PersonNames {
  familyName: string;
  givenNames: string;
}

export function sameElector(identity: PersonNames, entry: PersonNames): boolean {
  if (normaliseName(identity.familyName) !== normaliseName(entry.familyName)) return false;
  const mine = normaliseName(identity.givenNames).split(' ').filter(Boolean);
  const theirs = normaliseName(entry.givenNames).split(' ').filter(Boolean);
  if (mine.length === 0 || theirs.length === 0) return false;
  if (mine.join(' ') === theirs.join(' ')) return true;
  return (mine.length === 1 || theirs.length === 1) && mine[0] === theirs[0];
}
