export * from './indemnity.js';
export * from './statement-document.js';
