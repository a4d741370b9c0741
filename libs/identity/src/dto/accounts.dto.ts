import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min } from 'class-validator';
import { GRANTABLE_ROLES, type GrantableRole } from '@app/shared';

export class AccountRoleParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;

  @ApiProperty({ enum: GRANTABLE_ROLES })
  @IsIn(GRANTABLE_ROLES, { message: `role must be one of ${GRANTABLE_ROLES.join(', ')}` })
  role!: GrantableRole;
}

export class AccountIdParams {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all')
  id!: string;
}

export class SearchAccountsQuery {
  @ApiProperty({ description: 'Part of the email address', example: 'martin' })
  @IsString()
  @Length(1, 254)
  email!: string;

  @ApiProperty({ required: false, default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class LookupAccountQuery {
  @ApiProperty({ description: 'The whole email address', example: 'camille.martin@paris.fr' })
  @IsString()
  @Length(3, 254)
  email!: string;
}

export class AccountSummaryDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() displayName!: string;
}
