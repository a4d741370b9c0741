import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of the REST API. */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiProperty({ example: 'VALIDATION_FAILED', description: 'Stable machine-readable code' })
  code!: string;

  @ApiProperty({ example: 'The request body is invalid', description: 'Human-readable explanation (English)' })
  message!: string;

  @ApiPropertyOptional({ description: 'Structured details, e.g. the failing fields' })
  details?: unknown;

  @ApiPropertyOptional({ description: 'Quote it when reporting a server error; it finds the logged cause' })
  correlationId?: string;
}
