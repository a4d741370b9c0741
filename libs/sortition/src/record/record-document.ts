import { createRequire } from 'node:module';

export type RecordLanguage = 'fr' | 'en';

const require = createRequire(import.meta.url);
/** DejaVu (free licence): every accent French needs, embedded so the record reads the same everywhere. */
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};

const COMMON = {
  fr: {
    assembly: 'Assemblée',
    when: 'Date et heure du tirage (heure de Paris)',
    present: 'Personnes présentes',
    nobody: '(non renseigné)',
    signatures: 'Signatures',
    madeAt: (date: string) => `Fait à Paris, le ${date}.`,
    page: (n: number, total: number) => `Page ${n} / ${total}`,
  },
  en: {
    assembly: 'Assembly',
    when: 'Date and time of the draw (Paris time)',
    present: 'People present',
    nobody: '(not entered)',
    signatures: 'Signatures',
    madeAt: (date: string) => `Made in Paris on ${date}.`,
    page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
} as const;

export function parisTime(iso: string, language: RecordLanguage, style: 'full' | 'date' = 'full'): string {
  const locale = language === 'fr' ? 'fr-FR' : 'en-GB';
  const options: Intl.DateTimeFormatOptions = style === 'full' ? { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'long' } : { timeZone: 'Europe/Paris', dateStyle: 'long' };
  return new Intl.DateTimeFormat(locale, options).format(new Date(iso));
}

/** What every official record shares: its heading, who was there, and where they sign. */
export interface RecordHeader {
  title: string;
  subtitle: string;
  assembly: string;
  drawnAt: string;
  present: readonly string[];
}

/**
 * An A4 record being written with pdfkit: title, assembly, date and people present first; then the
 * caller's sections (headings, "label: value" fields, tables); `finish` adds the signature block
 * and page numbers and resolves to the PDF's bytes.
 */
export async function openRecord(header: RecordHeader, language: RecordLanguage) {
  // Loaded on first use: the API and most commands never print a record, and pdfkit takes 0.2 s to load.
  const { default: PDFDocument } = await import('pdfkit');
  const t = COMMON[language];
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, info: { Title: `${header.title} — ${header.assembly}`, Author: 'Pnyx' }, lang: language });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  doc.registerFont('mono', FONTS.mono);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  const heading = (text: string): void => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(12).text(text).moveDown(0.2).font('regular').fontSize(10);
  };
  const field = (label: string, value: string, mono = false): void => {
    doc.font('bold').fontSize(10).text(language === 'fr' ? `${label} : ` : `${label}: `, { continued: true }).font(mono ? 'mono' : 'regular').text(value);
  };
  /** A table: cells at the given x positions (the last one is the right edge), a header row in bold. */
  const table = (x: readonly number[], head: readonly string[], rows: readonly (readonly string[])[]): void => {
    const row = (cells: readonly string[], font: 'regular' | 'bold'): void => {
      if (doc.y > doc.page.height - 90) doc.addPage();
      const y = doc.y;
      doc.font(font).fontSize(9);
      cells.forEach((cell, i) => doc.text(cell, x[i], y, { width: x[i + 1] - x[i] - 6, lineBreak: false, ellipsis: true }));
      doc.x = x[0];
      doc.y = y + 13;
    };
    row(head, 'bold');
    for (const cells of rows) row(cells, 'regular');
    doc.font('regular').fontSize(10);
  };
  const finish = async (): Promise<Buffer> => {
    heading(t.signatures);
    doc.text(t.madeAt(parisTime(header.drawnAt, language, 'date')));
    doc.moveDown(1);
    const signers = header.present.length > 0 ? header.present : ['', ''];
    for (const signer of signers) {
      if (doc.y > doc.page.height - 110) doc.addPage();
      doc.font('regular').fontSize(10).text(signer === '' ? ' ' : signer).moveDown(2.2);
      doc.moveTo(doc.x, doc.y).lineTo(doc.x + 220, doc.y).stroke().moveDown(1);
    }
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i += 1) {
      doc.switchToPage(i);
      doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would open a page for it
      doc.font('regular').fontSize(8).text(`${header.title} — ${header.assembly} — ${t.page(i + 1, range.count)}`, 56, doc.page.height - 40, { align: 'center', width: doc.page.width - 112, lineBreak: false });
    }
    doc.end();
    return await done;
  };

  doc.font('bold').fontSize(18).text(header.title, { align: 'center' });
  doc.font('regular').fontSize(11).text(header.subtitle, { align: 'center' }).moveDown(1);
  field(t.assembly, header.assembly);
  field(t.when, parisTime(header.drawnAt, language));
  heading(t.present);
  if (header.present.length === 0) doc.text(t.nobody);
  for (const person of header.present) doc.text(`• ${person}`);
  return { doc, heading, field, table, finish, nobody: t.nobody };
}
