import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** Per-request context carried across awaits, so every log line of a request has its id. */
export interface RequestContext {
  correlationId: string;
}

export const requestContext = new AsyncLocalStorage<RequestContext>();

const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{8,64}$/;

/** Reuses a well-formed `X-Request-Id` from a proxy, else makes a new one. */
export function correlationIdFrom(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CLIENT_ID_PATTERN.test(value) ? value : randomUUID();
}

export function currentCorrelationId(): string | undefined {
  return requestContext.getStore()?.correlationId;
}
