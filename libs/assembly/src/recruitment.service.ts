import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, APP_CONFIG, AuditLogService, CLOCK, generateHumanCode, hashHumanCode, toCsvText, type AppConfig, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import {
  ageBandOn,
  canonicalInvitationParameters,
  drawInvitations,
  excludedDigest,
  INVITATION_FORMAT,
  InvitationDrawError,
  invitationRecordPdf,
  invitedCsv,
  readListedPeople,
  readRowsAt,
  readSourceList,
  SourceListError,
  type InvitationDraw,
  type InvitationParameters,
  type RecordLanguage,
  type RowPlaces,
  type SourceList,
} from '@app/sortition';
import { AssemblyAccess } from './assembly-access.js';
import { AssemblyException } from './assembly.exception.js';
import { AssemblyRepository } from './assembly.repository.js';
import type { InvitationDrawEntity, RespondentQuestion } from './entities/invitation-draw.entity.js';
import type { InvitationEntity } from './entities/invitation.entity.js';
import type { RespondentChannel, RespondentContact, RespondentEntity } from './entities/respondent.entity.js';
import type { SourceListEntity } from './entities/source-list.entity.js';
import { PoolService } from './pool.service.js';
import type { PoolEntity } from './entities/pool.entity.js';
import { RecruitmentException } from './recruitment.exception.js';
import { RecruitmentRepository, type NewInvitation } from './recruitment.repository.js';

/** Pieces of a list stored per row of `source_list_chunks`. */
const CHUNK_BYTES = 1_048_576;
/** Features every respondent has from the list, before the form's questions. */
export const LIST_FEATURES = ['source', 'age', 'district'] as const;
/** Codes on letters: 4 groups of 5 (100 bits), short enough to type from paper. */
const LETTER_CODE_GROUPS = 4;

export interface NewInvitationDraw {
  listIds: string[];
  mix: number[];
  count: number;
  strata: Array<'district' | 'age'>;
  /** YYYY-MM-DD; default today in Paris. */
  countedOn?: string;
  questions: RespondentQuestion[];
}

export interface Answer {
  consent: boolean;
  answers: Record<string, string>;
  contact: RespondentContact;
  availability: string;
}

/** What the person holding a letter's code sees before answering. */
export interface InvitationView {
  assembly: { id: string; name: string };
  givenNames: string;
  familyName: string;
  district: string;
  ageBand: string;
  source: string;
  questions: RespondentQuestion[];
  answered: boolean;
}

export interface DrawView {
  draw: InvitationDrawEntity;
  lists: SourceListEntity[];
}

function todayInParis(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A pseudonym for the stage-2 pool: R + 8 characters of Crockford's alphabet (40 bits). */
function respondentPseudonym(): string {
  const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
  return `R${[...randomBytes(8)].map((byte) => alphabet[byte & 31]).join('')}`;
}

/**
 * Stage 1 of a Paris-style recruitment and the answers that make the stage-2 pool: source lists
 * streamed into PostgreSQL, invitation draws published then seeded (libs/sortition's
 * drawInvitations), letters with one-time codes, respondents online or entered by organisers.
 */
@Injectable()
export class RecruitmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assemblies: AssemblyRepository,
    private readonly recruitment: RecruitmentRepository,
    private readonly pools: PoolService,
    private readonly access: AssemblyAccess,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private async requireOpenAssembly(principal: Principal, assemblyId: string, action: string): Promise<void> {
    const assembly = await this.assemblies.findById(assemblyId);
    if (assembly === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, action);
    if (assembly.status === 'ended') throw AssemblyException.assemblyEnded();
  }

  // Source lists ---------------------------------------------------------------------------

  /**
   * Streams a list into PostgreSQL (pieces of 1 MiB) while csv-parse checks every row and the
   * SHA-256 is computed; a list with problems is refused whole (422 with the lines), nothing kept.
   */
  async uploadList(principal: Principal, assemblyId: string, label: string, fileName: string, body: AsyncIterable<Buffer | string>): Promise<SourceListEntity> {
    await this.requireOpenAssembly(principal, assemblyId, 'upload source lists');
    const limit = this.config.sourceListLimitBytes;
    // No retry on serialization failure: the request body can be read only once (and nothing here conflicts).
    return this.dataSource.transaction(async (manager) => {
      const list = await this.recruitment.insertList(
        { assemblyId, label, fileName, sha256: '0'.repeat(64), byteCount: 1, rowCount: 1, uploadedBy: principal.accountId },
        manager,
      );
      const recruitment = this.recruitment;
      let byteCount = 0;
      async function* stored(): AsyncGenerator<Buffer> {
        let pending: Buffer[] = [];
        let pendingBytes = 0;
        let seq = 0;
        const flush = async (): Promise<void> => {
          if (pendingBytes === 0) return;
          await recruitment.insertChunk(list.id, seq, Buffer.concat(pending), manager);
          seq += 1;
          pending = [];
          pendingBytes = 0;
        };
        for await (const piece of body) {
          const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
          byteCount += chunk.length;
          if (byteCount > limit) throw RecruitmentException.listTooLarge(limit);
          pending.push(chunk);
          pendingBytes += chunk.length;
          if (pendingBytes >= CHUNK_BYTES) await flush();
          yield chunk;
        }
        await flush();
      }
      let read: SourceList & { rowCount: number };
      try {
        read = await readSourceList({ label, file: fileName, chunks: stored() }, { keep: false });
      } catch (error) {
        if (error instanceof SourceListError) throw RecruitmentException.listInvalid(error.message.split('\n')[0], { file: fileName, problems: error.problems, problemCount: error.problemCount });
        throw error;
      }
      if (read.problemCount > 0) {
        throw RecruitmentException.listInvalid(`${fileName}: ${read.problemCount} row${read.problemCount === 1 ? '' : 's'} with problems`, {
          file: fileName,
          problems: read.problems,
          problemCount: read.problemCount,
        });
      }
      if (read.rowCount === 0) throw RecruitmentException.listInvalid(`${fileName}: no rows (a header but no people)`, { file: fileName, problems: [], problemCount: 0 });
      const completed = await this.recruitment.completeList(list.id, { sha256: read.sha256, byteCount, rowCount: read.rowCount }, manager);
      await this.audit.record(
        {
          actor: actorOf(principal.accountId),
          action: 'source-list.uploaded',
          subjectType: 'assembly',
          subjectId: assemblyId,
          data: { listId: list.id, label, fileName, sha256: read.sha256, rows: read.rowCount, bytes: byteCount },
        },
        manager,
      );
      return completed;
    });
  }

  async lists(principal: Principal, assemblyId: string): Promise<SourceListEntity[]> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, 'see source lists');
    return this.recruitment.listsOfAssembly(assemblyId);
  }

  // Invitation draws -----------------------------------------------------------------------

  /**
   * Publishes an invitation draw: the lists' digests, the parameters and their digest, and the
   * digest of the people excluded (invited before). The seed comes later, so nobody — organisers
   * included — can choose the sample.
   */
  async publishDraw(principal: Principal, assemblyId: string, input: NewInvitationDraw): Promise<DrawView> {
    await this.requireOpenAssembly(principal, assemblyId, 'publish invitation draws');
    const lists: SourceListEntity[] = [];
    for (const id of input.listIds) {
      const list = await this.recruitment.findList(id);
      if (list === null || list.assemblyId !== assemblyId) throw RecruitmentException.listNotFound();
      lists.push(list);
    }
    if (new Set(input.listIds).size !== lists.length) throw RecruitmentException.drawInvalid('Each list may appear once');
    if (new Set(lists.map((list) => list.label)).size !== lists.length) throw RecruitmentException.drawInvalid('Two lists have the same source label; a draw takes one list per source');
    if (input.mix.length !== lists.length) throw RecruitmentException.drawInvalid(`The mix has ${input.mix.length} weights for ${lists.length} lists`);
    if (input.mix.every((weight) => weight === 0)) throw RecruitmentException.drawInvalid('The mix needs a weight above 0');
    this.checkQuestions(input.questions);
    const parameters: InvitationParameters = { count: input.count, mix: input.mix, strata: input.strata, on: input.countedOn ?? todayInParis(this.clock.now()) };
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const assembly = await this.assemblies.lockById(assemblyId, manager);
        if (assembly === null) throw AssemblyException.assemblyNotFound();
        const pending = await this.recruitment.pendingDraw(assemblyId, manager);
        if (pending !== null) throw RecruitmentException.drawPending(pending.id);
        const excluded = excludedDigest(await this.recruitment.invitedKeys(assemblyId, manager));
        const parametersDigest = createHash('sha256')
          .update(canonicalInvitationParameters(lists, parameters, excluded), 'utf8')
          .digest('hex');
        const draw = await this.recruitment.insertDraw(
          {
            assemblyId,
            status: 'published',
            count: parameters.count,
            mix: parameters.mix,
            strata: parameters.strata,
            countedOn: parameters.on,
            questions: input.questions,
            parametersDigest,
            excludedDigest: excluded,
            seed: null,
            seedGivenBy: null,
            present: null,
            drawnAt: null,
            result: null,
            invitedSha256: null,
            lettersIssuedAt: null,
            createdBy: principal.accountId,
          },
          lists.map((list) => list.id),
          manager,
        );
        await this.audit.record(
          {
            actor: actorOf(principal.accountId),
            action: 'invitation-draw.published',
            subjectType: 'assembly',
            subjectId: assemblyId,
            data: { drawId: draw.id, parametersDigest, lists: lists.map((list) => ({ source: list.label, sha256: list.sha256 })), ...parameters },
          },
          manager,
        );
        return { draw, lists };
      });
    } catch (error) {
      // Two publications at once: the partial unique index lets one through.
      if (isUniqueViolation(error)) throw RecruitmentException.drawPending((await this.recruitment.pendingDraw(assemblyId))?.id ?? '');
      throw error;
    }
  }

  private checkQuestions(questions: RespondentQuestion[]): void {
    const seen = new Set<string>(LIST_FEATURES);
    for (const question of questions) {
      const name = question.category.trim().toLowerCase();
      if (seen.has(name)) {
        throw RecruitmentException.drawInvalid(
          LIST_FEATURES.includes(name as (typeof LIST_FEATURES)[number])
            ? `"${question.category}" comes from the lists (source, age, district); ask other questions`
            : `The question "${question.category}" is asked twice`,
        );
      }
      seen.add(name);
      if (new Set(question.values.map((value) => value.trim().toLowerCase())).size !== question.values.length) {
        throw RecruitmentException.drawInvalid(`The answers to "${question.category}" must differ from one another`);
      }
    }
  }

  async draws(assemblyId: string): Promise<DrawView[]> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    const draws = await this.recruitment.drawsOfAssembly(assemblyId);
    return Promise.all(draws.map(async (draw) => ({ draw, lists: await this.recruitment.listsOfDraw(draw.id) })));
  }

  async draw(drawId: string): Promise<DrawView> {
    const draw = await this.recruitment.findDraw(drawId);
    if (draw === null) throw RecruitmentException.drawNotFound();
    return { draw, lists: await this.recruitment.listsOfDraw(drawId) };
  }

  /**
   * Enters the public seed and draws: each list is read again from the stored bytes (its SHA-256
   * checked against the published one, where each row lies noted), the draw runs (libs/sortition),
   * and the invited people's rows alone are parsed once more for their names and addresses. At
   * Paris's scale this takes tens of seconds (bench:invitations); the request waits for it, and a
   * 2xx means the invitations are stored.
   */
  async seed(principal: Principal, drawId: string, input: { seed: string; seedGivenBy?: string; present?: string[] }): Promise<DrawView> {
    const found = await this.recruitment.findDraw(drawId);
    if (found === null) throw RecruitmentException.drawNotFound();
    await this.access.requireOrganiser(principal, found.assemblyId, 'draw invitations');
    if (found.status !== 'published') throw RecruitmentException.alreadyDrawn();
    const lists = await this.recruitment.listsOfDraw(drawId);
    const excluded = await this.recruitment.invitedKeys(found.assemblyId);
    if (excludedDigest(excluded) !== found.excludedDigest) {
      // Only another draw of the assembly could change who was invited, and one waits at a time.
      throw RecruitmentException.drawInvalid('The people invited before changed since this draw was published; publish a new draw');
    }
    const read: Array<SourceList & { places?: RowPlaces }> = [];
    for (const list of lists) {
      const sourceList = await readSourceList({ label: list.label, file: list.fileName, chunks: this.recruitment.listBytes(list.id) }, { places: true });
      if (sourceList.sha256 !== list.sha256) throw RecruitmentException.listChanged(list.fileName);
      read.push(sourceList);
    }
    const parameters: InvitationParameters = { count: found.count, mix: found.mix, strata: found.strata, on: found.countedOn };
    let result: InvitationDraw;
    try {
      result = drawInvitations(read, parameters, input.seed, { excluded });
    } catch (error) {
      if (error instanceof InvitationDrawError) {
        if (error.code === 'NOT_ENOUGH_PEOPLE') throw RecruitmentException.notEnoughPeople(error.message);
        throw RecruitmentException.drawInvalid(error.message);
      }
      throw error;
    }
    if (result.parametersDigest !== found.parametersDigest) throw RecruitmentException.drawInvalid('The draw no longer matches its published parameters; publish a new draw');
    // Where each invited person's row lies, then the lists let go before their rows are read again.
    const wanted = read.map((sourceList) => {
      const invited = new Set(result.invited.filter((person) => person.source === sourceList.label).map((person) => person.id));
      const rows: Array<{ id: string; index: number }> = [];
      sourceList.ids.forEach((id, index) => {
        if (invited.has(id)) rows.push({ id, index });
      });
      return { places: sourceList.places!, rows, ids: invited };
    });
    read.length = 0;

    const invitations: NewInvitation[] = [];
    const positions = new Map(result.invited.map((person, position) => [`${person.source}:${person.id}`, { person, position }]));
    for (const [l, list] of lists.entries()) {
      const { places, rows, ids } = wanted[l];
      // Only the invited rows are parsed again; should they not read back as expected, the whole list is.
      let { people, sha256 } = await readRowsAt(this.recruitment.listBytes(list.id), list.fileName, places, rows);
      if (people === undefined) ({ people, sha256 } = await readListedPeople(this.recruitment.listBytes(list.id), list.fileName, ids));
      if (sha256 !== list.sha256) throw RecruitmentException.listChanged(list.fileName);
      for (const listed of people.values()) {
        const { person, position } = positions.get(`${list.label}:${listed.id}`)!;
        invitations.push({
          drawId,
          position,
          assemblyId: found.assemblyId,
          source: list.label,
          personId: listed.id,
          stratum: person.stratum,
          familyName: listed.familyName,
          givenNames: listed.givenNames,
          birthDate: listed.birthDate,
          address: listed.address,
          district: listed.district,
        });
      }
    }
    invitations.sort((a, b) => a.position - b.position);
    const published = invitedCsv(result);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const draw = await this.recruitment.lockDraw(drawId, manager);
        if (draw === null) throw RecruitmentException.drawNotFound();
        if (draw.status !== 'published') throw RecruitmentException.alreadyDrawn();
        await this.recruitment.insertInvitations(invitations, manager);
        const drawn = await this.recruitment.markDrawn(
          drawId,
          {
            seed: input.seed,
            seedGivenBy: input.seedGivenBy?.trim() || null,
            present: input.present === undefined ? null : input.present.map((name) => name.trim()).filter(Boolean),
            drawnAt: this.clock.now(),
            result: { allocation: result.allocation, shortfall: result.shortfall, excluded: result.excluded, invitedCount: result.invited.length },
            invitedSha256: published.sha256,
          },
          manager,
        );
        await this.audit.record(
          {
            actor: actorOf(principal.accountId),
            action: 'invitation-draw.drawn',
            subjectType: 'assembly',
            subjectId: draw.assemblyId,
            data: { drawId, seed: input.seed, invited: result.invited.length, shortfall: result.shortfall, invitedSha256: published.sha256 },
          },
          manager,
        );
        return { draw: drawn, lists };
      });
    } catch (error) {
      // Someone invited in a concurrent draw: cannot happen with one pending draw, but the index says so.
      if (isUniqueViolation(error)) throw RecruitmentException.alreadyDrawn();
      throw error;
    }
  }

  /** The draw's output as `pnyx sortition invite --json` writes it: what `verify-invitations --published` checks. */
  async result(principal: Principal, drawId: string): Promise<InvitationDraw> {
    const { draw, lists } = await this.draw(drawId);
    await this.access.requireOrganiser(principal, draw.assemblyId, 'download invitation results');
    if (draw.status !== 'drawn') throw RecruitmentException.notDrawn();
    return {
      format: INVITATION_FORMAT,
      parametersDigest: draw.parametersDigest,
      parameters: { count: draw.count, mix: draw.mix, strata: draw.strata, on: draw.countedOn },
      seed: draw.seed!,
      digests: Object.fromEntries(lists.map((list) => [list.label, list.sha256])),
      allocation: draw.result!.allocation,
      invited: await this.recruitment.invitedOfDraw(drawId),
      shortfall: draw.result!.shortfall,
      excluded: draw.result!.excluded,
    };
  }

  async record(principal: Principal, drawId: string, language: RecordLanguage): Promise<{ fileName: string; pdf: Buffer }> {
    const output = await this.result(principal, drawId);
    const { draw, lists } = await this.draw(drawId);
    const assembly = (await this.assemblies.findById(draw.assemblyId))!;
    const pdf = await invitationRecordPdf(
      output,
      {
        assembly: assembly.name,
        drawnAt: draw.drawnAt!.toISOString(),
        ...(draw.seedGivenBy === null ? {} : { seedGivenBy: draw.seedGivenBy }),
        present: draw.present ?? [],
        lists: Object.fromEntries(lists.map((list) => [list.label, { file: list.fileName, people: list.rowCount }])),
      },
      language,
    );
    return { fileName: `${language === 'fr' ? 'proces-verbal' : 'record'}-invitations-${drawId}.pdf`, pdf };
  }

  /**
   * The mail merge for the printer: one row per invitation without a code yet, with a new one-time
   * code (only its hash is kept) and the address to answer at. Run again, it gives codes only to
   * invitations that have none — an empty file once every letter has been produced.
   */
  async letters(principal: Principal, drawId: string, answerUrl: string): Promise<{ csv: string; count: number }> {
    const found = await this.recruitment.findDraw(drawId);
    if (found === null) throw RecruitmentException.drawNotFound();
    await this.access.requireOrganiser(principal, found.assemblyId, 'print invitation letters');
    return inTransaction(this.dataSource, async (manager) => {
      const draw = await this.recruitment.lockDraw(drawId, manager);
      if (draw === null) throw RecruitmentException.drawNotFound();
      if (draw.status !== 'drawn') throw RecruitmentException.notDrawn();
      const invitations = await this.recruitment.invitationsWithoutCode(drawId, manager);
      const codes = invitations.map(() => generateHumanCode(LETTER_CODE_GROUPS));
      await this.recruitment.setCodeHashes(
        invitations.map((invitation) => invitation.id),
        codes.map(hashHumanCode),
        manager,
      );
      await this.recruitment.markLettersIssued(drawId, this.clock.now(), manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'invitation-draw.letters-issued', subjectType: 'assembly', subjectId: draw.assemblyId, data: { drawId, count: codes.length } },
        manager,
      );
      const csv = toCsvText([
        ['source', 'district', 'family_name', 'given_names', 'address', 'invitation_code', 'answer_url', 'answer_url_with_code'],
        ...invitations.map((invitation, i) => [
          invitation.source,
          invitation.district,
          invitation.familyName ?? '',
          invitation.givenNames ?? '',
          invitation.address ?? '',
          codes[i],
          answerUrl,
          `${answerUrl}?code=${encodeURIComponent(codes[i])}`,
        ]),
      ]);
      return { csv, count: codes.length };
    });
  }

  /** Organisers find an invitation by name: a lost letter, or someone calling without their code. */
  async searchInvitations(principal: Principal, assemblyId: string, search: string): Promise<Array<InvitationEntity & { answered: boolean }>> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, 'search invitations');
    return this.recruitment.searchInvitations(assemblyId, search.trim(), 50);
  }

  /** A lost letter: a new code, shown once; the old one stops working. Not once the invitation is answered. */
  async reissueCode(principal: Principal, invitationId: string): Promise<{ invitation: InvitationEntity; code: string }> {
    const found = await this.recruitment.findInvitation(invitationId);
    if (found === null) throw RecruitmentException.invitationNotFound();
    await this.access.requireOrganiser(principal, found.assemblyId, 'reissue invitation codes');
    return inTransaction(this.dataSource, async (manager) => {
      // The draw's row is the lock every change to its invitations' codes takes (letters too).
      await this.recruitment.lockDraw(found.drawId, manager);
      if ((await this.recruitment.respondentOfInvitation(invitationId, manager)) !== null) throw RecruitmentException.alreadyAnswered();
      const code = generateHumanCode(LETTER_CODE_GROUPS);
      await this.recruitment.setCodeHash(invitationId, hashHumanCode(code), manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'invitation.code-reissued', subjectType: 'assembly', subjectId: found.assemblyId, data: { invitationId } },
        manager,
      );
      return { invitation: found, code };
    });
  }

  // Respondents ----------------------------------------------------------------------------

  /**
   * Withdraws an answer (the person changed their mind, or asked for their data to go) while no pool
   * holds it; pools are frozen, so afterwards it stays there until the assembly's data is purged.
   */
  async withdraw(principal: Principal, assemblyId: string, respondentId: string, reason: string): Promise<void> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, 'withdraw answers');
    await inTransaction(this.dataSource, async (manager) => {
      await this.assemblies.lockById(assemblyId, manager);
      const respondent = await this.recruitment.findRespondent(assemblyId, respondentId, manager);
      if (respondent === null) throw RecruitmentException.respondentNotFound();
      if (await this.recruitment.inAPool(assemblyId, respondent.personId, manager)) throw RecruitmentException.respondentInPool();
      await this.recruitment.deleteRespondent(respondentId, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'respondent.withdrawn', subjectType: 'assembly', subjectId: assemblyId, data: { respondentId, personId: respondent.personId, reason: reason.trim() } },
        manager,
      );
    });
  }

  private async invitationByCode(code: string): Promise<InvitationEntity & { draw: InvitationDrawEntity }> {
    const invitation = await this.recruitment.invitationByCodeHash(hashHumanCode(code));
    if (invitation === null) throw RecruitmentException.codeInvalid();
    return invitation as InvitationEntity & { draw: InvitationDrawEntity };
  }

  /** Public: what the letter's holder is invited to and what the form asks. */
  async lookup(code: string): Promise<InvitationView> {
    const invitation = await this.invitationByCode(code);
    const assembly = (await this.assemblies.findById(invitation.assemblyId))!;
    return {
      assembly: { id: assembly.id, name: assembly.name },
      // Codes are erased with the names when purged, so a purged invitation never gets here.
      givenNames: invitation.givenNames ?? '',
      familyName: invitation.familyName ?? '',
      district: invitation.district,
      ageBand: (invitation.birthDate === null ? '' : (ageBandOn(invitation.birthDate, invitation.draw.countedOn) ?? '')),
      source: invitation.source,
      questions: invitation.draw.questions,
      answered: (await this.recruitment.respondentOfInvitation(invitation.id)) !== null,
    };
  }

  /** Public: the invited person answers with their letter's code. */
  async answer(code: string, answer: Answer): Promise<RespondentEntity> {
    const invitation = await this.invitationByCode(code);
    return this.recordAnswer(invitation, answer, 'online', null);
  }

  /** An organiser enters an answer given by phone or on paper, with the letter's code. */
  async enterAnswer(principal: Principal, assemblyId: string, code: string, channel: Exclude<RespondentChannel, 'online'>, answer: Answer): Promise<RespondentEntity> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, 'enter answers');
    const invitation = await this.invitationByCode(code);
    // A code of another assembly is no invitation to this one (and says nothing of the other).
    if (invitation.assemblyId !== assemblyId) throw RecruitmentException.codeInvalid();
    return this.recordAnswer(invitation, answer, channel, principal.accountId);
  }

  private async recordAnswer(invitation: InvitationEntity & { draw: InvitationDrawEntity }, answer: Answer, channel: RespondentChannel, recordedBy: string | null): Promise<RespondentEntity> {
    if (!answer.consent) throw RecruitmentException.consentRequired();
    const features: Record<string, string> = {
      source: invitation.source,
      age: (invitation.birthDate === null ? '' : (ageBandOn(invitation.birthDate, invitation.draw.countedOn) ?? '')),
      district: invitation.district,
    };
    const asked = new Map(invitation.draw.questions.map((question) => [question.category, question]));
    for (const name of Object.keys(answer.answers)) {
      if (!asked.has(name)) throw RecruitmentException.answersInvalid(`"${name}" is not a question of this form`, `answers.${name}`);
    }
    for (const question of invitation.draw.questions) {
      const value = answer.answers[question.category];
      if (value === undefined) throw RecruitmentException.answersInvalid(`Answer "${question.category}"`, `answers.${question.category}`);
      if (!question.values.includes(value)) {
        throw RecruitmentException.answersInvalid(`"${value}" is not one of the answers to "${question.category}" (${question.values.join(', ')})`, `answers.${question.category}`);
      }
      features[question.category] = value;
    }
    const contact: RespondentContact = {
      ...(answer.contact.email === undefined || answer.contact.email.trim() === '' ? {} : { email: answer.contact.email.trim() }),
      ...(answer.contact.phone === undefined || answer.contact.phone.trim() === '' ? {} : { phone: answer.contact.phone.trim() }),
    };
    if (contact.email === undefined && contact.phone === undefined) throw RecruitmentException.answersInvalid('Give an email address or a phone number, so the organisers can tell you the result', 'contact');
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        if ((await this.recruitment.respondentOfInvitation(invitation.id, manager)) !== null) throw RecruitmentException.alreadyAnswered();
        const respondent = await this.recruitment.insertRespondent(
          {
            assemblyId: invitation.assemblyId,
            invitationId: invitation.id,
            personId: respondentPseudonym(),
            channel,
            consentAt: this.clock.now(),
            features,
            contact,
            availability: answer.availability.trim(),
            recordedBy,
          },
          manager,
        );
        await this.audit.record(
          {
            // An online answer is made by whoever holds the letter's code: no account to name.
            actor: recordedBy === null ? 'respondent' : actorOf(recordedBy),
            action: 'respondent.answered',
            subjectType: 'assembly',
            subjectId: invitation.assemblyId,
            data: { respondentId: respondent.id, personId: respondent.personId, channel },
          },
          manager,
        );
        return respondent;
      });
    } catch (error) {
      // Two answers with the same code at once: the unique index on the invitation keeps one.
      if (isUniqueViolation(error)) throw RecruitmentException.alreadyAnswered();
      throw error;
    }
  }

  async respondents(principal: Principal, assemblyId: string): Promise<RespondentEntity[]> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    await this.access.requireOrganiser(principal, assemblyId, 'see respondents');
    return this.recruitment.respondentsOfAssembly(assemblyId);
  }

  /**
   * The respondents as a stage-2 pool with the organiser's quotas: a pool CSV is written (pseudonym,
   * the list's features, the form's answers, then names and contacts as personal columns) and goes
   * through the same upload as any pool — validated, feasibility-checked, frozen.
   */
  async poolFromRespondents(principal: Principal, assemblyId: string, quotas: { originalname: string; buffer: Buffer } | undefined): Promise<PoolEntity> {
    await this.requireOpenAssembly(principal, assemblyId, 'make pools');
    const respondents = await this.recruitment.respondentsOfAssembly(assemblyId);
    if (respondents.length === 0) throw RecruitmentException.noRespondents();
    const categories = [...new Set(respondents.flatMap((respondent) => Object.keys(respondent.features)))];
    const rows = [
      ['id', ...categories, 'given_names', 'family_name', 'email', 'phone', 'availability', 'channel'],
      ...respondents.map((respondent) => [
        respondent.personId,
        ...categories.map((category) => respondent.features[category] ?? ''),
        respondent.invitation!.givenNames ?? '',
        respondent.invitation!.familyName ?? '',
        respondent.contact.email ?? '',
        respondent.contact.phone ?? '',
        respondent.availability,
        respondent.channel,
      ]),
    ];
    const pool = { originalname: 'respondents.csv', buffer: Buffer.from(toCsvText(rows), 'utf8') };
    // An answer withdrawn meanwhile must not reach the frozen pool: checked under the assembly's lock,
    // which withdrawals take too.
    // (Answers arriving meanwhile are simply not in this pool.)
    return this.pools.upload(principal, assemblyId, { quotas, pool }, [], async (manager) => {
      const still = new Set((await this.recruitment.respondentsOfAssembly(assemblyId, manager)).map((respondent) => respondent.id));
      if (respondents.some((respondent) => !still.has(respondent.id))) throw RecruitmentException.respondentsChanged();
    });
  }
}
