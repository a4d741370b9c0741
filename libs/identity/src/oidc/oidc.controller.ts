import { Body, Controller, Delete, Get, HttpCode, Inject, Ip, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiFoundResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { APP_CONFIG, CLOCK, CurrentPrincipal, Public, type AppConfig, type Clock, type Principal } from '@app/shared';
import { OidcProviderParams, OidcStartDto, OidcStartedDto, SignInMethodsDto } from '../dto/auth.dto.js';
import { AuthService } from '../auth.service.js';
import { readCookie, setRefreshCookie } from '../refresh-cookie.js';
import { OidcService } from './oidc.service.js';

/**
 * The browser's half of `state`: the callback completes only in the browser that started the
 * sign-in (no one can sign a victim into their own account with a callback link). SameSite=Lax,
 * since the provider's redirect back is a cross-site navigation.
 */
const STATE_COOKIE = 'pnyx_oidc_state';
const STATE_COOKIE_PATH = '/api/auth/oidc';

function appendQuery(path: string, key: string, value: string): string {
  const hash = path.indexOf('#');
  const [base, fragment] = hash < 0 ? [path, ''] : [path.slice(0, hash), path.slice(hash)];
  return `${base}${base.includes('?') ? '&' : '?'}${key}=${encodeURIComponent(value)}${fragment}`;
}

@ApiTags('auth')
@Controller('auth')
export class OidcController {
  constructor(
    private readonly oidc: OidcService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Public()
  @Get('methods')
  @ApiOperation({ summary: 'How people sign in here: email and password, and the OpenID Connect providers configured (public)' })
  @ApiOkResponse({ type: SignInMethodsDto })
  methods(): SignInMethodsDto {
    return { passwordLogin: this.config.passwordLogin, providers: this.oidc.providers() };
  }

  @Public()
  @Post('oidc/:provider/start')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Begin a sign-in through a provider: returns the URL to send the browser to, and sets the state cookie (public)',
    description: 'Errors: OIDC_PROVIDER_UNKNOWN (404), OIDC_PROVIDER_UNAVAILABLE (503), RETURN_PATH_INVALID (400), TOO_MANY_ATTEMPTS (429: counted with logins per address)',
  })
  @ApiOkResponse({ type: OidcStartedDto })
  async start(@Param() params: OidcProviderParams, @Body() body: OidcStartDto, @Ip() clientAddress: string, @Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<OidcStartedDto> {
    this.auth.throttle(clientAddress); // each start stores a row: as many as logins
    const started = await this.oidc.start(params.provider, this.origin(request), body.returnTo);
    return this.begin(started, response);
  }

  @Post('oidc/:provider/link')
  @HttpCode(200)
  @ApiBearerAuth()
  @ApiOperation({ summary: "Link a provider to the signed-in account: returns the provider's URL (the callback links instead of signing in)" })
  @ApiOkResponse({ type: OidcStartedDto })
  async link(@CurrentPrincipal() principal: Principal, @Param() params: OidcProviderParams, @Body() body: OidcStartDto, @Req() request: FastifyRequest, @Res({ passthrough: true }) response: FastifyReply): Promise<OidcStartedDto> {
    const started = await this.oidc.start(params.provider, this.origin(request), body.returnTo ?? '/account', principal.accountId);
    return this.begin(started, response);
  }

  @Public()
  @Get('oidc/:provider/callback')
  @ApiOperation({
    summary: "The provider's redirect back (public): signs in (refresh cookie set) or links, then redirects to the page the sign-in began on",
    description:
      'On failure the browser goes to /signin?next=…&signInError=CODE (to the page it came from when linking): OIDC_STATE_INVALID (unknown, used or expired sign-in, or another browser), OIDC_CANCELLED, ' +
      'OIDC_CODE_INVALID (expired or used code), OIDC_ID_TOKEN_INVALID (signature, issuer, audience, expiry or nonce), OIDC_EMAIL_TAKEN, ' +
      'OIDC_IDENTITY_LINKED_ELSEWHERE, OIDC_PROVIDER_ALREADY_LINKED, OIDC_PROVIDER_UNAVAILABLE, ACCOUNT_DISABLED',
  })
  @ApiFoundResponse({ description: 'To the web app' })
  async callback(@Param() params: OidcProviderParams, @Query() query: Record<string, string>, @Req() request: FastifyRequest, @Res() response: FastifyReply): Promise<void> {
    const strings = Object.fromEntries(Object.entries(query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const outcome = await this.oidc.callback(params.provider, this.origin(request), strings, readCookie(request, STATE_COOKIE));
    void response.header('Set-Cookie', `${STATE_COOKIE}=; Path=${STATE_COOKIE_PATH}; Max-Age=0; HttpOnly; Secure; SameSite=Lax`);
    void response.header('Cache-Control', 'no-store');
    let location = outcome.returnTo;
    if (outcome.kind === 'signed-in') setRefreshCookie(response, outcome.tokens.refreshToken, outcome.tokens.refreshExpiresAt, this.clock.now());
    else if (outcome.kind === 'linked') location = appendQuery(location, 'linked', params.provider);
    // A refused sign-in lands on the sign-in page (to say why and try again), then goes where it was going.
    else if (outcome.linking) location = appendQuery(location, 'signInError', outcome.code);
    else location = `/signin?next=${encodeURIComponent(location)}&signInError=${outcome.code}`;
    await response.redirect(location, 302);
  }

  @Delete('identities/:provider')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Unlink a provider from the signed-in account (not the only way left to sign in: LAST_SIGN_IN_METHOD)' })
  @ApiNoContentResponse()
  async unlink(@CurrentPrincipal() principal: Principal, @Param() params: OidcProviderParams): Promise<void> {
    await this.oidc.unlink(principal.accountId, params.provider);
  }

  private origin(request: FastifyRequest): string {
    return `${request.protocol}://${request.host}`;
  }

  private begin(started: { authorizationUrl: string; state: string }, response: FastifyReply): OidcStartedDto {
    void response.header('Set-Cookie', `${STATE_COOKIE}=${started.state}; Path=${STATE_COOKIE_PATH}; Max-Age=600; HttpOnly; Secure; SameSite=Lax`);
    void response.header('Cache-Control', 'no-store');
    return { authorizationUrl: started.authorizationUrl };
  }
}
