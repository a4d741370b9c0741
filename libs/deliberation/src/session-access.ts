import { Injectable } from '@nestjs/common';
import type { Principal } from '@app/shared';
import { AssemblyAccess } from '@app/assembly';
import type { SessionEntity } from '@app/agenda';
import { DeliberationException } from './deliberation.exception.js';
import { DeliberationRepository } from './deliberation.repository.js';
import type { Actor } from './room.js';

export type ParticipantRole = 'chair' | 'member' | 'observer';

export interface Participant {
  principal: Principal;
  session: SessionEntity;
  role: ParticipantRole;
  actor: Actor;
}

/**
 * Who someone is in a session. Chairs: the session's facilitators and the assembly's organisers and
 * facilitators. Members: seated members and alternates. Anyone else signed in observes public
 * sessions and is refused members-only ones.
 */
@Injectable()
export class SessionAccess {
  constructor(
    private readonly repository: DeliberationRepository,
    private readonly assemblies: AssemblyAccess,
  ) {}

  async session(sessionId: string): Promise<SessionEntity> {
    const session = await this.repository.findSession(sessionId);
    if (session === null) throw DeliberationException.sessionNotFound();
    return session;
  }

  async participant(principal: Principal, sessionOrId: string | SessionEntity): Promise<Participant> {
    const session = typeof sessionOrId === 'string' ? await this.session(sessionOrId) : sessionOrId;
    const roles = await this.assemblies.rolesOf(principal, session.assemblyId);
    // A workshop group's room is its members': the assembly's other members do not act in it.
    const member = session.plenarySessionId === null ? roles.includes('member') || roles.includes('alternate') : await this.repository.isGroupMember(session.id, principal.accountId);
    const chair = AssemblyAccess.chairsWith(principal, roles) || (await this.repository.isSessionFacilitator(session.id, principal.accountId));
    const role: ParticipantRole = chair ? 'chair' : member ? 'member' : 'observer';
    if (role === 'observer' && session.visibility !== 'public') throw DeliberationException.membersOnly();
    return { principal, session, role, actor: { accountId: principal.accountId, chair, member } };
  }

  /** For reads over HTTP: public sessions to anyone, members-only ones to their participants. */
  async requireReader(principal: Principal | undefined, sessionId: string): Promise<SessionEntity> {
    const session = await this.session(sessionId);
    if (session.visibility === 'public') return session;
    if (principal === undefined) throw DeliberationException.membersOnly();
    await this.participant(principal, session);
    return session;
  }

  async displayName(accountId: string): Promise<string | undefined> {
    return (await this.repository.displayNames([accountId])).get(accountId);
  }

}

export function requireChair(participant: Participant, action: string): void {
  if (participant.role !== 'chair') throw DeliberationException.notChair(action);
}
