/**
 * @discordjs/rest failures -> the port's PlatformError kinds. The core decides what to do with
 * a kind (pause the channel, back off, look for the post before retrying); this file only says
 * which kind a Discord failure is. JSON error codes:
 * https://discord.com/developers/docs/topics/opcodes-and-status-codes#json-json-error-codes
 *
 * @discordjs/rest waits out 429s itself (per bucket and globally) and retries 5xx, timeouts and
 * connection resets up to its `retries`, POSTs included (drill posts carry a nonce with
 * `enforce_nonce`, so those repeats are harmless). What reaches here is what it gave up on.
 */
import { DiscordAPIError, HTTPError, RateLimitError } from 'discord.js';
import { PlatformError, type PlatformErrorKind } from '../../src/core/platform.ts';

/** How a call may be repeated, which decides what an interrupted call means. */
export type CallKind =
  /** Creates something: an interrupted attempt may have taken effect. */
  | 'post'
  /** Reads, edits, reactions: safe to repeat. */
  | 'idempotent';

const CODES: Readonly<Record<number, PlatformErrorKind>> = {
  /** Missing Access: the bot cannot see the channel (never added, or its role lost it). */
  50001: 'forbidden',
  /** Missing Permissions: e.g. Send Messages or Create Public Threads denied. */
  50013: 'not_in_channel',
  /** Unknown Channel: deleted. */
  10003: 'channel_gone',
  /** Unknown Guild: the bot was removed. */
  10004: 'channel_gone',
  /** Thread archived / locked: the drill's thread no longer takes posts. */
  50083: 'forbidden',
  /** Invalid Form Body: a bug or bad data, never worth a retry. */
  50035: 'invalid',
  /** Cannot send messages to this user (DMs closed): nothing to retry. */
  50007: 'forbidden',
};

/** Network errors that prove the request never reached Discord, so nothing can have happened. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

function causeCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth += 1) {
    const code: unknown = Reflect.get(current, 'code');
    if (typeof code === 'string') codes.push(code);
    current = current.cause;
  }
  return codes;
}

/** The PlatformError for a failed REST call; a PlatformError passes through unchanged. */
export function toPlatformError(error: unknown, call: CallKind, what: string): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof DiscordAPIError) {
    const code = typeof error.code === 'number' ? error.code : Number(error.code);
    const kind = CODES[code];
    if (kind)
      return new PlatformError(kind, `discord ${what}: ${error.message} (${code})`, {
        cause: error,
      });
    if (error.status === 429) return rateLimited(error, what);
    if (error.status >= 500)
      return new PlatformError('unavailable', `discord ${what}: ${error.status}`, { cause: error });
    if (error.status === 401)
      return new PlatformError('unavailable', `discord ${what}: the token was rejected`, {
        cause: error,
      });
    if (error.status === 403)
      return new PlatformError('forbidden', `discord ${what}: ${error.message}`, { cause: error });
    if (error.status === 404)
      return new PlatformError('channel_gone', `discord ${what}: ${error.message}`, {
        cause: error,
      });
    return new PlatformError('invalid', `discord ${what}: ${error.message} (${code})`, {
      cause: error,
    });
  }
  if (error instanceof RateLimitError) {
    return new PlatformError('rate_limited', `discord ${what}: rate limited`, {
      retryAfterMs: error.retryAfter,
      cause: error,
    });
  }
  if (error instanceof HTTPError) {
    if (error.status === 429) return rateLimited(error, what);
    const kind = error.status >= 500 && call === 'post' ? 'unknown_outcome' : 'unavailable';
    return new PlatformError(kind, `discord ${what}: HTTP ${error.status}`, { cause: error });
  }
  const codes = causeCodes(error);
  if (codes.some((code) => NOT_SENT.has(code))) {
    return new PlatformError('unavailable', `discord ${what}: Discord unreachable`, {
      cause: error,
    });
  }
  // A timeout (AbortError) or a reset after the request went out: it may have taken effect.
  const detail = error instanceof Error ? error.message : String(error);
  return new PlatformError(
    call === 'post' ? 'unknown_outcome' : 'unavailable',
    `discord ${what}: ${detail}`,
    {
      cause: error,
    },
  );
}

function rateLimited(error: DiscordAPIError | HTTPError, what: string): PlatformError {
  return new PlatformError('rate_limited', `discord ${what}: rate limited`, { cause: error });
}

/** Runs a REST call, turning its failure into a PlatformError. */
export async function rest<T>(call: CallKind, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toPlatformError(error, call, what);
  }
}

/** The Discord JSON error code of a failure, if it has one. */
export function discordCode(error: unknown): number | undefined {
  const inner = error instanceof PlatformError ? error.cause : error;
  if (!(inner instanceof DiscordAPIError)) return undefined;
  return typeof inner.code === 'number' ? inner.code : Number(inner.code);
}
