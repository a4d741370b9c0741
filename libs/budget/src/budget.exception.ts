import { DomainException } from '@app/shared';

export const BudgetErrorCode = {
  EDITION_NOT_FOUND: 'EDITION_NOT_FOUND',
  ENVELOPE_NOT_FOUND: 'ENVELOPE_NOT_FOUND',
  IDEA_NOT_FOUND: 'IDEA_NOT_FOUND',
  PROJECT_NOT_FOUND: 'PROJECT_NOT_FOUND',
  BUDGET_INVALID: 'BUDGET_INVALID',
  NOT_BUDGET_ORGANISER: 'NOT_BUDGET_ORGANISER',
  IDEAS_RESIDENTS_ONLY: 'IDEAS_RESIDENTS_ONLY',
  WRONG_PHASE: 'WRONG_PHASE',
  PHASE_ORDER: 'PHASE_ORDER',
  ENVELOPE_TAKEN: 'ENVELOPE_TAKEN',
  COST_OVER_LIMIT: 'COST_OVER_LIMIT',
  ENVELOPE_MISMATCH: 'ENVELOPE_MISMATCH',
  DISTRICT_LOCKED: 'DISTRICT_LOCKED',
  RESULTS_NOT_READY: 'RESULTS_NOT_READY',
} as const;

type Code = keyof typeof BudgetErrorCode;

export class BudgetException extends DomainException {
  static of(kind: ConstructorParameters<typeof DomainException>[0], code: Code, message: string, details?: unknown): BudgetException {
    return new BudgetException(kind, code, message, details);
  }
  static notFound(what: 'EDITION' | 'ENVELOPE' | 'IDEA' | 'PROJECT'): BudgetException {
    return BudgetException.of('not-found', `${what}_NOT_FOUND`, `No ${what.toLowerCase()} with this id`);
  }
  static invalid(message: string): BudgetException {
    return BudgetException.of('unprocessable', 'BUDGET_INVALID', message);
  }
  static notOrganiser(action: string): BudgetException {
    return BudgetException.of('forbidden', 'NOT_BUDGET_ORGANISER', `Only the city's organisers may ${action}`);
  }
  static wrongPhase(action: string, phase: string, allowed: readonly string[]): BudgetException {
    return BudgetException.of('conflict', 'WRONG_PHASE', `${action} is possible in the ${allowed.join(' or ')} phase; the edition is in ${phase}`, { phase, allowed });
  }
}
