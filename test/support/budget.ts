/**
 * A participatory budget's calendar for tests: ideas from January 2027, the vote from 10 September to
 * 1 October 2027 (Paris time), follow-up from 2028. Tests that move a clock through it set their
 * ManualClock inside these dates.
 */
export const BUDGET_CALENDAR_2027 = {
  ideasFrom: '2027-01-15',
  coConstructionFrom: '2027-03-01',
  feasibilityFrom: '2027-04-01',
  ballotFrom: '2027-08-01',
  voteOpensAt: '2027-09-10T09:00',
  voteClosesAt: '2027-10-01T20:00',
  resultsFrom: '2027-10-05',
  followUpFrom: '2028-01-01',
} as const;
