import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { decodeKeysetCursor, encodeKeysetCursor } from '@app/persistence';
import { CommonErrorCode, CurrentPrincipal, DomainException, OptionalPrincipal, Public, RequireRoles, type Principal } from '@app/shared';
import { AssemblyService } from './assembly.service.js';
import {
  AssemblyDto,
  AssemblyIdParams,
  AssemblyPageDto,
  CreateAssemblyDto,
  ListAssembliesQuery,
  mapAssembly,
  UpdateAssemblyDto,
} from './dto/assembly.dto.js';
import {
  AddStaffDto,
  ChangeDrawnRoleDto,
  EndMembershipDto,
  InvitationDto,
  ListMembershipsQuery,
  mapMembership,
  mapMembershipView,
  MembershipDto,
  MembershipParams,
  NameShownDto,
  RedeemInvitationDto,
} from './dto/membership.dto.js';
import { MembershipService } from './membership.service.js';

@ApiTags('assemblies')
@ApiBearerAuth()
@Controller('assemblies')
export class AssembliesController {
  constructor(
    private readonly assemblies: AssemblyService,
    private readonly memberships: MembershipService,
  ) {}

  @Post()
  @RequireRoles('organiser')
  @ApiOperation({ summary: 'Create an assembly (city organisers; the creator becomes its organiser; audited)' })
  @ApiCreatedResponse({ type: AssemblyDto })
  async create(@CurrentPrincipal() principal: Principal, @Body() body: CreateAssemblyDto): Promise<AssemblyDto> {
    return mapAssembly(await this.assemblies.create(principal, { ...body, description: body.description ?? '' }));
  }

  @Get()
  @Public()
  @ApiOperation({ summary: 'Assemblies, newest first (public; cursor pagination)' })
  @ApiOkResponse({ type: AssemblyPageDto })
  async list(@Query() query: ListAssembliesQuery): Promise<AssemblyPageDto> {
    const limit = query.limit ?? 20;
    const before = query.cursor === undefined ? undefined : decodeKeysetCursor(query.cursor);
    if (before === null) throw new DomainException('invalid', CommonErrorCode.VALIDATION_FAILED, 'cursor is not a cursor this API returned');
    const items = await this.assemblies.list(limit, before, query.status);
    return { items: items.map((item) => mapAssembly(item.assembly)), ...(items.length === limit ? { nextCursor: encodeKeysetCursor(items[items.length - 1].cursor) } : {}) };
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'One assembly (public)' })
  @ApiOkResponse({ type: AssemblyDto })
  async get(@Param() params: AssemblyIdParams): Promise<AssemblyDto> {
    return mapAssembly(await this.assemblies.get(params.id));
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change name, description, term, seats (before any pool) or status (the assembly's organisers; audited)" })
  @ApiOkResponse({ type: AssemblyDto })
  async update(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Body() body: UpdateAssemblyDto): Promise<AssemblyDto> {
    return mapAssembly(await this.assemblies.update(principal, params.id, body));
  }

  @Get(':id/memberships')
  @Public()
  @ApiOperation({ summary: 'Members, alternates, facilitators and organisers (public, pseudonymous; organisers see accounts and reasons)' })
  @ApiOkResponse({ type: MembershipDto, isArray: true })
  async listMemberships(@OptionalPrincipal() principal: Principal | undefined, @Param() params: AssemblyIdParams, @Query() query: ListMembershipsQuery): Promise<MembershipDto[]> {
    return (await this.memberships.list(principal, params.id, query.includeEnded ?? false)).map(mapMembershipView);
  }

  @Put(':id/memberships/:membershipId/name-shown')
  @ApiOperation({ summary: 'Show or hide your name on the assembly page (drawn members are pseudonymous unless they choose otherwise)' })
  @ApiOkResponse({ type: MembershipDto })
  async setNameShown(@CurrentPrincipal() principal: Principal, @Param() params: MembershipParams, @Body() body: NameShownDto): Promise<MembershipDto> {
    return mapMembershipView(await this.memberships.setNameShown(principal, params.id, params.membershipId, body.shown));
  }

  @Post(':id/memberships')
  @ApiOperation({ summary: "Add a facilitator or organiser (the assembly's organisers; admins may add organisers; audited)" })
  @ApiCreatedResponse({ type: MembershipDto })
  async addStaff(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Body() body: AddStaffDto): Promise<MembershipDto> {
    return mapMembership(await this.memberships.addStaff(principal, params.id, body.accountId, body.role), true);
  }

  @Patch(':id/memberships/:membershipId')
  @ApiOperation({ summary: "Move a drawn person between member and alternate (the assembly's organisers; audited)" })
  @ApiOkResponse({ type: MembershipDto })
  async changeRole(@CurrentPrincipal() principal: Principal, @Param() params: MembershipParams, @Body() body: ChangeDrawnRoleDto): Promise<MembershipDto> {
    return mapMembership(await this.memberships.changeDrawnRole(principal, params.id, params.membershipId, body.role), true);
  }

  @Post(':id/memberships/:membershipId/end')
  @HttpCode(200)
  @ApiOperation({ summary: "Leave (your own membership) or remove someone (the assembly's organisers), with a reason; audited" })
  @ApiOkResponse({ type: MembershipDto })
  async end(@CurrentPrincipal() principal: Principal, @Param() params: MembershipParams, @Body() body: EndMembershipDto): Promise<MembershipDto> {
    return mapMembership(await this.memberships.end(principal, params.id, params.membershipId, body.reason), true);
  }

  @Post(':id/memberships/:membershipId/invitation')
  @ApiOperation({ summary: "A one-time code linking a drawn member's account to their seat; a new code replaces the last (organisers; audited)" })
  @ApiCreatedResponse({ type: InvitationDto })
  async invite(@CurrentPrincipal() principal: Principal, @Param() params: MembershipParams): Promise<InvitationDto> {
    const { membership, code } = await this.memberships.issueInvitation(principal, params.id, params.membershipId);
    return { membership: mapMembership(membership, true), code };
  }
}

@ApiTags('assemblies')
@ApiBearerAuth()
@Controller('invitations')
export class InvitationsController {
  constructor(private readonly memberships: MembershipService) {}

  @Post('redeem')
  @HttpCode(200)
  @ApiOperation({ summary: 'Link your account to the seat an invitation code names (audited)' })
  @ApiOkResponse({ type: MembershipDto })
  async redeem(@CurrentPrincipal() principal: Principal, @Body() body: RedeemInvitationDto): Promise<MembershipDto> {
    return mapMembership(await this.memberships.redeemInvitation(principal, body.code), false);
  }
}
