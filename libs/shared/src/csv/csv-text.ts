/**
 * RFC 4180 CSV for downloads (CRLF line ends, fields quoted when needed), with cells that a
 * spreadsheet would run as formulas (= @ + - at the start; OWASP "CSV injection") prefixed by an
 * apostrophe — except plain numbers such as +33 6 12 34 56 78 or -12.5.
 */
export function toCsvText(rows: ReadonlyArray<ReadonlyArray<string>>): string {
  const field = (raw: string): string => {
    const value = /^[=@\t\r]/.test(raw) || (/^[+-]/.test(raw) && !/^[+-][\d\s().]+$/.test(raw)) ? `'${raw}` : raw;
    return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
  };
  return rows.map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}
