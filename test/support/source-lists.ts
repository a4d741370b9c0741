/**
 * A synthetic city list for invitation draws: `n` people with ids `${prefix}0…`, one address each,
 * born 1950–1999, spread over four postal codes (75001–75004). French headers and semicolons, as
 * French spreadsheets write them, when `semicolons`.
 */
export function sourceListCsv(n: number, prefix: string, semicolons = false): string {
  const d = semicolons ? ';' : ',';
  const header = semicolons ? ['Identifiant', 'Nom', 'Prénoms', 'Date de naissance', 'Adresse', 'Code postal'] : ['id', 'family name', 'given names', 'birth date', 'address', 'postal code'];
  const rows = Array.from({ length: n }, (_, i) =>
    [`${prefix}${i}`, `Nom${i}`, 'Camille', semicolons ? `0${1 + (i % 9)}/03/19${50 + (i % 50)}` : `19${50 + (i % 50)}-03-0${1 + (i % 9)}`, `${i} rue ${prefix}`, `7500${1 + (i % 4)}`].join(d),
  );
  return `${[header.join(d), ...rows].join('\n')}\n`;
}
