import { createRequire } from 'node:module';
import type { IndemnityRules, MemberStatement } from './indemnity.js';

export type StatementLanguage = 'fr' | 'en';

/** A statement for the city's payment service: who was paid what, for which sittings, over which months. */
export interface PaymentStatement {
  assembly: string;
  /** First and last month covered, YYYY-MM (Paris time). */
  from: string;
  to: string;
  /** ISO 8601: when it was drawn up. */
  generatedAt: string;
  rules: IndemnityRules;
  sessions: ReadonlyArray<{ id: string; title: string; startsAt: string; halfDays: number }>;
  members: ReadonlyArray<{ membershipId: string; name: string; personId?: string; statement: MemberStatement }>;
}

const TEXT = {
  fr: {
    title: 'État des indemnités',
    subtitle: (from: string, to: string) => (from === to ? `Mois de ${monthName(from, 'fr')}` : `De ${monthName(from, 'fr')} à ${monthName(to, 'fr')}`),
    assembly: 'Assemblée',
    generated: 'Établi le',
    rules: 'Règles',
    perHalfDay: 'Montant par demi-journée',
    minimum: 'Présence minimale par demi-journée',
    minutes: (n: number) => `${n} minutes`,
    cap: 'Plafond mensuel',
    noCap: 'aucun',
    summary: 'Récapitulatif par membre',
    summaryColumns: ['Membre', 'Mois', 'Demi-journées', 'Brut', 'Plafonné', 'À payer'],
    details: 'Détail des séances',
    detailColumns: ['Séance', 'Date', 'Minutes', 'Demi-j.', 'Montant', 'Correction'],
    remote: 'à distance',
    nobody: 'Aucune présence enregistrée sur la période.',
    total: 'Total à payer',
    page: (n: number, total: number) => `Page ${n} / ${total}`,
  },
  en: {
    title: 'Indemnity statement',
    subtitle: (from: string, to: string) => (from === to ? monthName(from, 'en') : `${monthName(from, 'en')} to ${monthName(to, 'en')}`),
    assembly: 'Assembly',
    generated: 'Drawn up on',
    rules: 'Rules',
    perHalfDay: 'Amount per half-day',
    minimum: 'Minimum presence per half-day',
    minutes: (n: number) => `${n} minutes`,
    cap: 'Monthly cap',
    noCap: 'none',
    summary: 'Summary per member',
    summaryColumns: ['Member', 'Month', 'Half-days', 'Gross', 'Capped', 'Payable'],
    details: 'Sittings in detail',
    detailColumns: ['Sitting', 'Date', 'Minutes', 'Half-d.', 'Amount', 'Correction'],
    remote: 'remote',
    nobody: 'No attendance recorded over the period.',
    total: 'Total payable',
    page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
} as const;

function monthName(month: string, language: StatementLanguage): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(year, m - 1, 15)));
}

/** Formatters made once per language: a statement formats thousands of amounts and dates. */
const FORMATS = {
  fr: { euros: new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }), date: new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) },
  en: { euros: new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' }), date: new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', dateStyle: 'short', timeStyle: 'short' }) },
};

/** Cents as money, the way each language writes it: 4 400 → "44,00 €" / "€44.00". */
export function formatEuros(cents: number, language: StatementLanguage): string {
  return FORMATS[language].euros.format(cents / 100);
}

function parisDate(iso: string, language: StatementLanguage): string {
  return FORMATS[language].date.format(new Date(iso));
}

/** Cents as a plain decimal for machines: 4400 → "44.00". */
function decimal(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(Math.abs(cents % 100)).padStart(2, '0')}`;
}

/**
 * The payment service's CSV: one row per member and month, amounts in cents and in euros (a dot
 * for the decimals, whatever the language, so spreadsheets and payroll imports read it alike).
 */
export function statementRows(statement: PaymentStatement): string[][] {
  const rows = [['month', 'membership_id', 'person_id', 'name', 'half_days', 'gross_cents', 'capped_cents', 'payable_cents', 'payable_eur']];
  for (const member of statement.members) {
    for (const month of member.statement.months) {
      rows.push([month.month, member.membershipId, member.personId ?? '', member.name, String(month.halfDays), String(month.grossCents), String(month.cappedCents), String(month.payableCents), decimal(month.payableCents)]);
    }
  }
  return rows;
}

const require = createRequire(import.meta.url);
const FONTS = { regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') };

/** The statement as an A4 PDF: the rules, a summary per member and month, then each member's sittings. */
export async function statementPdf(statement: PaymentStatement, language: StatementLanguage): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const t = TEXT[language];
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, info: { Title: `${t.title} — ${statement.assembly}`, Author: 'Pnyx' }, lang: language });
  doc.registerFont('regular', FONTS.regular);
  doc.registerFont('bold', FONTS.bold);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const colon = language === 'fr' ? ' : ' : ': ';
  const field = (label: string, value: string): void => {
    doc.font('bold').fontSize(10).text(label + colon, { continued: true }).font('regular').text(value);
  };
  const heading = (text: string): void => {
    if (doc.y > doc.page.height - 140) doc.addPage();
    doc.moveDown(0.8).font('bold').fontSize(12).text(text).moveDown(0.2).font('regular').fontSize(10);
  };
  /** A table row: cells at the given x positions (the last one is the right edge), wrapped within their column, the row as tall as its tallest cell. */
  const row = (x: readonly number[], cells: readonly string[], font: 'regular' | 'bold'): void => {
    doc.font(font).fontSize(9);
    const width = (i: number): number => x[i + 1] - x[i] - 6;
    const height = Math.max(...cells.map((cell, i) => doc.heightOfString(cell, { width: width(i) })));
    if (doc.y + height > doc.page.height - 80) doc.addPage();
    const y = doc.y;
    cells.forEach((cell, i) => doc.text(cell, x[i], y, { width: width(i) }));
    doc.x = x[0]!;
    doc.y = y + height + 3;
  };

  doc.font('bold').fontSize(18).text(t.title, { align: 'center' });
  doc.font('regular').fontSize(11).text(t.subtitle(statement.from, statement.to), { align: 'center' }).moveDown(1);
  field(t.assembly, statement.assembly);
  field(t.generated, parisDate(statement.generatedAt, language));
  heading(t.rules);
  field(t.perHalfDay, formatEuros(statement.rules.centsPerHalfDay, language));
  field(t.minimum, t.minutes(statement.rules.minimumMinutesPerHalfDay));
  field(t.cap, statement.rules.monthlyCapCents === undefined ? t.noCap : formatEuros(statement.rules.monthlyCapCents, language));

  heading(t.summary);
  const attending = statement.members.filter((member) => member.statement.lines.length > 0);
  if (attending.length === 0) doc.text(t.nobody);
  else {
    const x = [56, 226, 306, 366, 426, 486, 540];
    row(x, t.summaryColumns, 'bold');
    for (const member of attending) {
      for (const month of member.statement.months) {
        row(x, [member.name, month.month, String(month.halfDays), formatEuros(month.grossCents, language), formatEuros(month.cappedCents, language), formatEuros(month.payableCents, language)], 'regular');
      }
    }
    const total = attending.reduce((sum, member) => sum + member.statement.payableCents, 0);
    doc.moveDown(0.4);
    field(t.total, formatEuros(total, language));

    const titles = new Map(statement.sessions.map((session) => [session.id, session.title]));
    heading(t.details);
    const dx = [56, 206, 296, 346, 386, 446, 540];
    for (const member of attending) {
      if (doc.y > doc.page.height - 120) doc.addPage();
      doc.moveDown(0.3).font('bold').fontSize(10).text(member.personId === undefined ? member.name : `${member.name} (${member.personId})`);
      row(dx, t.detailColumns, 'bold');
      for (const line of member.statement.lines) {
        const where = line.remote ? ` (${t.remote})` : '';
        row(dx, [(titles.get(line.sessionId) ?? line.sessionId) + where, parisDate(line.startsAt, language), String(line.minutes), String(line.halfDays), formatEuros(line.cents, language), line.correction === undefined ? '' : `${line.minutesRecorded} → ${line.correction.minutes}${colon}${line.correction.reason}`], 'regular');
      }
    }
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would open a page for it
    doc.font('regular').fontSize(8).text(`${t.title} — ${statement.assembly} — ${t.page(i + 1, range.count)}`, 56, doc.page.height - 40, { align: 'center', width: doc.page.width - 112, lineBreak: false });
  }
  doc.end();
  return await done;
}
