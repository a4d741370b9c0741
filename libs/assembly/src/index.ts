export * from './entities/index.js';
export * from './assembly.module.js';
export * from './assembly.exception.js';
export * from './assembly-access.js';
export * from './assembly.service.js';
export * from './draw-events.js';
export * from './personal-data.js';
