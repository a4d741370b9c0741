import { Rational } from './rational.js';

/**
 * The pabulib file format (https://pabulib.org/format; Faliszewski, Flis, Peters, Pierczyński,
 * Skowron, Stolicki, Szufa, Talmon, "Participatory Budgeting: Data, Tools, and Analysis", IJCAI 2023):
 * three sections, META (key;value), PROJECTS (project_id;cost;…) and VOTES (voter_id;vote;…), fields
 * separated by semicolons and quoted with double quotes when they hold one; a vote lists project ids
 * separated by commas, and `points` the matching points.
 */
export const VOTE_TYPES = ['approval', 'choose-1', 'cumulative', 'ordinal', 'scoring'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

export interface PabulibProject {
  id: string;
  cost: Rational;
  /** Every column of the row, as written (project_id and cost included). */
  fields: Record<string, string>;
}

export interface PabulibVote {
  voterId: string;
  /** The projects the vote names, in its order (best first for ordinal votes). */
  projects: string[];
  /** Their points, when the file gives them. */
  points?: Rational[];
  fields: Record<string, string>;
}

export interface PabulibElection {
  meta: Map<string, string>;
  budget: Rational;
  voteType: VoteType;
  projectColumns: string[];
  projects: PabulibProject[];
  voteColumns: string[];
  votes: PabulibVote[];
}

/** A file that does not follow the format: `line` is 1-based. */
export class PabulibError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'PabulibError';
  }
}

type Section = 'META' | 'PROJECTS' | 'VOTES';

export function parsePabulib(text: string): PabulibElection {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const meta = new Map<string, string>();
  let section: Section | null = null;
  let header: string[] | null = null;
  let projectColumns: string[] = [];
  let voteColumns: string[] = [];
  const projects: PabulibProject[] = [];
  const projectIds = new Set<string>();
  const rawVotes: Array<{ line: number; fields: Record<string, string> }> = [];
  const seen = new Set<Section>();

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const upper = raw.trim().toUpperCase();
    if (upper === 'META' || upper === 'PROJECTS' || upper === 'VOTES') {
      section = upper;
      if (seen.has(section)) throw new PabulibError(line, `section ${section} appears twice`);
      seen.add(section);
      header = null;
      return;
    }
    if (section === null) throw new PabulibError(line, 'expected a section name (META, PROJECTS or VOTES) first');
    const cells = splitFields(raw, line);
    if (header === null) {
      header = cells.map((cell) => cell.trim());
      if (section === 'META' && (header[0] !== 'key' || header[1] !== 'value')) throw new PabulibError(line, 'the META header must be "key;value"');
      if (section === 'PROJECTS') {
        if (header[0] !== 'project_id' || !header.includes('cost')) throw new PabulibError(line, 'the PROJECTS header must start with "project_id" and have a "cost" column');
        projectColumns = header;
      }
      if (section === 'VOTES') {
        if (header[0] !== 'voter_id' || !header.includes('vote')) throw new PabulibError(line, 'the VOTES header must start with "voter_id" and have a "vote" column');
        voteColumns = header;
      }
      return;
    }
    if (cells.length !== header.length) throw new PabulibError(line, `${cells.length} fields where the header has ${header.length}`);
    const fields = Object.fromEntries(header.map((name, i) => [name, cells[i]]));
    if (section === 'META') {
      meta.set(cells[0].trim(), cells[1].trim());
    } else if (section === 'PROJECTS') {
      const id = fields.project_id.trim();
      if (id === '') throw new PabulibError(line, 'a project without an id');
      if (projectIds.has(id)) throw new PabulibError(line, `project ${id} is listed twice`);
      const cost = number(fields.cost, line, `the cost of project ${id}`);
      if (cost.cmp(Rational.ZERO) < 0) throw new PabulibError(line, `project ${id} has a negative cost`);
      projectIds.add(id);
      projects.push({ id, cost, fields });
    } else {
      rawVotes.push({ line, fields });
    }
  });

  for (const name of ['META', 'PROJECTS', 'VOTES'] as const) if (!seen.has(name)) throw new PabulibError(lines.length, `the ${name} section is missing`);
  const metaLine = 1 + lines.findIndex((raw) => raw.trim().toUpperCase() === 'META');
  const budgetText = meta.get('budget');
  if (budgetText === undefined) throw new PabulibError(metaLine, 'META has no "budget"');
  const budget = number(budgetText.split(',')[0], metaLine, 'the budget'); // some files give one budget per category
  const voteType = meta.get('vote_type') ?? 'approval';
  if (!(VOTE_TYPES as readonly string[]).includes(voteType)) throw new PabulibError(metaLine, `vote_type "${voteType}" is not one of ${VOTE_TYPES.join(', ')}`);

  const maxLength = meta.has('max_length') ? Number(meta.get('max_length')) : undefined;
  const votes = rawVotes.map(({ line, fields }): PabulibVote => {
    const voterId = fields.voter_id.trim();
    const listed = fields.vote.trim() === '' ? [] : fields.vote.split(',').map((id) => id.trim());
    const distinct = new Set<string>();
    for (const id of listed) {
      if (!projectIds.has(id)) throw new PabulibError(line, `voter ${voterId} names project ${id}, which PROJECTS does not list`);
      if (distinct.has(id)) throw new PabulibError(line, `voter ${voterId} names project ${id} twice`);
      distinct.add(id);
    }
    if (voteType === 'choose-1' && listed.length > 1) throw new PabulibError(line, `voter ${voterId} chose ${listed.length} projects in a choose-1 vote`);
    let points: Rational[] | undefined;
    if (fields.points !== undefined && fields.points.trim() !== '') {
      const texts = fields.points.split(',');
      if (texts.length !== listed.length) throw new PabulibError(line, `voter ${voterId} has ${texts.length} points for ${listed.length} projects`);
      points = texts.map((value) => number(value, line, `a point of voter ${voterId}`));
    } else if (voteType === 'ordinal') {
      // Ordinal votes without points: the first of L places gets L points, the last 1 (L = max_length, else the vote's length).
      const places = maxLength ?? listed.length;
      points = listed.map((_, i) => Rational.of(BigInt(places - i)));
    } else if (voteType === 'cumulative' || voteType === 'scoring') {
      throw new PabulibError(line, `voter ${voterId} has no points in a ${voteType} vote`);
    }
    return { voterId, projects: listed, points, fields };
  });
  return { meta, budget, voteType: voteType as VoteType, projectColumns, projects, voteColumns, votes };
}

/** The file for an election: the sections in order, fields quoted where needed. */
export function writePabulib(election: PabulibElection): string {
  const row = (cells: string[]): string => cells.map(quote).join(';');
  const out = ['META', row(['key', 'value'])];
  for (const [key, value] of election.meta) out.push(row([key, value]));
  out.push('PROJECTS', row(election.projectColumns));
  for (const project of election.projects) out.push(row(election.projectColumns.map((column) => project.fields[column] ?? '')));
  out.push('VOTES', row(election.voteColumns));
  for (const vote of election.votes) out.push(row(election.voteColumns.map((column) => vote.fields[column] ?? '')));
  return `${out.join('\n')}\n`;
}

function quote(cell: string): string {
  return /[;"\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** One line's fields: semicolon-separated, double quotes around a field that holds one ("" inside). */
function splitFields(raw: string, line: number): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i += 1) {
    const char = raw[i];
    if (quoted) {
      if (char === '"' && raw[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === '') quoted = true;
    else if (char === ';') {
      cells.push(cell);
      cell = '';
    } else cell += char;
  }
  if (quoted) throw new PabulibError(line, 'a quoted field is not closed on its line');
  cells.push(cell);
  return cells;
}

function number(text: string, line: number, what: string): Rational {
  try {
    return Rational.parse(text);
  } catch {
    throw new PabulibError(line, `${what} is not a number: ${JSON.stringify(text)}`);
  }
}
