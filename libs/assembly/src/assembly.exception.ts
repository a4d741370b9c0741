import { DomainException } from '@app/shared';

export const AssemblyErrorCode = {
  ASSEMBLY_NOT_FOUND: 'ASSEMBLY_NOT_FOUND',
  MEMBERSHIP_NOT_FOUND: 'MEMBERSHIP_NOT_FOUND',
  POOL_NOT_FOUND: 'POOL_NOT_FOUND',
  DRAW_NOT_FOUND: 'DRAW_NOT_FOUND',
  NOT_ASSEMBLY_ORGANISER: 'NOT_ASSEMBLY_ORGANISER',
  ASSEMBLY_ENDED: 'ASSEMBLY_ENDED',
  ASSEMBLY_STATUS_TRANSITION: 'ASSEMBLY_STATUS_TRANSITION',
  SEATS_LOCKED: 'SEATS_LOCKED',
  ALREADY_IN_ROLE: 'ALREADY_IN_ROLE',
  MEMBERSHIP_ENDED: 'MEMBERSHIP_ENDED',
  NOT_A_DRAWN_MEMBERSHIP: 'NOT_A_DRAWN_MEMBERSHIP',
  INVITATION_INVALID: 'INVITATION_INVALID',
  INVITATION_ALREADY_REDEEMED: 'INVITATION_ALREADY_REDEEMED',
  POOL_FILE_MISSING: 'POOL_FILE_MISSING',
  POOL_CSV_INVALID: 'POOL_CSV_INVALID',
  QUOTAS_INFEASIBLE: 'QUOTAS_INFEASIBLE',
  POOL_NOT_OF_ASSEMBLY: 'POOL_NOT_OF_ASSEMBLY',
  NO_POOL: 'NO_POOL',
  DRAW_IN_PROGRESS: 'DRAW_IN_PROGRESS',
  ASSEMBLY_ALREADY_DRAWN: 'ASSEMBLY_ALREADY_DRAWN',
  ASSEMBLY_NOT_DRAWN: 'ASSEMBLY_NOT_DRAWN',
  NO_VACANCIES: 'NO_VACANCIES',
  DRAW_NOT_COMPUTED: 'DRAW_NOT_COMPUTED',
  DRAW_ALREADY_SEEDED: 'DRAW_ALREADY_SEEDED',
  DRAW_NOT_SEEDED: 'DRAW_NOT_SEEDED',
  DRAW_NOT_CANCELLABLE: 'DRAW_NOT_CANCELLABLE',
  DRAW_STALE: 'DRAW_STALE',
  TERM_INVALID: 'TERM_INVALID',
  LAST_ORGANISER: 'LAST_ORGANISER',
  ACCOUNT_LACKS_ROLE: 'ACCOUNT_LACKS_ROLE',
  NOT_YOUR_MEMBERSHIP: 'NOT_YOUR_MEMBERSHIP',
  // Stored on failed draws (not thrown):
  DRAW_INTERRUPTED: 'DRAW_INTERRUPTED',
  DRAW_TIME_BUDGET_EXCEEDED: 'DRAW_TIME_BUDGET_EXCEEDED',
  DRAW_FAILED: 'DRAW_FAILED',
} as const;

export class AssemblyException extends DomainException {
  static notYourMembership(): AssemblyException {
    return new AssemblyException('forbidden', AssemblyErrorCode.NOT_YOUR_MEMBERSHIP, 'Only the member themself may choose this');
  }
  static assemblyNotFound(): AssemblyException {
    return new AssemblyException('not-found', AssemblyErrorCode.ASSEMBLY_NOT_FOUND, 'No such assembly');
  }
  static membershipNotFound(): AssemblyException {
    return new AssemblyException('not-found', AssemblyErrorCode.MEMBERSHIP_NOT_FOUND, 'No such membership in this assembly');
  }
  static poolNotFound(): AssemblyException {
    return new AssemblyException('not-found', AssemblyErrorCode.POOL_NOT_FOUND, 'No such pool');
  }
  static drawNotFound(): AssemblyException {
    return new AssemblyException('not-found', AssemblyErrorCode.DRAW_NOT_FOUND, 'No such draw');
  }
  static notOrganiser(action: string): AssemblyException {
    return new AssemblyException('forbidden', AssemblyErrorCode.NOT_ASSEMBLY_ORGANISER, `Only the assembly's organisers may ${action}`);
  }
  static assemblyEnded(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.ASSEMBLY_ENDED, 'This assembly has ended; it can no longer change');
  }
  static statusTransition(from: string, to: string): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.ASSEMBLY_STATUS_TRANSITION, `An assembly cannot go from ${from} to ${to}`, { from, to });
  }
  static seatsLocked(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.SEATS_LOCKED, 'The number of seats is fixed once a pool has been uploaded or a draw requested');
  }
  static alreadyInRole(role: string): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.ALREADY_IN_ROLE, `This account already is ${role} of this assembly`);
  }
  static membershipEnded(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.MEMBERSHIP_ENDED, 'This membership has already ended');
  }
  static notDrawnMembership(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.NOT_A_DRAWN_MEMBERSHIP, 'Only members drawn by lot get invitations or change between member and alternate');
  }
  static invitationInvalid(): AssemblyException {
    return new AssemblyException('not-found', AssemblyErrorCode.INVITATION_INVALID, 'This invitation code is not valid (mistyped, replaced by a newer one, or already used)');
  }
  static invitationAlreadyRedeemed(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.INVITATION_ALREADY_REDEEMED, 'This seat is already linked to an account');
  }
  static poolFileMissing(field: string): AssemblyException {
    return new AssemblyException('invalid', AssemblyErrorCode.POOL_FILE_MISSING, `The multipart field "${field}" (a CSV file) is required`, { field });
  }
  static poolCsvInvalid(message: string, where: { file: string; row?: number; column?: number }): AssemblyException {
    return new AssemblyException('invalid', AssemblyErrorCode.POOL_CSV_INVALID, message, where);
  }
  static quotasInfeasible(report: { issues: unknown[]; relaxation?: unknown[]; relaxationImpossible?: string; overQuota?: string[] }, sentences: string[]): AssemblyException {
    const suggestion = sentences.length > 0 ? ` Smallest relaxation: ${sentences.join('; ')}.` : '';
    return new AssemblyException('unprocessable', AssemblyErrorCode.QUOTAS_INFEASIBLE, `No panel can meet these quotas.${suggestion}`, report);
  }
  static poolNotOfAssembly(): AssemblyException {
    return new AssemblyException('invalid', AssemblyErrorCode.POOL_NOT_OF_ASSEMBLY, 'This pool belongs to another assembly');
  }
  static noPool(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.NO_POOL, 'Upload a pool of volunteers before drawing');
  }
  static drawInProgress(drawId?: string): AssemblyException {
    return new AssemblyException(
      'conflict',
      AssemblyErrorCode.DRAW_IN_PROGRESS,
      'Another draw of this assembly is queued, running or waiting for its seed; finish or cancel it first',
      drawId === undefined ? undefined : { drawId },
    );
  }
  static alreadyDrawn(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.ASSEMBLY_ALREADY_DRAWN, 'This assembly has been drawn; draw replacements for members who left');
  }
  static notDrawn(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.ASSEMBLY_NOT_DRAWN, 'Replacements need a first draw of the assembly');
  }
  static noVacancies(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.NO_VACANCIES, 'Every seat is taken; nobody needs replacing');
  }
  static drawNotComputed(status: string): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.DRAW_NOT_COMPUTED, `The draw is ${status}: its lottery is not published yet`, { status });
  }
  static drawNotSeeded(status: string): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.DRAW_NOT_SEEDED, `The draw is ${status}: its official record exists once the seed is entered`, { status });
  }
  static drawAlreadySeeded(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.DRAW_ALREADY_SEEDED, 'The seed of this draw has already been entered');
  }
  static drawNotCancellable(status: string): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.DRAW_NOT_CANCELLABLE, `A ${status} draw cannot be cancelled`, { status });
  }
  static drawStale(): AssemblyException {
    return new AssemblyException(
      'conflict',
      AssemblyErrorCode.DRAW_STALE,
      'Members changed since this replacement draw was requested: cancel it and request a new one',
    );
  }
  static termInvalid(): AssemblyException {
    return new AssemblyException('invalid', AssemblyErrorCode.TERM_INVALID, 'The term must end after it starts');
  }
  static lastOrganiser(): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.LAST_ORGANISER, 'An assembly keeps at least one organiser: add another before this one leaves');
  }
  static accountLacksRole(role: string): AssemblyException {
    return new AssemblyException('conflict', AssemblyErrorCode.ACCOUNT_LACKS_ROLE, `Only accounts holding the city-wide ${role} role can be an assembly's ${role} (an admin grants it)`, { role });
  }
}
