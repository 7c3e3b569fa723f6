/**
 * Slack Web API failures -> the port's PlatformError kinds. The core decides what to do with
 * a kind (pause the channel, back off, look for the post before retrying); this file only
 * says which kind a Slack failure is. Error codes are from each method's reference
 * (https://docs.slack.dev/reference/methods/chat.postMessage#errors and siblings).
 */
import { webApi } from '@slack/bolt';
import { PlatformError, type PlatformErrorKind } from '../../src/core/platform.ts';

/** How a call may be retried, which decides what an interrupted call means. */
export type CallKind =
  /** Posts a new message: a second attempt after an interrupted one may post it twice. */
  | 'post'
  /** Reads, edits, reactions: safe to repeat. */
  | 'idempotent';

const CHANNEL_LOST: Readonly<Record<string, PlatformErrorKind>> = {
  not_in_channel: 'not_in_channel',
  channel_not_found: 'channel_gone',
  is_archived: 'channel_gone',
  restricted_action: 'forbidden',
  restricted_action_read_only_channel: 'forbidden',
  restricted_action_thread_only_channel: 'forbidden',
  restricted_action_non_threadable_channel: 'forbidden',
  cant_update_message: 'forbidden',
  ekm_access_denied: 'forbidden',
  access_denied: 'forbidden',
  missing_scope: 'forbidden',
  team_access_not_granted: 'forbidden',
};

/**
 * Failures of Slack itself or of the whole app, not of this request: retry later. A revoked
 * or wrong token stops every call alike, so it is an outage to the core, not one lost channel.
 */
const OUTAGE = new Set([
  'internal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'token_revoked',
  'token_expired',
]);

/** Network errors that prove the request never reached Slack, so nothing can have happened. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * After waiting out a 429's `Retry-After`, the WebClient throws an Error with this message
 * (wrapped in a request error) to make its retry policy try again; when the bounded retries
 * run out, it is what the call rejects with.
 */
const RATE_LIMITED = /A rate limit was exceeded \(url: [^,]*, retry-after: (\d+)\)/;

/** The `code` of an error or of any error in its `cause` chain (fetch wraps socket errors). */
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

function platformFailure(error: InstanceType<typeof webApi.WebAPIPlatformError>, call: CallKind) {
  const code = error.data.error;
  const lost = CHANNEL_LOST[code];
  if (lost) {
    const needed = code === 'missing_scope' ? Reflect.get(error.data, 'needed') : undefined;
    const detail = typeof needed === 'string' ? ` (the app needs the ${needed} scope)` : '';
    return new PlatformError(lost, `slack: ${code}${detail}`, { cause: error });
  }
  if (code === 'ratelimited') {
    const seconds = error.data.response_metadata?.retryAfter;
    return new PlatformError('rate_limited', 'slack: ratelimited', {
      cause: error,
      ...(seconds === undefined ? {} : { retryAfterMs: seconds * 1000 }),
    });
  }
  // "Some aspect of the operation may have succeeded before the error was raised."
  if (code === 'fatal_error') {
    return new PlatformError(
      call === 'post' ? 'unknown_outcome' : 'unavailable',
      'slack: fatal_error',
      {
        cause: error,
      },
    );
  }
  if (OUTAGE.has(code)) return new PlatformError('unavailable', `slack: ${code}`, { cause: error });
  // invalid_blocks, msg_too_long, invalid_metadata_format, user_not_found, ...: retrying
  // the same request would be refused the same way.
  return new PlatformError('invalid', `slack: ${code}`, { cause: error });
}

/** Maps anything a WebClient call threw to a PlatformError (kept as is if it already is one). */
export function toPlatformError(error: unknown, method: string, call: CallKind): PlatformError {
  if (error instanceof PlatformError) return error;
  if (error instanceof webApi.WebAPIPlatformError) return platformFailure(error, call);
  if (error instanceof webApi.WebAPIRateLimitedError) {
    return new PlatformError('rate_limited', `slack ${method}: rate limited`, {
      cause: error,
      retryAfterMs: error.retryAfter * 1000,
    });
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    // Slack answers almost everything with 200; anything else is its edge or a proxy failing.
    const kind = error.statusCode >= 500 || error.statusCode === 408 ? 'unavailable' : 'invalid';
    return new PlatformError(kind, `slack ${method}: HTTP ${error.statusCode}`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const limited = RATE_LIMITED.exec(message);
  if (limited) {
    return new PlatformError('rate_limited', `slack ${method}: still rate limited after retries`, {
      cause: error,
      retryAfterMs: Number(limited[1]) * 1000,
    });
  }
  if (causeCodes(error).some((code) => NOT_SENT.has(code))) {
    return new PlatformError('unavailable', `slack ${method}: could not connect`, { cause: error });
  }
  // A timeout or a reset after the request went out: Slack may have posted it.
  const kind = call === 'post' ? 'unknown_outcome' : 'unavailable';
  return new PlatformError(kind, `slack ${method}: ${message}`, { cause: error });
}

/**
 * Whether the WebClient may retry a failed attempt by itself: only after a 429, whose
 * `Retry-After` it has just waited out (it signals that with a request error carrying the
 * rate-limit message). Slack has no idempotency key for posts, so a timed-out or reset
 * `chat.postMessage` repeated here could post twice; the core retries instead, after looking
 * for the first attempt's message (findPosted).
 */
export function isRetryableByClient(error: unknown): boolean {
  return RATE_LIMITED.test(error instanceof Error ? error.message : String(error));
}

/** The Slack error code (`already_reacted`, `user_not_found`) behind a mapped error, if any. */
export function slackErrorCode(error: unknown): string | undefined {
  const cause = error instanceof PlatformError ? error.cause : error;
  return cause instanceof webApi.WebAPIPlatformError ? cause.data.error : undefined;
}
