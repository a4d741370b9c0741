import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AssemblyModule } from '@app/assembly';
import { BallotBoxRepository } from './ballot-box.repository.js';
import { BallotService } from './ballot.service.js';
import { VOTING_ENTITIES } from './entities/index.js';
import { PollEvents } from './poll-events.js';
import { PollScheduler } from './poll-scheduler.js';
import { PollRepository } from './poll.repository.js';
import { PollService } from './poll.service.js';
import { PollsController } from './polls.controller.js';
import { AccountEligibility, AudienceEligibilityRegistry, VOTER_ELIGIBILITY } from './voter-eligibility.js';

/** Majority-judgment polls: lifecycle, secret ballots with receipts, results and bulletin board. */
@Module({
  imports: [TypeOrmModule.forFeature(VOTING_ENTITIES), AssemblyModule],
  controllers: [PollsController],
  providers: [
    PollRepository,
    BallotBoxRepository,
    PollService,
    BallotService,
    PollEvents,
    PollScheduler,
    AccountEligibility,
    AudienceEligibilityRegistry,
    { provide: VOTER_ELIGIBILITY, useExisting: AccountEligibility },
  ],
  exports: [PollService, BallotService, PollEvents, PollScheduler, AudienceEligibilityRegistry],
})
export class VotingModule {}
