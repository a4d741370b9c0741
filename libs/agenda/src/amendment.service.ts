import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditLogService, type Principal } from '@app/shared';
import { inTransaction } from '@app/persistence';
import { AssemblyAccess } from '@app/assembly';
import { AgendaException } from './agenda.exception.js';
import { AmendmentEntity } from './entities/amendment.entity.js';
import type { ProposalVersionEntity } from './entities/proposal-version.entity.js';
import { acceptsAmendments } from './proposal-lifecycle.js';
import { ProposalRepository } from './proposal.repository.js';
import { ProposalService } from './proposal.service.js';
import { diffLines, type DiffLine } from './text-diff.js';

/**
 * Amendments to motions: members propose new text; the author accepts or rejects, or the assembly
 * decides by a closed majority-judgment poll. An accepted amendment becomes the next version.
 */
@Injectable()
export class AmendmentService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly proposals: ProposalRepository,
    private readonly proposalService: ProposalService,
    private readonly access: AssemblyAccess,
    private readonly audit: AuditLogService,
  ) {}

  async propose(principal: Principal, proposalId: string, amendment: { title?: string; body: string; rationale?: string }): Promise<AmendmentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const proposal = await this.proposals.lockById(proposalId, manager);
      if (proposal === null || proposal.state === 'draft') throw AgendaException.proposalNotFound();
      if (!acceptsAmendments(proposal.kind, proposal.state)) throw AgendaException.amendmentsClosed(proposal.state);
      if (!(await this.access.rolesOf(principal, proposal.assemblyId, manager)).includes('member')) throw AgendaException.motionsMembersOnly();
      const repository = manager.getRepository(AmendmentEntity);
      const saved = await repository.save(
        repository.create({ proposalId, authorId: principal.accountId, baseVersion: proposal.version, title: amendment.title?.trim() ?? proposal.title, body: amendment.body, rationale: amendment.rationale ?? '' }),
      );
      await this.audit.record({ actor: actorOf(principal.accountId), action: 'amendment.proposed', subjectType: 'proposal', subjectId: proposalId, data: { amendmentId: saved.id, baseVersion: saved.baseVersion } }, manager);
      return saved;
    });
  }

  list(proposalId: string): Promise<AmendmentEntity[]> {
    return this.proposals.amendments(proposalId);
  }

  /** `accept` or `reject`: by the motion's author, or by its chair citing the closed poll that decided it. */
  async decide(principal: Principal, amendmentId: string, decision: 'accept' | 'reject', pollId?: string): Promise<AmendmentEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const amendment = await manager.getRepository(AmendmentEntity).findOne({ where: { id: amendmentId }, lock: { mode: 'pessimistic_write' } });
      if (amendment === null) throw AgendaException.amendmentNotFound();
      const proposal = (await this.proposals.lockById(amendment.proposalId, manager))!;
      const actors = await this.proposalService.actorsFor(principal, proposal, manager);
      if (pollId !== undefined) {
        if (!actors.includes('organiser') && !actors.includes('facilitator')) throw AgendaException.notChair('record an assembly decision');
        const polls = await manager.query<unknown[]>(`SELECT 1 FROM polls WHERE id = $1 AND assembly_id = $2 AND status IN ('closed','published')`, [pollId, proposal.assemblyId]);
        if (polls.length === 0) throw AgendaException.pollNotFound();
      } else if (!actors.includes('author')) {
        throw AgendaException.amendmentNeedsPoll();
      }
      if (amendment.state !== 'open') throw AgendaException.amendmentDecided();
      if (!acceptsAmendments(proposal.kind, proposal.state)) throw AgendaException.amendmentsClosed(proposal.state);
      if (decision === 'accept') {
        if (amendment.baseVersion !== proposal.version) throw AgendaException.amendmentOutdated();
        const version = proposal.version + 1;
        await this.proposals.addVersion({ proposalId: proposal.id, version, title: amendment.title, body: amendment.body, amendmentId, createdBy: principal.accountId }, manager);
        await this.proposals.update(proposal.id, { version, title: amendment.title, body: amendment.body }, manager);
      }
      await manager.getRepository(AmendmentEntity).update({ id: amendmentId }, { state: decision === 'accept' ? 'accepted' : 'rejected', decidedBy: principal.accountId, decidedAt: new Date(), decisionPollId: pollId ?? null });
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: `amendment.${decision === 'accept' ? 'accepted' : 'rejected'}`, subjectType: 'proposal', subjectId: proposal.id, data: { amendmentId, ...(pollId === undefined ? {} : { pollId }) } },
        manager,
      );
      return (await manager.getRepository(AmendmentEntity).findOneBy({ id: amendmentId }))!;
    });
  }

  async versions(principal: Principal | undefined, proposalId: string): Promise<ProposalVersionEntity[]> {
    await this.proposalService.get(principal, proposalId); // 404 for others' drafts
    return this.proposals.versions(proposalId);
  }

  async diff(principal: Principal | undefined, proposalId: string, from: number, to: number): Promise<{ title: DiffLine[]; body: DiffLine[] }> {
    const versions = await this.versions(principal, proposalId);
    const a = versions.find((v) => v.version === from);
    const b = versions.find((v) => v.version === to);
    if (a === undefined || b === undefined) throw AgendaException.versionNotFound();
    return { title: diffLines(a.title, b.title), body: diffLines(a.body, b.body) };
  }
}
