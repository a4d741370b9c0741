import { BadRequestException, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from '@jest/globals';
import { requestContext } from '../http/request-context.js';
import { DomainException } from './domain.exception.js';
import { toErrorResponse } from './http-exception.filter.js';

describe('toErrorResponse', () => {
  it('maps a domain exception by its kind and keeps its code and details', () => {
    const error = new DomainException('unprocessable', 'QUOTAS_INFEASIBLE', 'No panel meets the quotas', { suggestions: ['age: minimum 10 -> 8'] });
    expect(toErrorResponse(error, '/api/x').body).toEqual({
      statusCode: 422,
      code: 'QUOTAS_INFEASIBLE',
      message: 'No panel meets the quotas',
      details: { suggestions: ['age: minimum 10 -> 8'] },
    });
  });

  it('passes Retry-After for rate limits', () => {
    expect(toErrorResponse(new DomainException('rate-limited', 'X', 'slow down', undefined, 30), '/').retryAfter).toBe(30);
  });

  it('turns Nest 4xx exceptions into the shape, and an unknown route into ROUTE_NOT_FOUND', () => {
    expect(toErrorResponse(new BadRequestException('bad'), '/').body).toEqual({ statusCode: 400, code: 'BAD_REQUEST', message: 'bad' });
    expect(toErrorResponse(new NotFoundException('Cannot GET /api/nope'), '/api/nope').body).toEqual({
      statusCode: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'No route matches /api/nope',
    });
  });

  it('hides the cause of an unexpected error and returns the correlation id', () => {
    const { body } = requestContext.run({ correlationId: 'corr-12345678' }, () =>
      toErrorResponse(new Error('password_hash column exploded at /srv/app.js:12'), '/'),
    );
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: expect.any(String), correlationId: 'corr-12345678' });
    expect(body.message).not.toContain('exploded');
  });

  it('answers 503 with Retry-After for serialization failures and lost connections', () => {
    const serialization = Object.assign(new Error('could not serialize'), { driverError: { code: '40001' } });
    expect(toErrorResponse(serialization, '/')).toMatchObject({ body: { statusCode: 503, code: 'SERVICE_BUSY' }, retryAfter: 1 });
    const connection = Object.assign(new Error('terminating connection'), { code: '57P01' });
    expect(toErrorResponse(connection, '/')).toMatchObject({ body: { statusCode: 503, code: 'SERVICE_UNAVAILABLE' }, retryAfter: 5 });
  });

  it('answers every shape of a database outage 503 SERVICE_UNAVAILABLE, never 500', () => {
    const outages = [
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('query failed'), { driverError: Object.assign(new Error('Connection terminated unexpectedly'), {}) }),
      Object.assign(new Error('the database system is in recovery mode'), { code: '57P03' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      Object.assign(new Error('wrapped'), { cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) }),
    ];
    for (const outage of outages) expect([outage.message, toErrorResponse(outage, '/').body.code]).toEqual([outage.message, 'SERVICE_UNAVAILABLE']);
    // A bug is still a bug.
    expect(toErrorResponse(new Error('Cannot read properties of undefined'), '/').body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(toErrorResponse(Object.assign(new Error('syntax error'), { code: '42601' }), '/').body.statusCode).toBe(500);
  });
});
