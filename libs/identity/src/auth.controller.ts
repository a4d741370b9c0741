import { Body, Controller, Get, HttpCode, Inject, Ip, Post, Req, Res } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, CLOCK, CurrentPrincipal, ErrorResponseDto, Public, type AppConfig, type Clock, type Principal } from '@app/shared';
import { AccountService } from './account.service.js';
import { AuthService, type IssuedTokens } from './auth.service.js';
import { AccountDto, LoginDto, mapAccount, mapTokens, MeDto, RefreshDto, RegisterDto, TokensDto } from './dto/auth.dto.js';
import { OidcService } from './oidc/oidc.service.js';
import { IdentityException } from './identity.exception.js';
import { clearRefreshCookie, COOKIE_REQUEST_HEADER, readRefreshCookie, setRefreshCookie } from './refresh-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountService,
    private readonly oidc: OidcService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Create a resident account' })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiConflictResponse({ description: 'EMAIL_TAKEN', type: ErrorResponseDto })
  @ApiBadRequestResponse({ description: 'WEAK_PASSWORD, VALIDATION_FAILED', type: ErrorResponseDto })
  async register(@Body() body: RegisterDto, @Ip() clientAddress: string): Promise<AccountDto> {
    if (!this.config.passwordLogin) throw IdentityException.passwordLoginDisabled();
    this.auth.throttle(clientAddress);
    return mapAccount(await this.accounts.register(body));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Log in with email and password',
    description: 'Errors: INVALID_CREDENTIALS (401), ACCOUNT_LOCKED and TOO_MANY_ATTEMPTS (429, with Retry-After), ACCOUNT_DISABLED (403)',
  })
  @ApiOkResponse({ type: TokensDto })
  async login(@Body() body: LoginDto, @Ip() clientAddress: string, @Res({ passthrough: true }) response: FastifyReply): Promise<TokensDto> {
    const tokens = await this.auth.login(body.email, body.password, clientAddress);
    return this.deliver(tokens, body.refreshTokenIn === 'cookie', response);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Each refresh token works once. Presenting a used one ends the session (REFRESH_TOKEN_REUSED). Without refreshToken in the body, ' +
      'the cookie of a cookie-mode login is used (with the header X-Requested-With, else COOKIE_HEADER_REQUIRED) and replaced by a new one.',
  })
  @ApiOkResponse({ type: TokensDto })
  async refresh(@Body() body: RefreshDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<TokensDto> {
    if (body.refreshToken !== undefined) return this.deliver(await this.auth.refresh(body.refreshToken), false, response);
    if (request.headers[COOKIE_REQUEST_HEADER] === undefined) throw IdentityException.cookieHeaderRequired();
    const cookie = readRefreshCookie(request);
    if (cookie === undefined) throw IdentityException.refreshTokenInvalid();
    try {
      return this.deliver(await this.auth.refresh(cookie), true, response);
    } catch (error) {
      clearRefreshCookie(response); // a refused cookie is of no further use to the browser
      throw error;
    }
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once (and the refresh cookie is cleared)' })
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: FastifyReply): Promise<void> {
    await this.auth.logout(principal);
    clearRefreshCookie(response);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in account, with its linked providers and what is kept of each' })
  @ApiOkResponse({ type: MeDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<MeDto> {
    const [account, identities] = await Promise.all([this.accounts.get(principal.accountId), this.oidc.identities(principal.accountId)]);
    const names = new Map(this.oidc.providers().map((provider) => [provider.id, provider.name]));
    return {
      ...mapAccount(account),
      hasPassword: account.passwordHash !== null,
      identities: identities.map((identity) => ({
        provider: identity.provider,
        providerName: names.get(identity.provider) ?? identity.provider,
        givenName: identity.givenName,
        familyName: identity.familyName,
        birthDate: identity.birthDate,
        email: identity.email,
        linkedAt: identity.linkedAt.toISOString(),
        lastUsedAt: identity.lastUsedAt.toISOString(),
      })),
    };
  }

  /** Tokens are never cached; in cookie mode the refresh token goes in the cookie instead of the body. */
  private deliver(tokens: IssuedTokens, inCookie: boolean, response: FastifyReply): TokensDto {
    void response.header('Cache-Control', 'no-store');
    if (!inCookie) return mapTokens(tokens);
    setRefreshCookie(response, tokens.refreshToken, tokens.refreshExpiresAt, this.clock.now());
    return mapTokens(tokens, 'cookie');
  }
}
