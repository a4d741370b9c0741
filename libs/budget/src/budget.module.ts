import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VotingModule } from '@app/voting';
import { BudgetController } from './budget.controller.js';
import { BudgetRepository } from './budget.repository.js';
import { BudgetService } from './budget.service.js';
import { BudgetVoteService } from './budget-vote.service.js';
import { FollowUpService } from './follow-up.service.js';
import { BUDGET_ENTITIES } from './entities/index.js';

/** The participatory budget: editions, envelopes, ideas, projects, feasibility, the vote per envelope and its winners (by libs/budget-rules). */
@Module({
  imports: [TypeOrmModule.forFeature(BUDGET_ENTITIES), VotingModule],
  controllers: [BudgetController],
  providers: [BudgetRepository, BudgetService, BudgetVoteService, FollowUpService],
  exports: [BudgetService, BudgetVoteService],
})
export class BudgetModule {}
