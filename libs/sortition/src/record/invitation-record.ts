import { invitedCsv, type InvitationDraw } from '../invitations/invitation-draw.js';
import { openRecord, type RecordLanguage } from './record-document.js';

/** What the draw's output does not hold: entered by the organiser. */
export interface InvitationRecordDetails {
  assembly: string;
  /** When the draw was made (ISO 8601); shown in Paris time. */
  drawnAt: string;
  seedGivenBy?: string;
  present: string[];
  /** Per source label: the list's file name and how many people it holds. */
  lists: Record<string, { file: string; people: number }>;
}

const TEXT = {
  fr: {
    title: 'Procès-verbal du tirage des invitations',
    stage: 'Étape 1 : invitations tirées au sort sur les listes de la ville',
    lists: 'Listes et empreintes SHA-256',
    listColumns: ['Source', 'Fichier', 'Personnes'],
    parameters: 'Paramètres',
    count: 'Invitations',
    mix: 'Répartition entre les sources',
    strata: 'Strates dans chaque source',
    strataNames: { district: 'arrondissement ou code postal', age: "tranche d'âge" } as Record<string, string>,
    on: 'Âges calculés au',
    digest: 'Empreinte des paramètres (publiée avant la graine)',
    seed: 'Graine',
    seedBy: 'Donnée par',
    quoted: (text: string) => `« ${text} »`,
    allocation: 'Répartition et invitations',
    allocationColumns: ['Source', 'Strate', 'Éligibles', 'Places', 'Invités'],
    result: 'Résultat',
    invited: (n: number) => `${n} personnes invitées, au plus une par adresse`,
    shortfall: (n: number) => `${n} places restées vides : des strates manquaient d'adresses non encore invitées`,
    excluded: (n: number) => `${n} personnes écartées : déjà invitées lors d'un tirage précédent de l'assemblée`,
    invitedDigest: 'Empreinte de la liste des invités (CSV id, source, strate)',
    verify: 'Pour refaire le tirage avec les mêmes listes',
  },
  en: {
    title: 'Official record of the invitation draw',
    stage: "Stage 1: invitations drawn from the city's lists",
    lists: 'Lists and their SHA-256',
    listColumns: ['Source', 'File', 'People'],
    parameters: 'Parameters',
    count: 'Invitations',
    mix: 'Mix across sources',
    strata: 'Strata within each source',
    strataNames: { district: 'district or postal code', age: 'age band' } as Record<string, string>,
    on: 'Ages counted on',
    digest: 'Parameters digest (published before the seed)',
    seed: 'Seed',
    seedBy: 'Given by',
    quoted: (text: string) => `“${text}”`,
    allocation: 'Allocation and invitations',
    allocationColumns: ['Source', 'Stratum', 'Eligible', 'Seats', 'Invited'],
    result: 'Result',
    invited: (n: number) => `${n} people invited, at most one per address`,
    shortfall: (n: number) => `${n} seats left empty: strata ran out of addresses not yet invited`,
    excluded: (n: number) => `${n} people left out: invited by an earlier draw of the assembly`,
    invitedDigest: 'Digest of the list of invited people (CSV id, source, stratum)',
    verify: 'To re-run the draw with the same lists',
  },
} as const;

/** A shell word, quoted when it needs to be. */
function shellWord(word: string): string {
  return /^[\w./:,=-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The official record (procès-verbal) of a stage-1 draw: the lists and their SHA-256, the mix and
 * strata, the parameters digest, the seed and who gave it, the allocation with the invitations made
 * per stratum, the digest of the invited list and the command that re-runs the draw; then a
 * signature block. French by default.
 */
export async function invitationRecordPdf(draw: InvitationDraw, details: InvitationRecordDetails, language: RecordLanguage = 'fr'): Promise<Buffer> {
  const t = TEXT[language];
  const labels = Object.keys(draw.digests);
  const { doc, heading, field, table, finish, nobody } = await openRecord({ title: t.title, subtitle: t.stage, assembly: details.assembly, drawnAt: details.drawnAt, present: details.present }, language);

  heading(t.lists);
  table(
    [56, 140, 420, 539],
    t.listColumns,
    labels.map((label) => [label, details.lists[label]?.file ?? '', String(details.lists[label]?.people ?? '')]),
  );
  doc.moveDown(0.3);
  for (const label of labels) field(`SHA-256 ${label}`, draw.digests[label], true);

  heading(t.parameters);
  field(t.count, String(draw.parameters.count));
  const total = draw.parameters.mix.reduce((a, b) => a + b, 0);
  field(t.mix, labels.map((label, i) => `${label} ${draw.parameters.mix[i]}/${total}`).join(', '));
  field(t.strata, draw.parameters.strata.map((name) => t.strataNames[name] ?? name).join(' × '));
  field(t.on, draw.parameters.on);
  field(t.digest, draw.parametersDigest, true);

  heading(t.seed);
  field(t.seed, t.quoted(draw.seed));
  field(t.seedBy, details.seedGivenBy ?? nobody);

  heading(t.allocation);
  table(
    [56, 130, 330, 400, 470, 539],
    t.allocationColumns,
    labels.flatMap((label) => Object.entries(draw.allocation[label].strata).map(([stratum, share]) => [label, stratum, String(share.eligible), String(share.seats), String(share.invited)])),
  );

  heading(t.result);
  doc.text(t.invited(draw.invited.length));
  if (draw.shortfall > 0) doc.text(t.shortfall(draw.shortfall));
  if (draw.excluded > 0) doc.text(t.excluded(draw.excluded));
  field(t.invitedDigest, invitedCsv(draw).sha256, true);

  heading(t.verify);
  const command = [
    'pnyx sortition invite',
    `--lists ${labels.map((label) => shellWord(details.lists[label]?.file ?? label)).join(',')}`,
    `--sources ${labels.map(shellWord).join(',')}`,
    `--count ${draw.parameters.count}`,
    `--mix ${draw.parameters.mix.join(',')}`,
    `--strata ${draw.parameters.strata.join(',')}`,
    `--seed ${shellWord(draw.seed)}`,
    `--on ${draw.parameters.on}`,
  ];
  doc.font('mono').fontSize(9).text(command.join(' \\\n  ')).font('regular').fontSize(10);
  return await finish();
}
