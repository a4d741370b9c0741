export * from './config/app-config.js';
export * from './config/config.module.js';
export * from './clock/clock.js';
export * from './errors/domain.exception.js';
export * from './errors/error-response.js';
export * from './errors/http-exception.filter.js';
export * from './http/request-context.js';
export * from './logging/json-logger.js';
export * from './validation/validation.js';
export * from './auth/roles.js';
export * from './auth/principal.js';
export * from './auth/auth.decorators.js';
export * from './auth/auth.exception.js';
export * from './auth/access-token.service.js';
export * from './auth/session-resolver.js';
export * from './auth/authenticator.js';
export * from './auth/auth.guard.js';
export * from './audit/canonical-json.js';
export * from './audit/audit-chain.js';
export * from './audit/audit-entry.entity.js';
export * from './audit/audit-log.service.js';
export * from './audit/audit.module.js';
export * from './rate-limit/fixed-window-limiter.js';
export * from './crypto/human-code.js';
export * from './core.module.js';

import { AuditEntryEntity } from './audit/audit-entry.entity.js';
/** Entities owned by this library, for the DataSource (see ormconfig.ts). */
export const SHARED_ENTITIES = [AuditEntryEntity];
