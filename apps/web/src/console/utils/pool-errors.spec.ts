import { describe, expect, it } from '@jest/globals';
import { ApiError } from '../../app/api/errors';
import { poolProblem } from './pool-errors';

describe('why a pool was refused', () => {
  it('locates an unreadable CSV by file, row and column', () => {
    expect(poolProblem(new ApiError(400, 'POOL_CSV_INVALID', 'x', { file: 'candidates.csv', row: 12, column: 3 }))).toEqual({ kind: 'csv', file: 'candidates.csv', row: 12, column: 3 });
    expect(poolProblem(new ApiError(400, 'POOL_CSV_INVALID', 'x', { file: 'features.csv' }))).toEqual({ kind: 'csv', file: 'features.csv' });
  });

  it('lists the smallest relaxation of infeasible quotas, and ignores what it cannot read', () => {
    const details = {
      issues: [{ severity: 'error', code: 'NO_PANEL', message: 'no panel satisfies every quota' }, { nonsense: true }],
      relaxation: [{ category: 'Gender', value: 'Female', bound: 'minimum', from: 11, to: 9, sentence: '…' }, { category: 3 }],
    };
    expect(poolProblem(new ApiError(422, 'QUOTAS_INFEASIBLE', 'x', details))).toEqual({
      kind: 'infeasible',
      relaxation: [{ category: 'Gender', value: 'Female', bound: 'minimum', from: 11, to: 9, sentence: '…' }],
      issues: ['no panel satisfies every quota'],
    });
  });
});
