import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { instanceFromBundle, type DrawBundle } from '../bundle.js';

export type RecordLanguage = 'fr' | 'en';

/** What the bundle does not hold: entered by the organiser at the draw. */
export interface DrawRecordDetails {
  assembly: string;
  /** When the seed was applied (ISO 8601); shown in Paris time. */
  drawnAt: string;
  /** When the lottery digest was published (ISO 8601), if it was. */
  publishedAt?: string;
  /** Who gave the seed (e.g. "a member of the public, dice rolled on camera"). */
  seedGivenBy?: string;
  /** People present, e.g. "Maître Dupont, commissaire de justice". */
  present: string[];
  /** The bundle's file name, for the command that re-runs the draw. */
  bundleFile?: string;
}

const TEXT = {
  fr: {
    title: 'Procès-verbal du tirage au sort',
    stage: 'Étape 2 : tirage des membres parmi les volontaires, sous quotas',
    assembly: 'Assemblée',
    when: 'Date et heure du tirage (heure de Paris)',
    present: 'Personnes présentes',
    nobody: '(non renseigné)',
    files: 'Fichiers et empreintes SHA-256',
    quotasFile: 'Quotas',
    poolFile: 'Volontaires (identifiants pseudonymes)',
    instance: 'Empreinte du tirage (quotas et volontaires)',
    algorithm: 'Algorithme',
    algorithmLine: (name: string, version: string, solvers: string) => `${name.toUpperCase()}, version ${version}, solveurs ${solvers}`,
    lottery: (panels: number, size: number, pool: number) => `Loterie de ${panels} panels équiprobables de ${size} membres, parmi ${pool} volontaires`,
    digest: 'Empreinte de la loterie (publiée avant la graine)',
    publishedAt: 'Publiée le',
    notPublished: '(heure de publication non renseignée)',
    seed: 'Graine',
    seedBy: 'Donnée par',
    quoted: (text: string) => `« ${text} »`,
    result: (index: number) => `Résultat : panel n° ${index} de la loterie`,
    members: 'Membres tirés (identifiants pseudonymes)',
    quotaTable: 'Contrôle des quotas',
    columns: ['Catégorie', 'Valeur', 'Min', 'Max', 'Tirés'],
    ok: 'respecté',
    broken: 'NON RESPECTÉ',
    verify: 'Pour refaire le tirage et le vérifier',
    signatures: 'Signatures',
    madeAt: (date: string) => `Fait à Paris, le ${date}.`,
    page: (n: number, total: number) => `Page ${n} / ${total}`,
  },
  en: {
    title: 'Official record of the draw',
    stage: 'Stage 2: members drawn from the volunteers, under quotas',
    assembly: 'Assembly',
    when: 'Date and time of the draw (Paris time)',
    present: 'People present',
    nobody: '(not entered)',
    files: 'Files and their SHA-256',
    quotasFile: 'Quotas',
    poolFile: 'Volunteers (pseudonymous ids)',
    instance: 'Digest of the instance (quotas and volunteers)',
    algorithm: 'Algorithm',
    algorithmLine: (name: string, version: string, solvers: string) => `${name.toUpperCase()}, version ${version}, solvers ${solvers}`,
    lottery: (panels: number, size: number, pool: number) => `Lottery of ${panels} equally likely panels of ${size} members, among ${pool} volunteers`,
    digest: 'Lottery digest (published before the seed)',
    publishedAt: 'Published on',
    notPublished: '(time of publication not entered)',
    seed: 'Seed',
    seedBy: 'Given by',
    quoted: (text: string) => `“${text}”`,
    result: (index: number) => `Result: panel #${index} of the lottery`,
    members: 'Members drawn (pseudonymous ids)',
    quotaTable: 'Quota check',
    columns: ['Category', 'Value', 'Min', 'Max', 'Drawn'],
    ok: 'met',
    broken: 'NOT MET',
    verify: 'To re-run the draw and check it',
    signatures: 'Signatures',
    madeAt: (date: string) => `Made in Paris on ${date}.`,
    page: (n: number, total: number) => `Page ${n} of ${total}`,
  },
} as const;

const require = createRequire(import.meta.url);
/** DejaVu (free licence): every accent French needs, embedded so the record reads the same everywhere. */
const FONTS = {
  regular: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
  mono: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSansMono.ttf'),
};

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function parisTime(iso: string, language: RecordLanguage): string {
  return new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'full', timeStyle: 'long' }).format(new Date(iso));
}

/** The quota check of the drawn panel: every category and value, its bounds and how many were drawn. */
export function quotaCheck(bundle: DrawBundle): Array<{ category: string; value: string; min: number; max: number; selected: number }> {
  if (bundle.draw === undefined) throw new Error('the bundle has no draw yet: apply the seed first');
  const instance = instanceFromBundle(bundle);
  const byId = new Map(instance.people.map((person) => [person.id, person]));
  const drawn = bundle.draw.panel.map((id) => byId.get(id)).filter((person) => person !== undefined);
  return instance.categories.flatMap((category, c) =>
    category.values.map((quota, v) => ({ category: category.name, value: quota.value, min: quota.min, max: quota.max, selected: drawn.filter((person) => person.features[c] === v).length })),
  );
}

/**
 * The official record (procès-verbal) of a stage-2 draw, as a PDF a bailiff can sign: everything
 * needed to check the draw — files and digests, quotas, algorithm and version, the lottery digest
 * and when it was published, the seed and who gave it, the members drawn with the quota check, the
 * command that re-runs it — and a signature block for the people present. French by default.
 */
export async function drawRecordPdf(bundle: DrawBundle, details: DrawRecordDetails, language: RecordLanguage = 'fr'): Promise<Buffer> {
  if (bundle.draw === undefined || bundle.seed === undefined) throw new Error('the bundle has no draw yet: apply the seed first');
  // Loaded on first use: the API and most commands never print a record, and pdfkit takes 0.2 s to load.
  const { default: PDFDocument } = await import('pdfkit');
  const t = TEXT[language];
  const instance = instanceFromBundle(bundle);
  const checks = quotaCheck(bundle);
  const doc = new PDFDocument({ size: 'A4', margin: 56, bufferPages: true, info: { Title: `${t.title} — ${details.assembly}`, Author: 'Pnyx' }, lang: language });
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
    doc.moveDown(0.8).font('bold').fontSize(12).text(text).moveDown(0.2).font('regular').fontSize(10);
  };
  const field = (label: string, value: string, mono = false): void => {
    doc.font('bold').fontSize(10).text(language === 'fr' ? `${label} : ` : `${label}: `, { continued: true }).font(mono ? 'mono' : 'regular').text(value);
  };

  doc.font('bold').fontSize(18).text(t.title, { align: 'center' });
  doc.font('regular').fontSize(11).text(t.stage, { align: 'center' }).moveDown(1);
  field(t.assembly, details.assembly);
  field(t.when, parisTime(details.drawnAt, language));

  heading(t.present);
  if (details.present.length === 0) doc.text(t.nobody);
  for (const person of details.present) doc.text(`• ${person}`);

  heading(t.files);
  field(t.quotasFile, sha256(bundle.quotasCsv), true);
  field(t.poolFile, sha256(bundle.poolCsv), true);
  field(t.instance, bundle.instanceDigest, true);

  heading(t.algorithm);
  doc.text(t.algorithmLine(bundle.algorithm, bundle.software.algorithmVersion, bundle.software.solvers));
  doc.text(t.lottery(bundle.lottery.panels.length, bundle.size, instance.people.length));
  field(t.digest, bundle.lotteryDigest, true);
  field(t.publishedAt, details.publishedAt === undefined ? t.notPublished : parisTime(details.publishedAt, language));

  heading(t.seed);
  field(t.seed, t.quoted(bundle.seed));
  field(t.seedBy, details.seedGivenBy ?? t.nobody);

  heading(t.result(bundle.draw.index));
  doc.font('bold').text(t.members).font('mono').fontSize(9);
  const ids = [...bundle.draw.panel];
  const perLine = 6;
  for (let i = 0; i < ids.length; i += perLine) doc.text(ids.slice(i, i + perLine).join('   '));

  heading(t.quotaTable);
  const x = [56, 180, 350, 400, 450, 505];
  const row = (cells: string[], font: 'regular' | 'bold'): void => {
    if (doc.y > doc.page.height - 90) doc.addPage();
    const y = doc.y;
    doc.font(font).fontSize(9);
    cells.forEach((cell, i) => doc.text(cell, x[i], y, { width: x[i + 1] - x[i] - 6, lineBreak: false, ellipsis: true }));
    doc.x = x[0];
    doc.y = y + 13;
  };
  row([...t.columns, ''], 'bold');
  for (const check of checks) row([check.category, check.value, String(check.min), String(check.max), String(check.selected), check.selected >= check.min && check.selected <= check.max ? t.ok : t.broken], 'regular');

  heading(t.verify);
  doc.font('mono').fontSize(9).text(`pnyx sortition verify --bundle ${details.bundleFile ?? 'draw.json'}`);

  heading(t.signatures);
  doc.text(t.madeAt(new Intl.DateTimeFormat(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'Europe/Paris', dateStyle: 'long' }).format(new Date(details.drawnAt))));
  doc.moveDown(1);
  const signers = details.present.length > 0 ? details.present : ['', ''];
  for (const signer of signers) {
    if (doc.y > doc.page.height - 110) doc.addPage();
    doc.font('regular').fontSize(10).text(signer === '' ? ' ' : signer).moveDown(2.2);
    doc.moveTo(doc.x, doc.y).lineTo(doc.x + 220, doc.y).stroke().moveDown(1);
  }

  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    doc.page.margins.bottom = 0; // the footer sits in the margin; without this pdfkit would open a page for it
    doc.font('regular').fontSize(8).text(`${t.title} — ${details.assembly} — ${t.page(i + 1, range.count)}`, 56, doc.page.height - 40, { align: 'center', width: doc.page.width - 112, lineBreak: false });
  }
  doc.end();
  return await done;
}

