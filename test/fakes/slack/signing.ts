/**
 * Signed HTTP-mode requests, as Slack sends them to `/slack/events`.
 *
 * Slack signs `v0:{timestamp}:{raw body}` with HMAC-SHA256 and the app's signing secret and
 * sends `x-slack-signature: v0=<hex>` with `x-slack-request-timestamp`
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack). Events arrive as
 * JSON, slash commands as form fields, interactions as a form with one `payload` field holding
 * JSON; the signature covers those exact bytes, so the body is encoded once and signed as is.
 */
import { createHmac } from 'node:crypto';
import { envelopeTypeOf } from './socket-envelopes.ts';

/** A body already encoded for the wire. */
export interface EncodedSlackBody {
  readonly kind: 'encoded';
  readonly contentType: string;
  readonly raw: string;
}

export interface SignedRequestOptions {
  /** Unix seconds; defaults to now. An old one makes a stale request (Bolt rejects > 5 min). */
  timestamp?: number;
  /** Sets `x-slack-retry-num`, as on Slack's retries of an event. */
  retryNum?: number;
  /** Sets `x-slack-retry-reason` (`http_timeout`, `http_error`, ...). */
  retryReason?: string;
  /** Sends this signature instead of the right one, to forge a request. */
  signature?: string;
}

export interface BuiltRequest {
  url: string;
  init: { method: 'POST'; headers: Record<string, string>; body: string };
}

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}`. */
export function slackSignature(
  signingSecret: string,
  timestamp: number | string,
  raw: string,
): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestamp}:${raw}`);
  return `v0=${hmac.digest('hex')}`;
}

/** An Events API body (`event_callback`, `url_verification`): JSON. */
export function jsonBody(payload: Record<string, unknown>): EncodedSlackBody {
  return { kind: 'encoded', contentType: 'application/json', raw: JSON.stringify(payload) };
}

/** A slash command body: its fields, form-encoded, every value a string. */
export function commandBody(payload: Record<string, unknown>): EncodedSlackBody {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    form.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return {
    kind: 'encoded',
    contentType: 'application/x-www-form-urlencoded',
    raw: form.toString(),
  };
}

/** An interaction body: form-encoded with the whole payload as JSON in `payload`. */
export function interactiveBody(payload: Record<string, unknown>): EncodedSlackBody {
  const form = new URLSearchParams({ payload: JSON.stringify(payload) });
  return {
    kind: 'encoded',
    contentType: 'application/x-www-form-urlencoded',
    raw: form.toString(),
  };
}

/** Encodes a payload the way Slack would send it over HTTP, judging by its shape. */
export function encodeForHttp(payload: Record<string, unknown>): EncodedSlackBody {
  if (payload.type === 'url_verification') return jsonBody(payload);
  switch (envelopeTypeOf(payload)) {
    case 'events_api':
      return jsonBody(payload);
    case 'slash_commands':
      return commandBody(payload);
    case 'interactive':
      return interactiveBody(payload);
  }
}

/** The request Slack would send, without sending it (so a test can tamper with it first). */
export function buildSignedRequest(
  url: string,
  body: EncodedSlackBody | Record<string, unknown>,
  signingSecret: string,
  options: SignedRequestOptions = {},
): BuiltRequest {
  const encoded = isEncoded(body) ? body : encodeForHttp(body);
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': encoded.contentType,
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': options.signature ?? slackSignature(signingSecret, timestamp, encoded.raw),
  };
  if (options.retryNum !== undefined) headers['x-slack-retry-num'] = String(options.retryNum);
  if (options.retryReason !== undefined) headers['x-slack-retry-reason'] = options.retryReason;
  return { url, init: { method: 'POST', headers, body: encoded.raw } };
}

/** Builds, signs and sends the request; resolves with the receiver's response. */
export async function signedRequest(
  url: string,
  body: EncodedSlackBody | Record<string, unknown>,
  signingSecret: string,
  options: SignedRequestOptions = {},
): Promise<Response> {
  const request = buildSignedRequest(url, body, signingSecret, options);
  return fetch(request.url, request.init);
}

function isEncoded(body: EncodedSlackBody | Record<string, unknown>): body is EncodedSlackBody {
  return body.kind === 'encoded' && typeof body.raw === 'string';
}
