import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ErrorResponseDto, Public, type Principal } from '@app/shared';
import { AccountService } from './account.service.js';
import { AuthService } from './auth.service.js';
import { AccountDto, LoginDto, mapAccount, mapTokens, RefreshDto, RegisterDto, TokensDto } from './dto/auth.dto.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly accounts: AccountService,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({ summary: 'Create a resident account' })
  @ApiCreatedResponse({ type: AccountDto })
  @ApiOkResponse({ description: 'Errors: EMAIL_TAKEN (409), WEAK_PASSWORD, VALIDATION_FAILED (400)', type: ErrorResponseDto })
  async register(@Body() body: RegisterDto, @Ip() clientAddress: string): Promise<AccountDto> {
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
  async login(@Body() body: LoginDto, @Ip() clientAddress: string): Promise<TokensDto> {
    return mapTokens(await this.auth.login(body.email, body.password, clientAddress));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description: 'Each refresh token works once. Presenting a used one ends the session (REFRESH_TOKEN_REUSED).',
  })
  @ApiOkResponse({ type: TokensDto })
  async refresh(@Body() body: RefreshDto): Promise<TokensDto> {
    return mapTokens(await this.auth.refresh(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working at once' })
  @ApiNoContentResponse()
  async logout(@CurrentPrincipal() principal: Principal): Promise<void> {
    await this.auth.logout(principal);
  }

  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The logged-in account' })
  @ApiOkResponse({ type: AccountDto })
  async me(@CurrentPrincipal() principal: Principal): Promise<AccountDto> {
    return mapAccount(await this.accounts.get(principal.accountId));
  }
}
