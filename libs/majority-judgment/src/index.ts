export * from './tally.js';
export * from './gauge.js';
export * from './majority-value.js';
export * from './fabre.js';
export * from './rank.js';
export * from './json.js';
export * from './bulletin-board.js';
