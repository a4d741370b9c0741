export * from './indemnity.js';
