import { describe, expect, it } from '@jest/globals';
import { answerOverdue, decisionStage, milestoneOverdue, parisToday, type TimelineDecision } from './decision-timeline.js';

const base: TimelineDecision = { transmittedOn: null, answerDueOn: null, councilAnswer: null, milestones: [] };

describe('a decision’s timeline', () => {
  it('moves from adoption to delivery, a rejection ending it', () => {
    expect(decisionStage(base)).toBe('adopted');
    const transmitted = { ...base, transmittedOn: '2026-11-10', answerDueOn: '2027-01-10' };
    expect(decisionStage(transmitted)).toBe('transmitted');
    expect(decisionStage({ ...transmitted, councilAnswer: 'amended' })).toBe('council-amended');
    expect(decisionStage({ ...transmitted, councilAnswer: 'rejected', milestones: [{ plannedOn: '2027-01-01', status: 'done' }] })).toBe('council-rejected');
    const answered = { ...transmitted, councilAnswer: 'adopted' as const };
    expect(decisionStage({ ...answered, milestones: [{ plannedOn: '2027-03-01', status: 'planned' }] })).toBe('council-adopted');
    expect(decisionStage({ ...answered, milestones: [{ plannedOn: '2027-03-01', status: 'in-progress' }, { plannedOn: '2027-06-01', status: 'planned' }] })).toBe('in-progress');
    expect(decisionStage({ ...answered, milestones: [{ plannedOn: '2027-03-01', status: 'done' }, { plannedOn: '2027-06-01', status: 'planned' }] })).toBe('in-progress');
    expect(decisionStage({ ...answered, milestones: [{ plannedOn: '2027-03-01', status: 'done' }, { plannedOn: '2027-06-01', status: 'cancelled' }] })).toBe('delivered');
    // Every milestone cancelled is not a delivery.
    expect(decisionStage({ ...answered, milestones: [{ plannedOn: '2027-03-01', status: 'cancelled' }] })).toBe('council-adopted');
  });

  it('says what is late: an answer past its day, a milestone past its planned day and not finished', () => {
    const transmitted = { ...base, transmittedOn: '2026-11-10', answerDueOn: '2027-01-10' };
    expect(answerOverdue(transmitted, '2027-01-10')).toBe(false);
    expect(answerOverdue(transmitted, '2027-01-11')).toBe(true);
    expect(answerOverdue({ ...transmitted, councilAnswer: 'adopted' }, '2027-06-01')).toBe(false);
    expect(answerOverdue({ ...transmitted, answerDueOn: null }, '2030-01-01')).toBe(false);
    expect(milestoneOverdue({ plannedOn: '2027-03-01', status: 'planned' }, '2027-03-02')).toBe(true);
    expect(milestoneOverdue({ plannedOn: '2027-03-01', status: 'in-progress' }, '2027-03-02')).toBe(true);
    expect(milestoneOverdue({ plannedOn: '2027-03-01', status: 'done' }, '2027-03-02')).toBe(false);
    expect(milestoneOverdue({ plannedOn: '2027-03-01', status: 'cancelled' }, '2027-03-02')).toBe(false);
    expect(milestoneOverdue({ plannedOn: '2027-03-01', status: 'planned' }, '2027-03-01')).toBe(false);
  });

  it('knows the Paris day around midnight', () => {
    expect(parisToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    expect(parisToday(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01');
  });
});
