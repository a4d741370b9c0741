import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssemblyAccess } from '@app/assembly';
import type { Principal } from '@app/shared';
import type { PollAudience, PollEntity } from './entities/poll.entity.js';
import { VotingException } from './voting.exception.js';

/**
 * Who may vote in a poll, and under which key their participation is recorded. Citizen votes
 * (referenda) plug their electoral roll in behind the same port.
 */
export const VOTER_ELIGIBILITY = Symbol('VOTER_ELIGIBILITY');

/**
 * Why eligibility is asked: `cast` comes with a ballot (a rule may record it, as the participatory
 * budget fixes a voter's district at their first ballot); `check` only asks (a page showing whether
 * one may vote) and must change nothing.
 */
export type EligibilityIntent = 'cast' | 'check';

export interface VoterEligibility {
  /** The participation key for this voter, or throws NOT_ELIGIBLE. */
  voterKey(poll: PollEntity, principal: Principal, manager: EntityManager, intent: EligibilityIntent): Promise<string>;
  /** How many people may vote, when known (for turnout); null for open audiences. */
  eligibleCount(poll: PollEntity): Promise<number | null>;
}

/**
 * Eligibility for audiences another library owns (the participatory budget's envelopes): that
 * library registers its rule here when it starts, so voting never imports it.
 */
@Injectable()
export class AudienceEligibilityRegistry {
  private readonly rules = new Map<PollAudience, VoterEligibility>();

  register(audience: PollAudience, rule: VoterEligibility): void {
    this.rules.set(audience, rule);
  }

  ruleFor(audience: PollAudience): VoterEligibility | undefined {
    return this.rules.get(audience);
  }
}

/** Assembly polls: the assembly's seated members (with an account). Resident polls: any resident. */
@Injectable()
export class AccountEligibility implements VoterEligibility {
  constructor(
    private readonly access: AssemblyAccess,
    private readonly registry: AudienceEligibilityRegistry,
  ) {}

  async voterKey(poll: PollEntity, principal: Principal, manager: EntityManager, intent: EligibilityIntent): Promise<string> {
    const registered = this.registry.ruleFor(poll.audience);
    if (registered !== undefined) return registered.voterKey(poll, principal, manager, intent);
    if (poll.audience === 'budget') {
      throw VotingException.notEligible('the participatory budget is not running on this server');
    } else if (poll.audience === 'roll') {
      throw VotingException.notEligible("a referendum's ballots are cast with a voting code (POST /api/referendums/:id/ballots)");
    } else if (poll.audience === 'assembly') {
      const roles = await this.access.rolesOf(principal, poll.assemblyId!, manager);
      if (!roles.includes('member')) throw VotingException.notEligible("only the assembly's members vote in its polls");
    } else if (!principal.roles.includes('resident')) {
      throw VotingException.notEligible('only residents vote in this poll');
    }
    return `account:${principal.accountId}`;
  }

  async eligibleCount(poll: PollEntity): Promise<number | null> {
    const registered = this.registry.ruleFor(poll.audience);
    if (registered !== undefined) return registered.eligibleCount(poll);
    if (poll.audience !== 'assembly') return null;
    return this.access.seatedMemberAccounts(poll.assemblyId!);
  }
}
