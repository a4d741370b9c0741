import { describe, expect, it } from '@jest/globals';
import { decodeKeysetCursor, encodeKeysetCursor } from './keyset-cursor.js';

describe('keyset cursors', () => {
  it('round-trip with microseconds', () => {
    const cursor = { createdAt: '2026-11-28T08:00:00.123456Z', id: '0b6f5b8e-5d0a-4c1e-9a55-3f0f8d2b7c11' };
    expect(decodeKeysetCursor(encodeKeysetCursor(cursor))).toEqual(cursor);
  });

  it('refuse anything the API did not hand out', () => {
    const encode = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const text of ['garbage', '', encode(['2026-11-28T08:00:00.123Z', '0b6f5b8e-5d0a-4c1e-9a55-3f0f8d2b7c11']), encode(['2026-11-28T08:00:00.123456Z', "x' OR 1=1"]), encode({})]) {
      expect(decodeKeysetCursor(text)).toBeNull();
    }
  });
});
