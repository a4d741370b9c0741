/**
 * The chair's workshop form, as typed: how many groups, how long, which features to balance, or
 * the groups by hand. Pure, so each rule is tested.
 */
export interface BreakoutDraft {
  method: 'random' | 'manual';
  groups: string;
  minutes: string;
  features: string[];
  /** By hand: account id → group number (1-based), as chosen in the list. */
  assignment: Record<string, number>;
  /** Group number (1-based) → the facilitator's account id, for groups that have one. */
  facilitators?: Record<number, string>;
}

/** The facilitators by group position, null where a group has none; absent when no group has one. */
function facilitatorsOf(draft: BreakoutDraft, groups: number): { facilitators?: Array<string | null> } {
  const chosen = Array.from({ length: groups }, (_, i) => draft.facilitators?.[i + 1] ?? null);
  return chosen.some((id) => id !== null) ? { facilitators: chosen } : {};
}

export type BreakoutProblem = 'groups' | 'minutes' | 'assignment';

export function breakoutRequest(draft: BreakoutDraft, present: readonly string[]): { payload: Record<string, unknown> | null; problems: BreakoutProblem[] } {
  const groups = /^\d+$/.test(draft.groups.trim()) ? Number(draft.groups.trim()) : NaN;
  const minutes = /^\d+$/.test(draft.minutes.trim()) ? Number(draft.minutes.trim()) : NaN;
  const problems: BreakoutProblem[] = [];
  if (!(groups >= 2 && groups <= 50 && groups <= present.length)) problems.push('groups');
  if (!(minutes >= 1 && minutes <= 240)) problems.push('minutes');
  if (draft.method === 'manual' && problems.length === 0) {
    const lists = Array.from({ length: groups }, (): string[] => []);
    for (const accountId of present) {
      const index = draft.assignment[accountId];
      if (index === undefined || index < 1 || index > groups) {
        problems.push('assignment');
        break;
      }
      lists[index - 1].push(accountId);
    }
    if (!problems.includes('assignment') && lists.some((list) => list.length === 0)) problems.push('assignment');
    if (problems.length > 0) return { payload: null, problems };
    return { payload: { assignment: lists, minutes, ...facilitatorsOf(draft, groups) }, problems };
  }
  if (problems.length > 0) return { payload: null, problems };
  return { payload: { groups, minutes, features: draft.features, ...facilitatorsOf(draft, groups) }, problems };
}
