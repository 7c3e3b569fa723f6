import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client.ts';
import { isConnectionError } from '../../db/connection-errors.ts';
import { ENGINES, openMigrated } from '../support/db.ts';
import { freePort } from '../support/free-port.ts';

describe('isConnectionError', () => {
  it('is true for a server that refuses the connection, through drizzle’s wrapper too', async () => {
    const url = `postgres://postgres@127.0.0.1:${await freePort()}/postgres`;
    const raw = postgres(url, { max: 1, connect_timeout: 2 });
    const rawError = await raw`select 1`.then(
      () => undefined,
      (error: unknown) => error,
    );
    await raw.end();
    expect(isConnectionError(rawError)).toBe(true);

    const handle = openPostgres(url, { max: 1 });
    const wrapped = await handle.db.execute(sql`select 1`).then(
      () => undefined,
      (error: unknown) => error,
    );
    await handle.close();
    expect(wrapped).toBeInstanceOf(Error);
    expect(isConnectionError(wrapped)).toBe(true);
  });

  it.each(ENGINES)('is false for a statement the server refuses (%s)', async (engine) => {
    const database = await openMigrated(engine);
    try {
      const refused = await database.handle.db.execute(sql`select * from no_such_table`).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Error);
      expect(isConnectionError(refused)).toBe(false);
    } finally {
      await database.dispose();
    }
  });

  it('is false for anything that is not an error, and does not loop on a cyclic cause', () => {
    expect(isConnectionError(undefined)).toBe(false);
    expect(isConnectionError({ code: 'ECONNREFUSED' })).toBe(false);
    const a = new Error('a');
    const b = new Error('b', { cause: a });
    Object.assign(a, { cause: b });
    expect(isConnectionError(a)).toBe(false);
  });
});
