/**
 * Whether a failure means "the database could not be reached" (a restart, a failover, a
 * dropped connection) rather than "this statement is wrong". The first kind is worth
 * retrying; the second never is. Drivers wrap errors (drizzle's DrizzleQueryError holds the
 * driver's error as `cause`), so the whole cause chain is looked at.
 */

/** postgres.js's own codes for a connection that failed or went away, and Node's socket errors. */
const CONNECTION_CODES = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
]);

/**
 * SQLSTATEs of a server that is going away or not yet back: class 08 (connection exception),
 * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
 * (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */
function isConnectionState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03';
}

export function isConnectionError(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current = error;
  while (current instanceof Error && !seen.has(current)) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || isConnectionState(code))) {
      return true;
    }
    current = current.cause;
  }
  return false;
}
