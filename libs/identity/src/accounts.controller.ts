import { Controller, Delete, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, RequireRoles, type Principal } from '@app/shared';
import { AccountService } from './account.service.js';
import { AccountIdParams, AccountRoleParams, AccountSummaryDto, LookupAccountQuery, SearchAccountsQuery } from './dto/accounts.dto.js';
import { AccountDto, mapAccount } from './dto/auth.dto.js';

@ApiTags('accounts')
@ApiBearerAuth()
@RequireRoles('admin')
@Controller('accounts')
export class AccountsController {
  constructor(private readonly accounts: AccountService) {}

  @Get()
  @ApiOperation({ summary: 'Find accounts by email (admins)' })
  @ApiOkResponse({ type: AccountDto, isArray: true })
  async search(@Query() query: SearchAccountsQuery): Promise<AccountDto[]> {
    return (await this.accounts.search(query.email, query.limit ?? 20)).map(mapAccount);
  }

  @Get('lookup')
  @RequireRoles('admin', 'organiser')
  @ApiOperation({ summary: 'The account with exactly this email: its id and name, to name a facilitator or an officer (admins and organisers)' })
  @ApiOkResponse({ type: AccountSummaryDto })
  async lookup(@Query() query: LookupAccountQuery): Promise<AccountSummaryDto> {
    const account = await this.accounts.findByEmail(query.email);
    return { id: account.id, displayName: account.displayName };
  }

  @Get(':id')
  @ApiOperation({ summary: 'One account (admins)' })
  @ApiOkResponse({ type: AccountDto })
  async get(@Param() params: AccountIdParams): Promise<AccountDto> {
    return mapAccount(await this.accounts.get(params.id));
  }

  @Put(':id/roles/:role')
  @ApiOperation({ summary: 'Grant admin, organiser or facilitator (admins; idempotent; audited)' })
  @ApiOkResponse({ type: AccountDto })
  async grant(@CurrentPrincipal() principal: Principal, @Param() params: AccountRoleParams): Promise<AccountDto> {
    return mapAccount(await this.accounts.grantRole(principal.accountId, params.id, params.role));
  }

  @Delete(':id/roles/:role')
  @ApiOperation({ summary: 'Revoke a role (admins; the last admin keeps theirs; audited)' })
  @ApiOkResponse({ type: AccountDto })
  async revoke(@CurrentPrincipal() principal: Principal, @Param() params: AccountRoleParams): Promise<AccountDto> {
    return mapAccount(await this.accounts.revokeRole(principal.accountId, params.id, params.role));
  }
}
