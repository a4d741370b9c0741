import { describe, expect, it } from '@jest/globals';
import { snakeCase, SnakeNamingStrategy } from './snake-naming.strategy.js';

describe('SnakeNamingStrategy', () => {
  it.each([
    ['createdAt', 'created_at'],
    ['emailNormalized', 'email_normalized'],
    ['HTTPServer', 'http_server'],
    ['id', 'id'],
  ])('snake-cases %s', (input, output) => {
    expect(snakeCase(input)).toBe(output);
  });

  it('names tables after the class without the Entity suffix, unless given', () => {
    const strategy = new SnakeNamingStrategy();
    expect(strategy.tableName('PollBallotEntity', undefined)).toBe('poll_ballot');
    expect(strategy.tableName('AccountEntity', 'accounts')).toBe('accounts');
    expect(strategy.joinColumnName('account', 'id')).toBe('account_id');
  });
});
