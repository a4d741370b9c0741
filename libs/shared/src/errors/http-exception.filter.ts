import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { isDatabaseUnavailable, sqlStateOf } from '@app/persistence';
import { currentCorrelationId } from '../http/request-context.js';
import { CommonErrorCode, DomainException, ERROR_KIND_STATUS } from './domain.exception.js';
import type { ErrorResponseDto } from './error-response.js';
import { OutageLog } from './outage-log.js';

const STATUS_CODE: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: CommonErrorCode.UNAUTHENTICATED,
  403: CommonErrorCode.FORBIDDEN,
  404: CommonErrorCode.NOT_FOUND,
  405: CommonErrorCode.METHOD_NOT_ALLOWED,
  413: CommonErrorCode.PAYLOAD_TOO_LARGE,
  415: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: CommonErrorCode.RATE_LIMITED,
};

/** PostgreSQL SQLSTATEs of a conflict between transactions: "try again", not "bug". */
const TRANSIENT_SQLSTATE = new Set(['40001', '40P01', '55P03']);

/** Seconds a client is told to wait during a database outage (PostgreSQL restarts in a few). */
export const OUTAGE_RETRY_AFTER_SECONDS = 5;

/** The HTTP server's own refusals of a request body (Fastify's codes, and our JSON parser's). */
const BODY_ERRORS: Record<string, ErrorResponseDto> = {
  MALFORMED_JSON: { statusCode: 400, code: CommonErrorCode.MALFORMED_JSON, message: 'The request body is not valid JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { statusCode: 413, code: CommonErrorCode.PAYLOAD_TOO_LARGE, message: 'The request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { statusCode: 415, code: CommonErrorCode.UNSUPPORTED_MEDIA_TYPE, message: 'Unsupported Content-Type: send application/json (or multipart/form-data for uploads)' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { statusCode: 400, code: 'BAD_REQUEST', message: 'The request body does not match its Content-Length' },
  FST_ERR_CTP_INVALID_TYPE: { statusCode: 400, code: 'BAD_REQUEST', message: 'The Content-Type header is not valid' },
};

function bodyError(exception: unknown): ErrorResponseDto | undefined {
  const cause = exception instanceof HttpException ? exception.cause : exception;
  const code = cause instanceof Error ? (cause as Error & { code?: unknown }).code : undefined;
  return typeof code === 'string' ? BODY_ERRORS[code] : undefined;
}

/** Maps any thrown value to the API's error shape. Internals never reach the client. */
export function toErrorResponse(exception: unknown, path: string): { body: ErrorResponseDto; retryAfter?: number } {
  const refusedBody = bodyError(exception);
  if (refusedBody !== undefined) return { body: { ...refusedBody } };
  if (exception instanceof DomainException) {
    const body: ErrorResponseDto = {
      statusCode: ERROR_KIND_STATUS[exception.kind],
      code: exception.code,
      message: exception.message,
    };
    if (exception.details !== undefined) body.details = exception.details;
    return { body, retryAfter: exception.retryAfterSeconds };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    if (statusCode < 500) {
      const isUnknownRoute = statusCode === 404 && /^Cannot [A-Z]+ /.test(exception.message);
      return {
        body: {
          statusCode,
          code: isUnknownRoute ? CommonErrorCode.ROUTE_NOT_FOUND : (STATUS_CODE[statusCode] ?? `HTTP_${statusCode}`),
          message: isUnknownRoute ? `No route matches ${path}` : exception.message,
        },
      };
    }
  }
  // An outage is not a bug in the request: 503, and when to come back.
  if (isDatabaseUnavailable(exception)) {
    return {
      body: {
        statusCode: 503,
        code: CommonErrorCode.SERVICE_UNAVAILABLE,
        message: 'The service is briefly unavailable. Retry in a few seconds: a request recorded before the interruption is said so on retry.',
        correlationId: currentCorrelationId(),
      },
      retryAfter: OUTAGE_RETRY_AFTER_SECONDS,
    };
  }
  const sqlState = sqlStateOf(exception);
  if (sqlState !== undefined && TRANSIENT_SQLSTATE.has(sqlState)) {
    return {
      body: {
        statusCode: 503,
        code: CommonErrorCode.SERVICE_BUSY,
        message: 'The service is busy; nothing was changed. Please retry.',
        correlationId: currentCorrelationId(),
      },
      retryAfter: 1,
    };
  }
  return {
    body: {
      statusCode: 500,
      code: CommonErrorCode.INTERNAL_ERROR,
      message: 'An unexpected error occurred. Quote the correlation id when reporting it.',
      correlationId: currentCorrelationId(),
    },
  };
}

/** What the filter needs of Fastify's reply (kept structural: libs/shared does not depend on the server). */
interface HttpReply {
  readonly sent: boolean;
  header(name: string, value: string): unknown;
  status(code: number): { type(contentType: string): { send(body: unknown): unknown } };
}

/** The catch-all HTTP filter: one error shape, stable codes, the cause logged with a correlation id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');
  private readonly outage = new OutageLog(this.logger, 'database unavailable: requests answered 503 SERVICE_UNAVAILABLE');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<{ method: string; url: string }>();
    const response = http.getResponse<HttpReply>();
    const path = request.url.split('?')[0] ?? request.url;
    const { body, retryAfter } = toErrorResponse(exception, path);
    if (body.code === CommonErrorCode.SERVICE_UNAVAILABLE) this.outage.refused(exception);
    // A 503 the code chose to answer (not ready, a provider away) is a state, not a failure to log per request.
    else if (body.statusCode >= 500 && !(exception instanceof DomainException)) {
      this.logger.error(
        { msg: 'request failed', method: request.method, path, code: body.code, err: exception },
      );
    }
    if (response.sent) return;
    if (retryAfter !== undefined) response.header('Retry-After', String(retryAfter));
    // JSON even where the route had declared another type for its success (a CSV download, say).
    response.status(body.statusCode).type('application/json; charset=utf-8').send(body);
  }
}
