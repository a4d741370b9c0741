import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from '@nestjs/common';
import { flattenValidationErrors } from './validation.js';

describe('flattenValidationErrors', () => {
  it('names nested and array fields with a path', () => {
    const errors: ValidationError[] = [
      { property: 'title', constraints: { isString: 'title must be a string' }, children: [] },
      {
        property: 'options',
        children: [{ property: '0', children: [{ property: 'label', constraints: { length: 'label is too long' }, children: [] }] }],
      },
    ];
    expect(flattenValidationErrors(errors)).toEqual([
      { field: 'title', problems: ['title must be a string'] },
      { field: 'options[0].label', problems: ['label is too long'] },
    ]);
  });
});
