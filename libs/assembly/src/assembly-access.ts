import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Principal } from '@app/shared';
import { AssemblyException } from './assembly.exception.js';
import { AssemblyRepository } from './assembly.repository.js';
import type { MembershipRole } from './entities/membership.entity.js';

/**
 * Who may do what in an assembly: one place for the checks. An assembly's organisers are accounts
 * holding the city-wide `organiser` role AND an active `organiser` membership of that assembly, so
 * losing either ends their powers at once. Admins manage accounts, not assemblies: they see no
 * personal data unless they are also the assembly's organisers.
 */
@Injectable()
export class AssemblyAccess {
  constructor(private readonly assemblies: AssemblyRepository) {}

  async rolesOf(principal: Principal | undefined, assemblyId: string, manager?: EntityManager): Promise<MembershipRole[]> {
    if (principal === undefined) return [];
    return this.assemblies.activeRoles(assemblyId, principal.accountId, manager);
  }

  async isOrganiser(principal: Principal | undefined, assemblyId: string, manager?: EntityManager): Promise<boolean> {
    if (principal === undefined || !principal.roles.includes('organiser')) return false;
    return (await this.rolesOf(principal, assemblyId, manager)).includes('organiser');
  }

  /** The assembly's organisers or facilitators: those who run its sessions and in-session polls. */
  async isOrganiserOrFacilitator(principal: Principal | undefined, assemblyId: string, manager?: EntityManager): Promise<boolean> {
    if (principal === undefined) return false;
    return AssemblyAccess.chairsWith(principal, await this.rolesOf(principal, assemblyId, manager));
  }

  /** The same rule, for a caller that already read the principal's roles in the assembly. */
  static chairsWith(principal: Principal, roles: readonly MembershipRole[]): boolean {
    return (roles.includes('organiser') && principal.roles.includes('organiser')) || (roles.includes('facilitator') && principal.roles.includes('facilitator'));
  }

  /** Seated members (role member) linked to an account: the electorate of assembly polls. */
  seatedMemberAccounts(assemblyId: string): Promise<number> {
    return this.assemblies.countSeatedAccounts(assemblyId);
  }

  async requireOrganiser(principal: Principal, assemblyId: string, action: string, manager?: EntityManager): Promise<void> {
    if (!(await this.isOrganiser(principal, assemblyId, manager))) throw AssemblyException.notOrganiser(action);
  }
}
