import { describe, expect, it } from '@jest/globals';
import type { ValidationError } from '@nestjs/common';
import { IsString } from 'class-validator';
import { flattenValidationErrors, refuseUnstorableText, validatePayload } from './validation.js';

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

describe('refuseUnstorableText (every HTTP input and socket payload)', () => {
  class MessageDto {
    @IsString()
    body!: string;
  }

  it('refuses NUL and half characters with VALIDATION_FAILED naming the field', () => {
    expect(() => refuseUnstorableText({ items: [{ title: 'a\u0000' }] })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: [{ field: 'items[0].title', problems: [expect.stringMatching(/NUL/)] }] }));
    expect(() => refuseUnstorableText({ ok: 'fine 😀' })).not.toThrow();
  });

  it('guards socket payloads too (validatePayload)', () => {
    expect(() => validatePayload(MessageDto, { body: 'hello \uD83D' })).toThrow(expect.objectContaining({ code: 'VALIDATION_FAILED', details: [{ field: 'body', problems: [expect.stringMatching(/surrogate/)] }] }));
    expect(validatePayload(MessageDto, { body: 'hello 😀' }).body).toBe('hello 😀');
  });
});
