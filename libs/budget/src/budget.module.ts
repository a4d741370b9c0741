import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BudgetController } from './budget.controller.js';
import { BudgetRepository } from './budget.repository.js';
import { BudgetService } from './budget.service.js';
import { BUDGET_ENTITIES } from './entities/index.js';

/** The participatory budget: editions, envelopes, ideas, projects, feasibility (libs/budget-rules selects the winners). */
@Module({
  imports: [TypeOrmModule.forFeature(BUDGET_ENTITIES)],
  controllers: [BudgetController],
  providers: [BudgetRepository, BudgetService],
  exports: [BudgetService],
})
export class BudgetModule {}
