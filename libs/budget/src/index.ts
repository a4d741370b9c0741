export * from './entities/index.js';
export * from './budget.exception.js';
export * from './budget.module.js';
export * from './budget.service.js';
export * from './budget-vote.service.js';
export * from './winners.js';
export * from './follow-up.service.js';
export * from './personal-data.js';
