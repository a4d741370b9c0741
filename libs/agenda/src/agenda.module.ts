import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssemblyModule } from '@app/assembly';
import { AgendaEvents } from './agenda-events.js';
import { AgendaScheduler } from './agenda-scheduler.js';
import { AmendmentService } from './amendment.service.js';
import { DecisionService } from './decision.service.js';
import { DecisionsController } from './decisions.controller.js';
import { AGENDA_ENTITIES } from './entities/index.js';
import { ProposalRepository } from './proposal.repository.js';
import { ProposalService } from './proposal.service.js';
import { ProposalsController } from './proposals.controller.js';
import { SessionService } from './session.service.js';

/** Agenda proposals: motions and petitions, supports, amendments, review, sessions' agendas. */
@Module({
  imports: [TypeOrmModule.forFeature(AGENDA_ENTITIES), AssemblyModule],
  controllers: [ProposalsController, DecisionsController],
  providers: [ProposalRepository, ProposalService, AmendmentService, SessionService, AgendaEvents, AgendaScheduler, DecisionService],
  exports: [ProposalService, SessionService, AgendaEvents, AgendaScheduler],
})
export class AgendaModule {}
