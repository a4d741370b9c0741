import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ALGORITHMS, publishedInstance, quotaTable, type Algorithm } from '@app/sortition';
import { DRAW_KINDS, DRAW_STATUSES, type DrawEntity } from '../entities/draw.entity.js';
import { mapQuotaRow, QuotaRowDto } from './quota.dto.js';

export class DrawIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class ReplacementDrawDto {
  @ApiPropertyOptional({ enum: ALGORITHMS, default: 'leximin' })
  @IsOptional()
  @IsIn(ALGORITHMS)
  algorithm?: Algorithm;

  @ApiPropertyOptional({ minimum: 1, maximum: 100000, default: 1000, description: 'Panels in the published lottery (m)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  lotterySize?: number;
}

export class RequestDrawDto extends ReplacementDrawDto {
  @ApiPropertyOptional({ description: 'The pool to draw from; default: the latest uploaded' })
  @IsOptional()
  @IsUUID('4', { message: 'poolId must be a UUID' })
  poolId?: string;
}

export class SeedDto {
  @ApiProperty({ example: '3 1 4 1 5 9 2 6 5 3', description: 'The public seed (e.g. dice rolled in public), entered after the lottery digest was published' })
  @IsString()
  @Length(1, 256)
  @Matches(/^[^\p{C}]+$/u, { message: 'seed must be printable text' })
  seed!: string;

  @ApiPropertyOptional({ maxLength: 200, example: 'Une habitante du 11e, dés lancés devant la caméra', description: 'Who gave the seed, for the official record' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @Matches(/^[^\p{C}]+$/u, { message: 'seedGivenBy must be printable text' })
  seedGivenBy?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 30, example: ['Maître Élise Dupont, commissaire de justice'], description: 'The people present at the draw, with their role, for the official record' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @Length(1, 200, { each: true })
  @Matches(/^[^\p{C}]+$/u, { each: true, message: 'each person present must be printable text' })
  present?: string[];
}

export class DrawRecordQuery {
  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr', description: 'Language of the record' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  lang?: 'fr' | 'en';
}

export class CancelDrawDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class LegacyComparisonRequestDto {
  @ApiPropertyOptional({ minimum: 100, maximum: 100000, default: 10000, description: 'LEGACY runs making its empirical distribution' })
  @IsOptional()
  @IsInt()
  @Min(100)
  @Max(100000)
  runs?: number;
}

export class DrawProgressDto {
  @ApiProperty({ enum: ['feasibility', 'initial-panels', 'leximin', 'maximin', 'final-distribution', 'expansion', 'legacy', 'lottery'] }) phase!: string;
  @ApiProperty() iteration!: number;
  @ApiPropertyOptional({ description: 'The lowest selection probability guaranteed so far (LEXIMIN, MAXIMIN)' }) minProbability?: number;
  @ApiPropertyOptional({ description: 'People whose probability is settled (LEXIMIN)' }) settledPeople?: number;
  @ApiPropertyOptional({ description: 'People in the computation (LEXIMIN)' }) people?: number;
  @ApiPropertyOptional() panelsGenerated?: number;
}

export class LegacyComparisonDto {
  @ApiProperty({ enum: ['running', 'computed', 'failed'] }) status!: string;
  @ApiProperty() runs!: number;
  @ApiPropertyOptional({ description: 'Runs in which LEGACY found no panel' }) failures?: number;
  @ApiPropertyOptional() minProbability?: number;
  @ApiPropertyOptional() maxProbability?: number;
  @ApiPropertyOptional() gini?: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: "Pseudonymous id → LEGACY's empirical selection probability" })
  probabilities?: Record<string, number>;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() computedAt?: string;
  @ApiPropertyOptional() code?: string;
  @ApiPropertyOptional() message?: string;
}

export class DrawResultDto {
  @ApiProperty() poolSize!: number;
  @ApiProperty({ description: 'Groups of interchangeable volunteers the computation worked on' }) types!: number;
  @ApiProperty() minProbability!: number;
  @ApiProperty() maxProbability!: number;
  @ApiProperty() gini!: number;
  @ApiProperty({ description: 'k/n, the probability under a draw without quotas' }) kOverN!: number;
  @ApiProperty({ description: 'Panels with positive weight in the distribution' }) panelCount!: number;
  @ApiProperty({ description: 'Largest gap between a probability in the lottery and in the distribution (≤ k/m)' }) lotteryMaxDeviation!: number;
  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'number' }, description: 'Pseudonymous id → selection probability (one draw only)' })
  probabilities?: Record<string, number>;
}

export class DrawErrorDto {
  @ApiProperty() code!: string;
  @ApiProperty() message!: string;
  @ApiPropertyOptional() details?: unknown;
}

export class DrawDto {
  @ApiProperty() id!: string;
  @ApiProperty() assemblyId!: string;
  @ApiProperty() poolId!: string;
  @ApiProperty({ enum: DRAW_KINDS }) kind!: string;
  @ApiProperty({ description: 'Seats to fill (k)' }) size!: number;
  @ApiProperty({ enum: ALGORITHMS }) algorithm!: Algorithm;
  @ApiProperty() lotterySize!: number;
  @ApiProperty({ enum: DRAW_STATUSES }) status!: string;
  @ApiPropertyOptional({ type: DrawProgressDto, description: 'Latest progress: phase, iteration, minProbability so far…' }) progress?: DrawProgressDto;
  @ApiProperty({ description: 'SHA-256 of the anonymised pool, quotas, size and household rule' }) instanceDigest!: string;
  @ApiPropertyOptional({ description: 'SHA-256 of the lottery, published before the seed is entered' }) lotteryDigest?: string;
  @ApiPropertyOptional({ type: DrawResultDto }) result?: DrawResultDto;
  @ApiPropertyOptional({ type: DrawErrorDto }) error?: DrawErrorDto;
  @ApiPropertyOptional() seed?: string;
  @ApiPropertyOptional() drawnIndex?: number;
  @ApiPropertyOptional({ type: String, isArray: true, description: 'Pseudonymous ids of the drawn panel' }) panel?: string[];
  @ApiPropertyOptional({ type: QuotaRowDto, isArray: true, description: "Once seeded: each quota with the panel's count, checked against its bounds" }) quotaCheck?: QuotaRowDto[];
  @ApiPropertyOptional({ type: LegacyComparisonDto, description: "LEGACY's empirical distribution on the same instance, when an organiser asked for it" })
  legacyComparison?: LegacyComparisonDto;
  @ApiProperty() createdAt!: string;
  @ApiPropertyOptional() startedAt?: string;
  @ApiPropertyOptional() computedAt?: string;
  @ApiPropertyOptional() seededAt?: string;
  @ApiPropertyOptional() endedAt?: string;
}

export function mapDraw(draw: DrawEntity, withProbabilities = true): DrawDto {
  const iso = (date: Date | null): string | undefined => date?.toISOString();
  const dto: DrawDto = {
    id: draw.id,
    assemblyId: draw.assemblyId,
    poolId: draw.poolId,
    kind: draw.kind,
    size: draw.size,
    algorithm: draw.algorithm,
    lotterySize: draw.lotterySize,
    status: draw.status,
    instanceDigest: draw.instanceDigest,
    createdAt: draw.createdAt.toISOString(),
  };
  if (draw.progress !== null && draw.progress !== undefined) dto.progress = draw.progress;
  if (draw.lotteryDigest !== null) dto.lotteryDigest = draw.lotteryDigest;
  if (draw.result !== null && draw.result !== undefined) {
    const { probabilities, ...summary } = draw.result;
    dto.result = withProbabilities ? { ...summary, probabilities } : summary;
  }
  if (draw.error !== null) dto.error = draw.error;
  if (draw.seed !== null) dto.seed = draw.seed;
  if (draw.drawnIndex !== null) dto.drawnIndex = draw.drawnIndex;
  if (draw.panel !== null) {
    dto.panel = draw.panel;
    if (withProbabilities) {
      const instance = publishedInstance({ quotasCsv: draw.quotasCsv, poolCsv: draw.poolCsv, size: draw.size, householdRule: draw.householdRule });
      dto.quotaCheck = quotaTable(instance, draw.panel).map(mapQuotaRow);
    }
  }
  if (draw.legacyComparison !== null && draw.legacyComparison !== undefined) {
    const { probabilities, ...summary } = draw.legacyComparison.status === 'computed' ? draw.legacyComparison : { ...draw.legacyComparison, probabilities: undefined };
    dto.legacyComparison = withProbabilities && probabilities !== undefined ? { ...summary, probabilities } : summary;
  }
  for (const key of ['startedAt', 'computedAt', 'seededAt', 'endedAt'] as const) {
    const value = iso(draw[key]);
    if (value !== undefined) dto[key] = value;
  }
  return dto;
}
