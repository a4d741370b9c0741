import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { CommonErrorCode, DomainException } from '../errors/domain.exception.js';

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

/** The API's validation: unknown fields are refused, types are transformed, errors are field lists. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
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
  const instance = plainToInstance(type, payload);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false, value: false } });
  if (errors.length > 0) throw validationException(errors);
  return instance;
}
