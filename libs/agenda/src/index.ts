export * from './proposal-lifecycle.js';
export * from './entities/index.js';
