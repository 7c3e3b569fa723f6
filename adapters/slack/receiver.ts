/**
 * Slack's HTTP mode as a Bolt Receiver (https://docs.slack.dev/tools/bolt-js/concepts/receiver)
 * whose requests come from the process's own HTTP server (`POST /slack/events`, beside
 * `/healthz` and `/metrics`) instead of a server of Bolt's. Events, slash commands and
 * interactivity all arrive here.
 *
 * Every request is checked with Slack's v0 signature (Bolt's `verifySlackRequest`: HMAC of
 * `v0:{timestamp}:{raw body}`) and a timestamp within five minutes of local time, either way,
 * before anything is parsed; a forged, stale or future one gets 401 and reaches no listener.
 * The response is written only when Bolt's processing has finished (the App holds the ack,
 * see ./app.ts), so a 200 means the delivery was stored, and a failure answers 500 for Slack
 * to retry: `processBeforeResponse` semantics.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type App, type Receiver, verifySlackRequest } from '@slack/bolt';
import type { Logger } from '../../src/logger.ts';

/** Where Slack's request URLs point in HTTP mode (events, commands and interactivity alike). */
export const SLACK_EVENTS_PATH = '/slack/events';

/** Slack's payloads are small; anything near this is not from Slack. */
const BODY_LIMIT_BYTES = 1_000_000;
/**
 * An over-long body is still read (and dropped) up to this size, so the sender gets the 413
 * rather than a reset connection; a body beyond it is cut off.
 */
const DRAIN_LIMIT_BYTES = 16 * BODY_LIMIT_BYTES;
/**
 * Slack's rule is a timestamp within five minutes of local time, either way
 * (https://docs.slack.dev/authentication/verifying-requests-from-slack); Bolt's
 * `verifySlackRequest` only refuses old ones, so the future side is checked here.
 */
const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export interface SlackHttpReceiverOptions {
  signingSecret: string;
  logger: Logger;
}

class BodyTooLarge extends Error {}

function readRaw(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > DRAIN_LIMIT_BYTES) {
        reject(new BodyTooLarge());
        req.destroy();
      } else if (size <= BODY_LIMIT_BYTES) {
        chunks.push(chunk);
      }
    });
    req.on('end', () =>
      size > BODY_LIMIT_BYTES
        ? reject(new BodyTooLarge())
        : resolve(Buffer.concat(chunks).toString('utf8')),
    );
    req.on('error', reject);
  });
}

/** The timestamp header lies more than Slack's five minutes ahead of this clock. */
function fromTheFuture(timestamp: number, nowMs: number): boolean {
  return timestamp - Math.floor(nowMs / 1000) > MAX_CLOCK_SKEW_SECONDS;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Events arrive as JSON; slash commands as form fields; interactions as a form whose one
 * `payload` field holds JSON (https://docs.slack.dev/interactivity/handling-user-interaction).
 */
export function parseSlackBody(
  raw: string,
  contentType: string | undefined,
): Record<string, unknown> | undefined {
  try {
    if ((contentType ?? '').toLowerCase().startsWith('application/json')) {
      const json: unknown = JSON.parse(raw);
      return isRecord(json) ? json : undefined;
    }
    const form = Object.fromEntries(new URLSearchParams(raw));
    if (typeof form.payload !== 'string') return form;
    const payload: unknown = JSON.parse(form.payload);
    return isRecord(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '') {
    res.writeHead(status).end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' }).end(body);
  } else {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  }
}

function retryNumber(req: IncomingMessage): number | undefined {
  const raw = header(req, 'x-slack-retry-num');
  const number = raw === undefined ? Number.NaN : Number(raw);
  return Number.isInteger(number) ? number : undefined;
}

export class SlackHttpReceiver implements Receiver {
  private readonly options: SlackHttpReceiverOptions;
  private app: App | undefined;
  private accepting = false;

  constructor(options: SlackHttpReceiverOptions) {
    this.options = options;
  }

  init(app: App): void {
    this.app = app;
  }

  /** Called by `app.start()`: requests are processed from now on. */
  async start(): Promise<void> {
    this.accepting = true;
  }

  /** Called by `app.stop()`: later requests get 503, and Slack retries them elsewhere or later. */
  async stop(): Promise<void> {
    this.accepting = false;
  }

  get isAccepting(): boolean {
    return this.accepting;
  }

  /** The handler for `POST /slack/events`; it owns the request and always answers. */
  readonly handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const { logger } = this.options;
    let raw: string;
    try {
      raw = await readRaw(req);
    } catch (error) {
      send(res, error instanceof BodyTooLarge ? 413 : 400);
      return;
    }
    try {
      const timestamp = Number(header(req, 'x-slack-request-timestamp'));
      verifySlackRequest({
        signingSecret: this.options.signingSecret,
        body: raw,
        headers: {
          'x-slack-signature': header(req, 'x-slack-signature') ?? '',
          'x-slack-request-timestamp': timestamp,
        },
      });
      if (fromTheFuture(timestamp, Date.now())) {
        throw new Error('x-slack-request-timestamp is more than five minutes in the future');
      }
    } catch (error) {
      logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'slack request refused',
      );
      send(res, 401);
      return;
    }
    const body = parseSlackBody(raw, header(req, 'content-type'));
    if (!body) {
      send(res, 400);
      return;
    }
    // Answered even before start: Slack checks the URL when an admin saves it in app settings.
    if (body.type === 'url_verification') {
      send(res, 200, { challenge: typeof body.challenge === 'string' ? body.challenge : '' });
      return;
    }
    if (body.type === 'ssl_check') {
      send(res, 200);
      return;
    }
    const app = this.app;
    if (!this.accepting || !app) {
      send(res, 503);
      return;
    }
    await this.process(app, body, req, res);
  };

  private async process(
    app: App,
    body: Record<string, unknown>,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const retryNum = retryNumber(req);
    const retryReason = header(req, 'x-slack-retry-reason');
    try {
      await app.processEvent({
        body,
        ...(retryNum === undefined ? {} : { retryNum }),
        ...(retryReason === undefined ? {} : { retryReason }),
        ack: async (response?: unknown) => send(res, 200, response),
      });
      send(res, 200);
    } catch (error) {
      // Not acknowledged: Slack retries the event (with the same event_id, stored once).
      this.options.logger.warn({ err: error }, 'slack delivery not acknowledged');
      send(res, 500);
    }
  }
}
