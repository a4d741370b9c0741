import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsOptional, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { GLOBAL_ROLES, type GlobalRole } from '@app/shared';
import type { AccountEntity, Locale } from '../entities/account.entity.js';
import type { IssuedTokens } from '../auth.service.js';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-hasher.js';

export class RegisterDto {
  @ApiProperty({ example: 'camille@example.org', maxLength: 254 })
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @IsString()
  @Length(PASSWORD_MIN_LENGTH, PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiProperty({ example: 'Camille Martin', maxLength: 120 })
  @IsString()
  @Length(1, 120)
  displayName!: string;

  @ApiPropertyOptional({ enum: ['fr', 'en'], default: 'fr', description: 'Language of messages sent to this person' })
  @IsOptional()
  @IsIn(['fr', 'en'])
  locale?: Locale;
}

export const REFRESH_TOKEN_TRANSPORTS = ['body', 'cookie'] as const;
export type RefreshTokenTransport = (typeof REFRESH_TOKEN_TRANSPORTS)[number];

export class LoginDto {
  @ApiProperty({ example: 'camille@example.org' })
  @IsString()
  @MaxLength(254)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password!: string;

  @ApiPropertyOptional({
    enum: REFRESH_TOKEN_TRANSPORTS,
    default: 'body',
    description:
      'cookie (browsers): the refresh token is set as an HttpOnly, Secure, SameSite=Strict cookie scoped to /api/auth instead of being returned; ' +
      'later refreshes send no body token and the header X-Requested-With',
  })
  @IsOptional()
  @IsIn(REFRESH_TOKEN_TRANSPORTS)
  refreshTokenIn?: RefreshTokenTransport;
}

export class RefreshDto {
  @ApiPropertyOptional({
    description: 'The refresh token from the last login or refresh; each is accepted once. Omit it to use the cookie set by a cookie-mode login',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  refreshToken?: string;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' })
  id!: string;
  @ApiProperty({ type: String, nullable: true, description: 'None for some accounts made by a provider sign-in' })
  email!: string | null;
  @ApiProperty()
  displayName!: string;
  @ApiProperty({ enum: GLOBAL_ROLES, isArray: true })
  roles!: GlobalRole[];
  @ApiProperty({ enum: ['fr', 'en'] })
  locale!: Locale;
  @ApiProperty()
  createdAt!: string;
}

export function mapAccount(account: AccountEntity): AccountDto {
  // Roles in a stable order, whatever order they were granted in.
  const roles = GLOBAL_ROLES.filter((role) => account.roles.includes(role));
  return {
    id: account.id,
    email: account.email,
    displayName: account.displayName,
    roles,
    locale: account.locale,
    createdAt: account.createdAt.toISOString(),
  };
}

export class TokensDto {
  @ApiProperty({ description: 'Send as "Authorization: Bearer <accessToken>"' })
  accessToken!: string;
  @ApiProperty({ example: 'Bearer' })
  tokenType!: 'Bearer';
  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn!: number;
  @ApiPropertyOptional({ description: 'Single-use; exchange at POST /api/auth/refresh for a new pair. Absent in cookie mode (it is in the cookie)' })
  refreshToken?: string;
  @ApiProperty({ description: 'When the session ends and a new login is needed' })
  refreshExpiresAt!: string;
  @ApiProperty({ type: AccountDto })
  account!: AccountDto;
}

export function mapTokens(tokens: IssuedTokens, transport: RefreshTokenTransport = 'body'): TokensDto {
  return {
    accessToken: tokens.accessToken,
    tokenType: 'Bearer',
    expiresIn: tokens.expiresIn,
    ...(transport === 'body' ? { refreshToken: tokens.refreshToken } : {}),
    refreshExpiresAt: tokens.refreshExpiresAt.toISOString(),
    account: mapAccount(tokens.account),
  };
}

export class SignInProviderDto {
  @ApiProperty({ example: 'franceconnect' }) id!: string;
  @ApiProperty({ example: 'FranceConnect', description: "The sign-in button's text" }) name!: string;
}

export class SignInMethodsDto {
  @ApiProperty({ description: 'Residents may register and sign in with an email and a password (staff always may)' })
  passwordLogin!: boolean;
  @ApiProperty({ type: SignInProviderDto, isArray: true })
  providers!: SignInProviderDto[];
}

export class OidcStartDto {
  @ApiPropertyOptional({ example: '/referendums/0b0c…', description: 'The page of the web app to come back to (a path of this site)', maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  returnTo?: string;
}

export class OidcStartedDto {
  @ApiProperty({ description: "Send the browser here: the provider's sign-in page" })
  authorizationUrl!: string;
}

export class OidcProviderParams {
  @ApiProperty({ example: 'franceconnect' })
  @IsString()
  @Length(1, 32)
  provider!: string;
}

export class LinkedIdentityDto {
  @ApiProperty({ example: 'franceconnect' }) provider!: string;
  @ApiProperty({ description: "The provider's name for the button" }) providerName!: string;
  @ApiProperty({ type: String, nullable: true }) givenName!: string | null;
  @ApiProperty({ type: String, nullable: true }) familyName!: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date' }) birthDate!: string | null;
  @ApiProperty({ type: String, nullable: true }) email!: string | null;
  @ApiProperty() linkedAt!: string;
  @ApiProperty({ description: 'Last sign-in through it (its claims were read then)' }) lastUsedAt!: string;
}

export class MeDto extends AccountDto {
  @ApiProperty({ description: 'The account has a password (else it signs in through its providers only)' })
  hasPassword!: boolean;
  @ApiProperty({ type: LinkedIdentityDto, isArray: true, description: 'Providers linked, with what Pnyx keeps of each' })
  identities!: LinkedIdentityDto[];
}
