export * from './rational.js';
export * from './pabulib.js';
export * from './greedy.js';
export * from './equal-shares.js';
export * from './support.js';
export * from './select.js';
