import type { Translate } from '../../app/i18n/translate';

export interface AssemblyDraft {
  name: string;
  seats: string;
  termStart: string;
  termEnd: string;
  description: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What stops an assembly from being created, field by field (the API's rules, said before sending). */
export function assemblyProblems(draft: AssemblyDraft, t: Translate): Partial<Record<keyof AssemblyDraft, string>> {
  const problems: Partial<Record<keyof AssemblyDraft, string>> = {};
  if (draft.name.trim() === '') problems.name = t('console.assemblies.nameRequired');
  const seats = Number(draft.seats);
  if (!Number.isInteger(seats) || seats < 1 || seats > 1000) problems.seats = t('console.assemblies.seatsInvalid');
  if (!DATE.test(draft.termStart)) problems.termStart = t('console.assemblies.termStartRequired');
  if (!DATE.test(draft.termEnd)) problems.termEnd = t('console.assemblies.termEndRequired');
  else if (DATE.test(draft.termStart) && draft.termEnd <= draft.termStart) problems.termEnd = t('console.assemblies.termOrder');
  return problems;
}
