import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssemblyModule } from '@app/assembly';
import { AgendaModule } from '@app/agenda';
import { VotingModule } from '@app/voting';
import { AttendanceController } from './attendance.controller.js';
import { AttendanceService } from './attendance.service.js';
import { BreakoutService } from './breakout.service.js';
import { DeliberationGateway } from './deliberation.gateway.js';
import { DeliberationRepository } from './deliberation.repository.js';
import { DELIBERATION_ENTITIES } from './entities/index.js';
import { FacilitatorService } from './facilitator.service.js';
import { MessageService } from './message.service.js';
import { MinutesService } from './minutes.service.js';
import { PresenceService } from './presence.service.js';
import { RoomBroadcaster } from './room-broadcaster.js';
import { RoomTimers } from './room-timers.js';
import { RoomService } from './room.service.js';
import { SessionAccess } from './session-access.js';
import { SessionVoteService } from './session-vote.service.js';
import { SessionsController } from './sessions.controller.js';

/** Live deliberation: rooms, presence, speaking queue, timers, messages, votes in session, event log, minutes. */
@Module({
  imports: [TypeOrmModule.forFeature(DELIBERATION_ENTITIES), AssemblyModule, AgendaModule, VotingModule],
  controllers: [SessionsController, AttendanceController],
  providers: [
    DeliberationRepository,
    SessionAccess,
    RoomBroadcaster,
    RoomService,
    RoomTimers,
    PresenceService,
    MessageService,
    SessionVoteService,
    MinutesService,
    FacilitatorService,
    DeliberationGateway,
    AttendanceService,
    BreakoutService,
  ],
  exports: [RoomService, RoomTimers, PresenceService, AttendanceService],
})
export class DeliberationModule {}
