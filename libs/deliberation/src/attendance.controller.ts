import { Body, Controller, Get, Param, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Public, toCsvText, type Principal } from '@app/shared';
import type { SessionEntity } from '@app/agenda';
import { statementPdf, statementRows, type PaymentStatement } from '@app/indemnities';
import { AttendanceService } from './attendance.service.js';
import {
  AssemblyIdParams,
  AttendanceCorrectionDto,
  AttendanceListDto,
  AttendanceSessionDto,
  AttendanceStretchDto,
  CheckInDto,
  CorrectionDto,
  IndemnityRulesDto,
  IndemnityRulesInputDto,
  IndemnityRulesViewDto,
  IndemnityStatementDto,
  MyAttendanceDto,
  SeatParams,
  StatementQuery,
} from './dto/attendance.dto.js';
import { SessionIdParams } from './dto/deliberation.dto.js';
import type { AttendanceCorrectionEntity } from './entities/attendance-correction.entity.js';
import type { AttendanceRecordEntity } from './entities/attendance-record.entity.js';
import type { IndemnityRulesEntity } from './entities/indemnity-rules.entity.js';

@ApiTags('attendance')
@ApiBearerAuth()
@Controller()
export class AttendanceController {
  constructor(private readonly attendance: AttendanceService) {}

  @Get('sessions/:id/attendance')
  @ApiOperation({ summary: "The session's attendance list: each member and alternate, present or not, their stretches, minutes so far and any correction (the session's chairs)" })
  @ApiOkResponse({ type: AttendanceListDto })
  async list(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams): Promise<AttendanceListDto> {
    const { session, seats } = await this.attendance.roster(principal, params.id);
    return {
      session: mapSession(session),
      seats: seats.map((seat) => ({
        membershipId: seat.membershipId,
        role: seat.role,
        name: seat.name,
        ...(seat.personId === null ? {} : { personId: seat.personId }),
        linked: seat.accountId !== null,
        present: seat.present,
        minutesRecorded: seat.minutesRecorded,
        correction: seat.correction === null ? null : mapCorrection(seat.correction),
        stretches: seat.stretches.map(mapStretch),
      })),
    };
  }

  @Post('sessions/:id/attendance/check-in')
  @ApiOperation({ summary: "Check a member in at the door, from the list (membershipId) or by their scanned attendance code (code); ends their stretch from home if they were connected (the session's chairs)" })
  @ApiCreatedResponse({ type: AttendanceStretchDto })
  async checkIn(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams, @Body() body: CheckInDto): Promise<AttendanceStretchDto> {
    return mapStretch(await this.attendance.checkIn(principal, params.id, body));
  }

  @Post('sessions/:id/attendance/check-out')
  @ApiOperation({ summary: "Record a member's departure from the room: early, or at the end (the session's chairs)" })
  @ApiCreatedResponse({ type: AttendanceStretchDto })
  async checkOut(@CurrentPrincipal() principal: Principal, @Param() params: SessionIdParams, @Body() body: CheckInDto): Promise<AttendanceStretchDto> {
    return mapStretch(await this.attendance.checkOut(principal, params.id, body));
  }

  @Put('sessions/:id/attendance/:membershipId/correction')
  @ApiOperation({ summary: 'Set the minutes that count for a member at this session, with the reason (organisers; audited with the value it replaces)' })
  @ApiOkResponse({ type: AttendanceCorrectionDto })
  async correct(@CurrentPrincipal() principal: Principal, @Param() params: SeatParams, @Body() body: CorrectionDto): Promise<AttendanceCorrectionDto> {
    return mapCorrection(await this.attendance.correct(principal, params.id, params.membershipId, body));
  }

  @Get('assemblies/:id/indemnity-rules')
  @Public()
  @ApiOperation({ summary: "The assembly's indemnity rules: amount per half-day, minimum presence, monthly cap (public)" })
  @ApiOkResponse({ type: IndemnityRulesViewDto })
  async rules(@Param() params: AssemblyIdParams): Promise<IndemnityRulesViewDto> {
    const rules = await this.attendance.rules(params.id);
    return { rules: rules === null ? null : mapRules(rules) };
  }

  @Put('assemblies/:id/indemnity-rules')
  @ApiOperation({ summary: "Set the assembly's indemnity rules (organisers; audited). Statements are computed from the rules in force when they are drawn up" })
  @ApiOkResponse({ type: IndemnityRulesDto })
  async setRules(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Body() body: IndemnityRulesInputDto): Promise<IndemnityRulesDto> {
    const rules = await this.attendance.setRules(principal, params.id, {
      centsPerHalfDay: body.centsPerHalfDay,
      minimumMinutesPerHalfDay: body.minimumMinutes,
      ...(body.monthlyCapCents === undefined || body.monthlyCapCents === null ? {} : { monthlyCapCents: body.monthlyCapCents }),
    });
    return mapRules(rules);
  }

  @Get('assemblies/:id/indemnities')
  @ApiOperation({ summary: "The indemnity statement per member and Paris month for the city's payment service: JSON, CSV (one row per member and month) or PDF (fr/en) (organisers)" })
  @ApiProduces('application/json', 'text/csv', 'application/pdf')
  @ApiOkResponse({ type: IndemnityStatementDto, description: 'JSON; or CSV (format=csv); or PDF (format=pdf)' })
  async statement(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams, @Query() query: StatementQuery, @Res({ passthrough: true }) response: FastifyReply): Promise<IndemnityStatementDto | string | Buffer> {
    const statement = await this.attendance.statement(principal, params.id, query.from, query.to);
    const name = `indemnities-${query.from}${query.to === query.from ? '' : `-${query.to}`}`;
    void response.header('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      void response.header('Content-Type', 'text/csv; charset=utf-8').header('Content-Disposition', `attachment; filename="${name}.csv"`);
      return toCsvText(statementRows(statement));
    }
    if (query.format === 'pdf') {
      void response.header('Content-Type', 'application/pdf').header('Content-Disposition', `attachment; filename="${name}-${query.lang ?? 'fr'}.pdf"`);
      return statementPdf(statement, query.lang ?? 'fr');
    }
    return mapStatement(statement);
  }

  @Get('assemblies/:id/attendance/me')
  @ApiOperation({ summary: 'Your own attendance in this assembly: each sitting since your seat began, minutes, half-days and indemnity, and your attendance code for the door (members and alternates)' })
  @ApiOkResponse({ type: MyAttendanceDto })
  async mine(@CurrentPrincipal() principal: Principal, @Param() params: AssemblyIdParams): Promise<MyAttendanceDto> {
    const mine = await this.attendance.mine(principal, params.id);
    const lines = new Map((mine.statement?.lines ?? []).map((line) => [line.sessionId, line]));
    const corrections = new Map(mine.corrections.map((correction) => [correction.sessionId, correction]));
    return {
      membershipId: mine.seat.membershipId,
      role: mine.seat.role,
      attendanceCode: mine.attendanceCode,
      rules: mine.rules === null ? null : { centsPerHalfDay: mine.rules.centsPerHalfDay, minimumMinutes: mine.rules.minimumMinutesPerHalfDay, monthlyCapCents: mine.rules.monthlyCapCents ?? null, updatedAt: '' },
      sittings: [...mine.sessions].reverse().map((session) => {
        const line = lines.get(session.id);
        const correction = corrections.get(session.id);
        return {
          session: mapSession(session),
          stretches: mine.records.filter((record) => record.sessionId === session.id).map(mapStretch),
          minutes: mine.minutes.get(session.id) ?? 0,
          ...(correction === undefined ? {} : { correction: mapCorrection(correction) }),
          halfDays: mine.statement === null ? null : (line?.halfDays ?? 0),
          cents: mine.statement === null ? null : (line?.cents ?? 0),
        };
      }),
      months: mine.statement?.months ?? [],
      payableCents: mine.statement?.payableCents ?? null,
    };
  }
}

function mapSession(session: SessionEntity): AttendanceSessionDto {
  return {
    id: session.id,
    assemblyId: session.assemblyId,
    title: session.title,
    scheduledAt: session.scheduledAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    halfDays: session.halfDays,
    remoteAttendance: session.remoteAttendance,
    status: session.status,
  };
}

function mapStretch(record: AttendanceRecordEntity): AttendanceStretchDto {
  return { id: record.id, membershipId: record.membershipId, mode: record.mode, method: record.method, arrivedAt: record.arrivedAt.toISOString(), leftAt: record.leftAt === null ? null : record.leftAt.toISOString() };
}

function mapCorrection(correction: AttendanceCorrectionEntity): AttendanceCorrectionDto {
  return { minutes: correction.minutes, reason: correction.reason, correctedAt: correction.correctedAt.toISOString() };
}

function mapRules(rules: IndemnityRulesEntity): IndemnityRulesDto {
  return { centsPerHalfDay: rules.centsPerHalfDay, minimumMinutes: rules.minimumMinutes, monthlyCapCents: rules.monthlyCapCents, updatedAt: rules.updatedAt.toISOString() };
}

function mapStatement(statement: PaymentStatement): IndemnityStatementDto {
  return {
    assembly: statement.assembly,
    from: statement.from,
    to: statement.to,
    generatedAt: statement.generatedAt,
    centsPerHalfDay: statement.rules.centsPerHalfDay,
    minimumMinutes: statement.rules.minimumMinutesPerHalfDay,
    monthlyCapCents: statement.rules.monthlyCapCents ?? null,
    sessions: [...statement.sessions],
    members: statement.members.map((member) => ({
      membershipId: member.membershipId,
      name: member.name,
      ...(member.personId === undefined ? {} : { personId: member.personId }),
      lines: member.statement.lines,
      months: member.statement.months,
      halfDays: member.statement.halfDays,
      payableCents: member.statement.payableCents,
    })),
    payableCents: statement.members.reduce((sum, member) => sum + member.statement.payableCents, 0),
  };
}
