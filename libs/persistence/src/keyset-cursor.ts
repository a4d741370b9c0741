/**
 * Keyset pagination on (created_at, id), newest first: a page never repeats or skips a row when new
 * rows arrive, since they sort before the cursor. The cursor keeps PostgreSQL's microseconds (as
 * text): a JavaScript Date would round them to milliseconds and could skip rows.
 */
export interface KeysetCursor {
  createdAt: string;
  id: string;
}

/** The select expression giving a row's cursor timestamp, for `alias.created_at`. */
export function cursorTimestampSql(alias: string): string {
  return `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** The WHERE condition for rows after `:createdAt, :id` (pass the cursor as parameters). */
export function afterCursorSql(alias: string): string {
  return `(${alias}.created_at, ${alias}.id) < (CAST(:createdAt AS timestamptz), :id)`;
}

export function encodeKeysetCursor(cursor: KeysetCursor): string {
  return Buffer.from(JSON.stringify([cursor.createdAt, cursor.id])).toString('base64url');
}

/** Null for anything this API did not hand out. */
export function decodeKeysetCursor(text: string): KeysetCursor | null {
  try {
    const [createdAt, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof createdAt !== 'string' || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(createdAt)) return null;
    if (typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id)) return null;
    return { createdAt, id };
  } catch {
    return null;
  }
}
