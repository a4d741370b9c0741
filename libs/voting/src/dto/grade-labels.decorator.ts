import { applyDecorators } from '@nestjs/common';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Length } from 'class-validator';

/** An optional list of 2 to 10 grade labels (1–60 characters each), worst first: one rule wherever grades are given. */
export function OptionalGradeLabels(): PropertyDecorator {
  return applyDecorators(IsOptional(), IsArray(), ArrayMinSize(2), ArrayMaxSize(10), IsString({ each: true }), Length(1, 60, { each: true }));
}
