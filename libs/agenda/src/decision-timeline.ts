/**
 * Where a decision of the assembly stands, and what is late — pure, from its dates. Days are Paris
 * calendar days (YYYY-MM-DD), compared as strings.
 *
 *   adopted → transmitted (to the Conseil de Paris) → answered: adopted / amended / rejected
 *          → in progress (a milestone started or done) → delivered (every milestone done or cancelled, one done)
 */
export const DECISION_STAGES = ['adopted', 'transmitted', 'council-adopted', 'council-amended', 'council-rejected', 'in-progress', 'delivered'] as const;
export type DecisionStage = (typeof DECISION_STAGES)[number];
export const COUNCIL_ANSWERS = ['adopted', 'amended', 'rejected'] as const;
export type CouncilAnswer = (typeof COUNCIL_ANSWERS)[number];
export const MILESTONE_STATUSES = ['planned', 'in-progress', 'done', 'cancelled'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export interface TimelineDecision {
  transmittedOn: string | null;
  answerDueOn: string | null;
  councilAnswer: CouncilAnswer | null;
  milestones: ReadonlyArray<{ plannedOn: string; status: MilestoneStatus }>;
}

export function decisionStage(decision: TimelineDecision): DecisionStage {
  if (decision.councilAnswer === 'rejected') return 'council-rejected';
  const live = decision.milestones.filter((milestone) => milestone.status !== 'cancelled');
  if (live.length > 0 && live.every((milestone) => milestone.status === 'done')) return 'delivered';
  if (live.some((milestone) => milestone.status !== 'planned')) return 'in-progress';
  if (decision.councilAnswer !== null) return `council-${decision.councilAnswer}`;
  return decision.transmittedOn === null ? 'adopted' : 'transmitted';
}

/** The council's answer is late: transmitted, not answered, and its expected day has passed. */
export function answerOverdue(decision: TimelineDecision, today: string): boolean {
  return decision.transmittedOn !== null && decision.councilAnswer === null && decision.answerDueOn !== null && decision.answerDueOn < today;
}

/** A milestone is late when its planned day has passed and it is neither done nor cancelled. */
export function milestoneOverdue(milestone: { plannedOn: string; status: MilestoneStatus }, today: string): boolean {
  return (milestone.status === 'planned' || milestone.status === 'in-progress') && milestone.plannedOn < today;
}

/** Today in Paris, YYYY-MM-DD. */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
