import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import type { Request, Response } from 'express';
import { sqlStateOf } from '@app/persistence';
import { currentCorrelationId } from '../http/request-context.js';
import { CommonErrorCode, DomainException, ERROR_KIND_STATUS } from './domain.exception.js';
import type { ErrorResponseDto } from './error-response.js';

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

/** PostgreSQL SQLSTATEs that mean "try again", not "bug". */
const TRANSIENT_SQLSTATE = new Set(['40001', '40P01', '55P03', '57P01', '57P03', '08000', '08003', '08006']);

/** Maps any thrown value to the API's error shape. Internals never reach the client. */
export function toErrorResponse(exception: unknown, path: string): { body: ErrorResponseDto; retryAfter?: number } {
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
  const sqlState = sqlStateOf(exception);
  if (sqlState !== undefined && TRANSIENT_SQLSTATE.has(sqlState)) {
    return {
      body: {
        statusCode: 503,
        code: sqlState.startsWith('4') ? CommonErrorCode.SERVICE_BUSY : CommonErrorCode.DATABASE_UNAVAILABLE,
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

/** The catch-all HTTP filter: one error shape, stable codes, the cause logged with a correlation id. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const path = request.originalUrl.split('?')[0] ?? request.path;
    const { body, retryAfter } = toErrorResponse(exception, path);
    if (body.statusCode >= 500) {
      this.logger.error(
        { msg: 'request failed', method: request.method, path, code: body.code, err: exception },
      );
    }
    if (response.headersSent) return;
    if (retryAfter !== undefined) response.setHeader('Retry-After', String(retryAfter));
    response.status(body.statusCode).json(body);
  }
}
