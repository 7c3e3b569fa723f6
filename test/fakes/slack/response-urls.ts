/**
 * The fake's `response_url` endpoint. Slash commands and interactions carry a `response_url`
 * that Bolt's `respond()` POSTs JSON to (ephemeral or in-channel replies); on real Slack it is
 * a hooks.slack.com URL, here it is a loopback URL the fake hands out, so tests can assert on
 * what the adapter answered without any traffic beyond 127.0.0.1.
 */
import { flattenHeaders, type HttpCall } from '../common/http.ts';
import { waitFor } from '../common/wait.ts';
import { sendJson } from './http-utils.ts';
import { IdSequence } from './ids.ts';
import { parseApiBody } from './request-body.ts';
import type { RecordedRequest, RequestLog } from './request-log.ts';

export const RESPONSE_URL_PREFIX = '/response_url/';
/** The method name response URL posts are recorded under in the request log. */
export const RESPONSE_URL_METHOD = 'response_url';

export interface ResponseUrlPost {
  /** The full URL that was posted to. */
  url: string;
  /** The decoded JSON body (`text`, `blocks`, `response_type`, `replace_original`, ...). */
  body: Record<string, unknown>;
  request: RecordedRequest;
}

export class ResponseUrls {
  private readonly requests: RequestLog;
  private readonly baseUrl: () => string;
  private readonly teamId: string;
  private readonly ids = new IdSequence('', 10);

  constructor(requests: RequestLog, baseUrl: () => string, teamId: string) {
    this.requests = requests;
    this.baseUrl = baseUrl;
    this.teamId = teamId;
  }

  /** A fresh response URL, shaped like Slack's `/commands/<team>/<id>/<secret>` path. */
  create(): string {
    const id = this.ids.next();
    return `${this.baseUrl()}${RESPONSE_URL_PREFIX}${this.teamId}/${id}/fake${id.slice(-4)}`;
  }

  /** Posts received, oldest first, optionally only those to one URL. */
  posts(url?: string): ResponseUrlPost[] {
    return this.requests
      .all(RESPONSE_URL_METHOD)
      .map((request) => ({ url: `${this.baseUrl()}${request.path}`, body: request.body, request }))
      .filter((post) => url === undefined || post.url === url);
  }

  /** Waits for the `count`-th post (to `url` when given); `respond()` runs after the ack. */
  waitFor(url?: string, timeoutMs = 5_000, count = 1): Promise<ResponseUrlPost> {
    return waitFor(
      () => this.posts(url)[count - 1],
      timeoutMs,
      `response_url post #${count}${url ? ` to ${url}` : ''}`,
    );
  }

  handle(call: HttpCall): void {
    const parsed = parseApiBody(
      call.rawBody,
      call.req.headers['content-type'],
      new URLSearchParams(),
    );
    this.requests.add({
      method: RESPONSE_URL_METHOD,
      path: call.url.pathname,
      body: parsed.ok ? parsed.args : {},
      rawBody: call.rawBody,
      headers: flattenHeaders(call.req),
      receivedAt: Date.now(),
    });
    if (!parsed.ok) {
      sendJson(call.res, 400, { ok: false, error: parsed.error });
      return;
    }
    sendJson(call.res, 200, { ok: true });
  }
}
