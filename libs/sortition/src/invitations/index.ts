export * from './address.js';
export * from './apportionment.js';
export * from './invitation-draw.js';
export * from './source-list.js';
