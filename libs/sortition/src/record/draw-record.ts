import { createHash } from 'node:crypto';
import { instanceFromBundle, type DrawBundle } from '../bundle.js';
import { openRecord, parisTime, type RecordLanguage } from './record-document.js';

export type { RecordLanguage } from './record-document.js';

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
  },
  en: {
    title: 'Official record of the draw',
    stage: 'Stage 2: members drawn from the volunteers, under quotas',
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
  },
} as const;

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
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
  const t = TEXT[language];
  const instance = instanceFromBundle(bundle);
  const checks = quotaCheck(bundle);
  const { doc, heading, field, table, finish, nobody } = await openRecord({ title: t.title, subtitle: t.stage, assembly: details.assembly, drawnAt: details.drawnAt, present: details.present }, language);

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
  field(t.seedBy, details.seedGivenBy ?? nobody);

  heading(t.result(bundle.draw.index));
  doc.font('bold').text(t.members).font('mono').fontSize(9);
  const ids = [...bundle.draw.panel];
  const perLine = 6;
  for (let i = 0; i < ids.length; i += perLine) doc.text(ids.slice(i, i + perLine).join('   '));

  heading(t.quotaTable);
  table(
    [56, 170, 330, 375, 420, 465, 539],
    [...t.columns, ''],
    checks.map((check) => [check.category, check.value, String(check.min), String(check.max), String(check.selected), check.selected >= check.min && check.selected <= check.max ? t.ok : t.broken]),
  );

  heading(t.verify);
  doc.font('mono').fontSize(9).text(`pnyx sortition verify --bundle ${details.bundleFile ?? 'draw.json'}`);

  return await finish();
}
