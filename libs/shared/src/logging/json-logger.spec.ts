import { describe, expect, it } from '@jest/globals';
import { requestContext } from '../http/request-context.js';
import { JsonLogger } from './json-logger.js';

function capture(level: ConstructorParameters<typeof JsonLogger>[0] = 'info') {
  const lines: string[] = [];
  const logger = new JsonLogger(level, { write: (line) => lines.push(line) });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { logger, entries };
}

describe('JsonLogger', () => {
  it('writes one JSON object per line with level, time, context and message', () => {
    const { logger, entries } = capture();
    logger.log('hello', 'Main');
    expect(entries()).toEqual([{ level: 'info', time: expect.any(String), context: 'Main', msg: 'hello' }]);
  });

  it('drops messages below its level', () => {
    const { logger, entries } = capture('warn');
    logger.log('quiet');
    logger.debug('quieter');
    logger.warn('loud');
    expect(entries().map((e) => e['msg'])).toEqual(['loud']);
  });

  it('adds the request correlation id', () => {
    const { logger, entries } = capture();
    requestContext.run({ correlationId: 'req-12345678' }, () => logger.log('inside'));
    expect(entries()[0]).toMatchObject({ correlationId: 'req-12345678' });
  });

  it('redacts secrets wherever they appear in a logged object', () => {
    const { logger, entries } = capture();
    logger.log({ msg: 'x', password: 'p', nested: { refreshToken: 't', receipt: 'r', authorization: 'a', votingCode: 'v', keep: 'k' } });
    expect(entries()[0]).toMatchObject({
      password: '[redacted]',
      nested: { refreshToken: '[redacted]', receipt: '[redacted]', authorization: '[redacted]', votingCode: '[redacted]', keep: 'k' },
    });
  });

  it('logs an Error with its stack', () => {
    const { logger, entries } = capture();
    logger.error({ msg: 'failed', err: new Error('boom') });
    expect(entries()[0]).toMatchObject({ level: 'error', msg: 'failed', err: { name: 'Error', message: 'boom', stack: expect.stringContaining('boom') } });
  });
});
