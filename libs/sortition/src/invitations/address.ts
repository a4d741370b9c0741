/** Words French and English rolls abbreviate in street addresses, and what they stand for. */
const ABBREVIATIONS: Record<string, string> = {
  av: 'avenue',
  ave: 'avenue',
  bd: 'boulevard',
  bld: 'boulevard',
  blvd: 'boulevard',
  boul: 'boulevard',
  chem: 'chemin',
  fbg: 'faubourg',
  fg: 'faubourg',
  imp: 'impasse',
  pas: 'passage',
  pl: 'place',
  r: 'rue',
  rte: 'route',
  sq: 'square',
  st: 'saint',
  ste: 'sainte',
};

/** Lower case, accents dropped, every run of punctuation or spaces one space (addresses and headers). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The key under which two list rows count as one address: the street address folded (case,
 * accents, punctuation) with its common abbreviations spelled out, then the postal code or
 * district folded the same way. "12, R. de l'Église" and "12 rue de l eglise" are one address;
 * a different flat number ("apt 3") is another dwelling, and so another address.
 */
export function addressKey(address: string, district: string): string {
  const words = fold(address)
    .split(' ')
    .map((word) => ABBREVIATIONS[word] ?? word);
  return `${words.join(' ')}|${fold(district)}`;
}
