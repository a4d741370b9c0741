import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { ASSEMBLY_STATUSES, type AssemblyEntity, type AssemblyStatus } from '../entities/assembly.entity.js';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export class CreateAssemblyDto {
  @ApiProperty({ example: 'Assemblée citoyenne de Paris 2027', maxLength: 200 })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiProperty({ example: 100, minimum: 1, maximum: 1000, description: 'Members drawn by lot (the panel size k)' })
  @IsInt()
  @Min(1)
  @Max(1000)
  seats!: number;

  @ApiProperty({ example: '2027-01-01', description: 'First day of the term (YYYY-MM-DD)' })
  @Matches(DATE, { message: 'termStart must be a date YYYY-MM-DD' })
  termStart!: string;

  @ApiProperty({ example: '2027-12-31', description: 'Last day of the term, after termStart' })
  @Matches(DATE, { message: 'termEnd must be a date YYYY-MM-DD' })
  termEnd!: string;
}

export class UpdateAssemblyDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ maxLength: 10000 })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, description: 'Only before a pool is uploaded' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  seats?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE, { message: 'termStart must be a date YYYY-MM-DD' })
  termStart?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(DATE, { message: 'termEnd must be a date YYYY-MM-DD' })
  termEnd?: string;

  @ApiPropertyOptional({ enum: ASSEMBLY_STATUSES, description: 'forming → active → ended (or forming → ended)' })
  @IsOptional()
  @IsIn(ASSEMBLY_STATUSES)
  status?: AssemblyStatus;
}

export class AssemblyIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('4', { message: 'id must be a UUID' })
  id!: string;
}

export class ListAssembliesQuery {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'The `nextCursor` of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ enum: ASSEMBLY_STATUSES })
  @IsOptional()
  @IsIn(ASSEMBLY_STATUSES)
  status?: AssemblyStatus;
}

export class AssemblyDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() description!: string;
  @ApiProperty() seats!: number;
  @ApiProperty({ example: '2027-01-01' }) termStart!: string;
  @ApiProperty({ example: '2027-12-31' }) termEnd!: string;
  @ApiProperty({ enum: ASSEMBLY_STATUSES }) status!: AssemblyStatus;
  @ApiProperty() createdAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class AssemblyPageDto {
  @ApiProperty({ type: AssemblyDto, isArray: true }) items!: AssemblyDto[];
  @ApiPropertyOptional({ description: 'Pass as `cursor` for the next page; absent on the last page' }) nextCursor?: string;
}

export function mapAssembly(assembly: AssemblyEntity): AssemblyDto {
  return {
    id: assembly.id,
    name: assembly.name,
    description: assembly.description,
    seats: assembly.seats,
    termStart: assembly.termStart,
    termEnd: assembly.termEnd,
    status: assembly.status,
    createdAt: assembly.createdAt.toISOString(),
    updatedAt: assembly.updatedAt.toISOString(),
  };
}
