import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommonErrorCode, DomainException } from '../errors/domain.exception.js';
import { findUnstorableText, TEXT_PROBLEM_MESSAGES } from '../text/storable-text.js';

export interface FieldError {
  field: string;
  problems: string[];
}

/** Flattens class-validator's tree into `[{ field: "a.b[0]", problems: [...] }]`. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = /^\d+$/.test(error.property) ? `${prefix}[${error.property}]` : prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints !== undefined) out.push({ field, problems: Object.values(error.constraints) });
    if (error.children !== undefined && error.children.length > 0) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

export function validationException(errors: ValidationError[]): DomainException {
  const details = flattenValidationErrors(errors);
  const fields = details.map((d) => d.field).join(', ');
  return new DomainException('invalid', CommonErrorCode.VALIDATION_FAILED, `Invalid input: ${fields}`, details);
}

/**
 * Refuses text PostgreSQL cannot store (NUL, lone surrogates) anywhere in `value`, naming the field
 * (`where` prefixes it: the query's and the path's parameters are named so).
 */
export function refuseUnstorableText(value: unknown, where = ''): void {
  const found = findUnstorableText(value, where);
  if (found === null) return;
  throw new DomainException('invalid', CommonErrorCode.VALIDATION_FAILED, `Invalid input: ${found.field} ${TEXT_PROBLEM_MESSAGES[found.problem]}`, [
    { field: found.field, problems: [TEXT_PROBLEM_MESSAGES[found.problem]] },
  ]);
}

/**
 * The one place every HTTP input passes (body, query, path): text that cannot be stored is refused
 * before class-validator runs, whatever the DTO says.
 */
class ApiValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' || metadata.type === 'query' || metadata.type === 'param') refuseUnstorableText(value);
    return super.transform(value, metadata);
  }
}

/** The API's validation: unknown fields are refused, types are transformed, errors are field lists. */
export function createValidationPipe(): ValidationPipe {
  return new ApiValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: validationException,
  });
}

/**
 * The same validation for bodies that do not come through a Nest pipe (socket payloads): unknown
 * fields refused, types transformed; throws VALIDATION_FAILED with the field list.
 */
export function validatePayload<T extends object>(type: new () => T, payload: unknown): T {
  if (payload === null || typeof payload !== 'object' || Array.isArray(payload)) {
    throw new DomainException('invalid', CommonErrorCode.VALIDATION_FAILED, 'The payload must be an object');
  }
  refuseUnstorableText(payload);
  const instance = plainToInstance(type, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw validationException(errors);
  return instance;
}
