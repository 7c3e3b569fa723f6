/**
 * Raw SQL through drizzle's `execute` returns the driver's own result shape: postgres.js an
 * array of rows, PGlite `{ rows }`. Query code that needs raw SQL goes through `rawRows`.
 */
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from './client.ts';

export async function rawRows<Row extends Record<string, unknown>>(
  db: DbOrTx,
  query: SQL,
): Promise<Row[]> {
  const result: unknown = await db.execute(query);
  if (Array.isArray(result)) return result as Row[];
  if (
    typeof result === 'object' &&
    result !== null &&
    'rows' in result &&
    Array.isArray(result.rows)
  ) {
    return result.rows as Row[];
  }
  throw new TypeError('Unexpected result shape from db.execute');
}
