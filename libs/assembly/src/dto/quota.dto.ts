import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { QuotaRow } from '@app/sortition';

/** One quota: its bounds, the volunteers who have the value and, for a drawn panel, how many were chosen. */
export class QuotaRowDto {
  @ApiProperty() category!: string;
  @ApiProperty() value!: string;
  @ApiProperty({ description: 'At least this many panel members have the value' }) min!: number;
  @ApiProperty({ description: 'At most this many' }) max!: number;
  @ApiProperty({ description: 'Volunteers in the pool with the value' }) volunteers!: number;
  @ApiPropertyOptional({ description: 'Panel members with the value (a seeded draw)' }) selected?: number;
  @ApiPropertyOptional({ description: 'The panel meets this quota (a seeded draw)' }) met?: boolean;
}

export function mapQuotaRow(row: QuotaRow): QuotaRowDto {
  return { ...row };
}
