import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { actorOf, AuditLogService, CLOCK, generateHumanCode, hashHumanCode, type Clock, type Principal } from '@app/shared';
import { inTransaction, isUniqueViolation } from '@app/persistence';
import { AccountService } from '@app/identity';
import { AssemblyAccess } from './assembly-access.js';
import { AssemblyException } from './assembly.exception.js';
import { AssemblyRepository } from './assembly.repository.js';
import type { MembershipEntity, StaffRole } from './entities/membership.entity.js';

export interface MembershipView {
  membership: MembershipEntity;
  /** Whether the caller may see accounts and invitations (the assembly's organisers). */
  organiserView: boolean;
  /** The person's name, where it may be shown: staff always, drawn members who chose to, everyone to organisers. */
  displayName?: string;
  /** The membership is the caller's own. */
  yours: boolean;
}

/** Seats and duties in an assembly: staff added by organisers, drawn members' invitations, departures. */
@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly assemblies: AssemblyRepository,
    private readonly accounts: AccountService,
    private readonly access: AssemblyAccess,
    private readonly audit: AuditLogService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(principal: Principal | undefined, assemblyId: string, includeEnded: boolean): Promise<MembershipView[]> {
    if ((await this.assemblies.findById(assemblyId)) === null) throw AssemblyException.assemblyNotFound();
    const organiserView = await this.access.isOrganiser(principal, assemblyId);
    const memberships = await this.assemblies.listMemberships(assemblyId, includeEnded);
    const staff = (m: MembershipEntity): boolean => m.role === 'facilitator' || m.role === 'organiser';
    const named = memberships.filter((m) => m.accountId !== null && (organiserView || staff(m) || m.nameShown || m.accountId === principal?.accountId));
    const names = await this.assemblies.displayNames(named.map((m) => m.accountId!));
    return memberships.map((membership) => {
      const name = named.includes(membership) ? names.get(membership.accountId!) : undefined;
      return { membership, organiserView, yours: principal !== undefined && membership.accountId === principal.accountId, ...(name === undefined ? {} : { displayName: name }) };
    });
  }

  /** A drawn member shows or hides their name on the assembly's public page; their choice alone. */
  async setNameShown(principal: Principal, assemblyId: string, membershipId: string, shown: boolean): Promise<MembershipView> {
    const membership = await this.assemblies.findMembership(assemblyId, membershipId);
    if (membership === null) throw AssemblyException.membershipNotFound();
    if (membership.accountId !== principal.accountId) throw AssemblyException.notYourMembership();
    if (membership.endedAt !== null) throw AssemblyException.membershipEnded();
    await this.assemblies.setNameShown(membership.id, shown);
    return (await this.list(principal, assemblyId, false)).find((view) => view.membership.id === membershipId)!;
  }

  /**
   * Adds a facilitator or an organiser. The account must hold that role city-wide (admins grant it).
   * Organisers are added by the assembly's organisers or by an admin (to hand an assembly over).
   */
  async addStaff(principal: Principal, assemblyId: string, accountId: string, role: StaffRole): Promise<MembershipEntity> {
    const account = await this.accounts.get(accountId);
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const assembly = await this.assemblies.lockById(assemblyId, manager);
        if (assembly === null) throw AssemblyException.assemblyNotFound();
        const adminHandover = role === 'organiser' && principal.roles.includes('admin');
        if (!adminHandover) await this.access.requireOrganiser(principal, assemblyId, `add a ${role}`, manager);
        if (assembly.status === 'ended') throw AssemblyException.assemblyEnded();
        if (!account.roles.includes(role)) throw AssemblyException.accountLacksRole(role);
        const membership = await this.assemblies.insertMembership({ assemblyId, role, accountId }, manager);
        await this.audit.record(
          { actor: actorOf(principal.accountId), action: 'membership.added', subjectType: 'assembly', subjectId: assemblyId, data: { membershipId: membership.id, role, accountId } },
          manager,
        );
        return membership;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AssemblyException.alreadyInRole(role);
      throw error;
    }
  }

  /** Moves a drawn person between member (seated) and alternate. */
  async changeDrawnRole(principal: Principal, assemblyId: string, membershipId: string, role: 'member' | 'alternate'): Promise<MembershipEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const assembly = await this.assemblies.lockById(assemblyId, manager);
      if (assembly === null) throw AssemblyException.assemblyNotFound();
      await this.access.requireOrganiser(principal, assemblyId, 'change roles', manager);
      const membership = await this.assemblies.findMembership(assemblyId, membershipId, manager, true);
      if (membership === null) throw AssemblyException.membershipNotFound();
      if (membership.endedAt !== null) throw AssemblyException.membershipEnded();
      if (membership.personId === null) throw AssemblyException.notDrawnMembership();
      if (membership.role === role) return membership;
      const updated = await this.assemblies.setRole(membershipId, role, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'membership.role-changed', subjectType: 'assembly', subjectId: assemblyId, data: { membershipId, from: membership.role, to: role } },
        manager,
      );
      return updated;
    });
  }

  /**
   * Ends a membership with a reason: the person themselves leaves, or an organiser removes them. The
   * row stays (history, replacements); an assembly keeps at least one organiser.
   */
  async end(principal: Principal, assemblyId: string, membershipId: string, reason: string): Promise<MembershipEntity> {
    return inTransaction(this.dataSource, async (manager) => {
      const assembly = await this.assemblies.lockById(assemblyId, manager);
      if (assembly === null) throw AssemblyException.assemblyNotFound();
      const membership = await this.assemblies.findMembership(assemblyId, membershipId, manager, true);
      if (membership === null) throw AssemblyException.membershipNotFound();
      const leaving = membership.accountId === principal.accountId;
      if (!leaving) await this.access.requireOrganiser(principal, assemblyId, 'remove someone', manager);
      if (membership.endedAt !== null) throw AssemblyException.membershipEnded();
      if (membership.role === 'organiser') {
        const organisers = (await this.assemblies.listMemberships(assemblyId, false)).filter((m) => m.role === 'organiser');
        if (organisers.length <= 1) throw AssemblyException.lastOrganiser();
      }
      const kind = leaving ? 'left' : 'removed';
      const ended = await this.assemblies.endMembership(membershipId, { kind, reason: reason.trim(), by: principal.accountId, at: this.clock.now() }, manager);
      await this.audit.record(
        {
          actor: actorOf(principal.accountId),
          action: `membership.${kind}`,
          subjectType: 'assembly',
          subjectId: assemblyId,
          data: { membershipId, role: membership.role, personId: membership.personId, reason: reason.trim() },
        },
        manager,
      );
      return ended;
    });
  }

  /**
   * A one-time code for a drawn member to link their account to their seat; shown once, stored as
   * a hash. Issuing again replaces (and so revokes) the previous code.
   */
  async issueInvitation(principal: Principal, assemblyId: string, membershipId: string): Promise<{ membership: MembershipEntity; code: string }> {
    return inTransaction(this.dataSource, async (manager) => {
      await this.access.requireOrganiser(principal, assemblyId, 'invite members', manager);
      const membership = await this.assemblies.findMembership(assemblyId, membershipId, manager, true);
      if (membership === null) throw AssemblyException.membershipNotFound();
      if (membership.personId === null) throw AssemblyException.notDrawnMembership();
      if (membership.endedAt !== null) throw AssemblyException.membershipEnded();
      if (membership.accountId !== null) throw AssemblyException.invitationAlreadyRedeemed();
      const code = generateHumanCode();
      const at = this.clock.now();
      await this.assemblies.setInvitation(membershipId, hashHumanCode(code), at, manager);
      await this.audit.record(
        { actor: actorOf(principal.accountId), action: 'membership.invitation-issued', subjectType: 'assembly', subjectId: assemblyId, data: { membershipId } },
        manager,
      );
      return { membership: { ...membership, invitationIssuedAt: at }, code };
    });
  }

  async redeemInvitation(principal: Principal, code: string): Promise<MembershipEntity> {
    try {
      return await inTransaction(this.dataSource, async (manager) => {
        const membership = await this.assemblies.findByInvitationHash(hashHumanCode(code), manager);
        if (membership === null || membership.endedAt !== null) throw AssemblyException.invitationInvalid();
        if (membership.accountId !== null) throw AssemblyException.invitationAlreadyRedeemed();
        const linked = await this.assemblies.linkAccount(membership.id, principal.accountId, manager);
        await this.audit.record(
          {
            actor: actorOf(principal.accountId),
            action: 'membership.invitation-redeemed',
            subjectType: 'assembly',
            subjectId: membership.assemblyId,
            data: { membershipId: membership.id },
          },
          manager,
        );
        return linked;
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw AssemblyException.alreadyInRole('a member');
      throw error;
    }
  }
}
