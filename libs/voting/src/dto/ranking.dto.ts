import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** A count as published: a JSON number while exact (below 2^53), else a decimal string. */
export type CountDto = number | string;
const COUNT_SCHEMA = { oneOf: [{ type: 'integer', minimum: 0 }, { type: 'string', pattern: '^\\d+$' }] };

export class GaugeDto {
  @ApiProperty({ description: 'The majority grade (index, 0 = worst)' }) alpha!: number;
  @ApiProperty({ description: 'Share of voters grading above the majority grade' }) p!: number;
  @ApiProperty({ description: 'Share of voters grading below the majority grade' }) q!: number;
  @ApiProperty({ enum: ['+', '-'], description: '+ when more voters grade above than below' }) sign!: '+' | '-';
  @ApiProperty(COUNT_SCHEMA) above!: CountDto;
  @ApiProperty(COUNT_SCHEMA) below!: CountDto;
}

export class RankedOptionDto {
  @ApiProperty({ description: 'Option id (polls) or label (referendum questions)' }) option!: string;
  @ApiProperty({ description: '1 = first; equal ranks are exact ties' }) rank!: number;
  @ApiProperty({ description: 'Grade index, 0 = worst' }) majorityGrade!: number;
  @ApiProperty() majorityGradeLabel!: string;
  @ApiProperty({ type: 'array', items: COUNT_SCHEMA, description: 'Votes per grade, worst grade first' }) meritProfile!: CountDto[];
  @ApiProperty({ type: GaugeDto }) gauge!: GaugeDto;
  @ApiPropertyOptional({ description: "Fabre's score (usual, typical or central tie-breaks)" }) score?: number;
  @ApiPropertyOptional({ ...COUNT_SCHEMA, description: 'Ungraded votes counted in by the padding policy' }) padded?: CountDto;
}

/** A majority-judgment ranking as `libs/majority-judgment` publishes it (`rankingToJson`). */
export class RankingDto {
  @ApiProperty({ type: String, isArray: true, description: 'Grade labels, worst first' }) grades!: string[];
  @ApiProperty() tieBreak!: string;
  @ApiProperty({ type: String, nullable: true }) padding!: string | null;
  @ApiProperty(COUNT_SCHEMA) voters!: CountDto;
  @ApiProperty({ type: RankedOptionDto, isArray: true, description: 'Best first' }) ranking!: RankedOptionDto[];
}
