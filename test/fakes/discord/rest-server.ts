/**
 * The REST side of the fake: `/api/v10/...` requests are recorded, authenticated
 * (`Authorization: Bot <token>`, 401 with Discord's error JSON otherwise), put through any
 * injected fault or the optional global rate limit, then handed to their route.
 *
 * Gateway events a request causes (the bot's own MESSAGE_CREATE, THREAD_CREATE, ...) are
 * dispatched after the answer is written, so a client sees the HTTP result first, as it
 * usually does on Discord.
 *
 * @see https://discord.com/developers/docs/reference#authentication
 * @see https://discord.com/developers/docs/topics/rate-limits#exceeding-a-rate-limit
 */
import type { ServerResponse } from 'node:http';
import { flattenHeaders, type HttpCall, sendJson } from '../common/http.ts';
import { API_VERSION } from './constants.ts';
import { RestError } from './errors.ts';
import type { Fault, FaultPlan } from './faults.ts';
import { GlobalRateLimit } from './global-rate-limit.ts';
import { decodeBody } from './http-utils.ts';
import type { RecordedRequest, RequestLog } from './request-log.ts';
import { type RouteMatch, RouteMatcher } from './routes.ts';
import { channelRoutes } from './routes-channels.ts';
import { commandRoutes } from './routes-commands.ts';
import { interactionRoutes } from './routes-interactions.ts';
import { messageRoutes } from './routes-messages.ts';
import { reactionRoutes } from './routes-reactions.ts';
import { userRoutes } from './routes-users.ts';
import { webhookRoutes } from './routes-webhooks.ts';
import type { FakeDiscordState, RouteDef, RouteResult } from './state.ts';

export const API_PREFIX = `/api/v${API_VERSION}`;

const ALL_ROUTES: RouteDef[] = [
  ...userRoutes,
  ...channelRoutes,
  ...messageRoutes,
  ...reactionRoutes,
  ...interactionRoutes,
  ...webhookRoutes,
  ...commandRoutes,
];

interface Pending {
  type: string;
  data: unknown;
}

export interface RestApiDeps {
  state: FakeDiscordState;
  requests: RequestLog;
  faults: FaultPlan;
  /** Sends a gateway dispatch to the bot's sessions (the echo of its REST actions). */
  dispatch(type: string, data: unknown): void;
}

export class RestApi {
  private readonly deps: RestApiDeps;
  private readonly matcher = new RouteMatcher(ALL_ROUTES.map((def) => def.route));
  private readonly defs = new Map(ALL_ROUTES.map((def) => [def.route, def]));
  /** Answers held by a `hang` fault, released (destroyed) when the fake stops. */
  private readonly held = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly globalLimit: GlobalRateLimit;

  constructor(deps: RestApiDeps) {
    this.deps = deps;
    const { options } = deps.state;
    this.globalLimit = new GlobalRateLimit(options.globalRateLimitPerSecond, options.now);
  }

  handle(call: HttpCall): void {
    const { state, requests } = this.deps;
    const path = call.url.pathname.slice(API_PREFIX.length) || '/';
    const method = call.req.method ?? 'GET';
    const match = this.matcher.match(method, path);
    const record = requests.add({
      method,
      path,
      route: typeof match === 'object' ? match.route : null,
      params: typeof match === 'object' ? match.params : {},
      query: Object.fromEntries(call.url.searchParams),
      body: undefined,
      rawBody: call.rawBody,
      headers: flattenHeaders(call.req),
      receivedAt: state.options.now(),
    });
    try {
      record.body = decodeBody(call.req.headers['content-type'], call.rawBody);
    } catch {
      this.answer(call.res, record, {
        status: 400,
        body: { message: 'The request body contains invalid JSON.', code: 50109 },
      });
      return;
    }
    if (match === undefined) {
      this.answer(call.res, record, { status: 404, body: { message: '404: Not Found', code: 0 } });
      return;
    }
    if (match === 'methodMismatch') {
      this.answer(call.res, record, {
        status: 405,
        body: { message: '405: Method Not Allowed', code: 0 },
      });
      return;
    }
    this.route(call, record, match);
  }

  private route(call: HttpCall, record: RecordedRequest, match: RouteMatch): void {
    const def = this.defs.get(match.route);
    if (!def) return;
    if (def.auth && !this.authorised(call.req.headers.authorization)) {
      this.answer(call.res, record, this.errorResult(RestError.unauthorized()));
      return;
    }
    const globalLimit = this.globalLimit.check(call.req.headers.authorization);
    if (globalLimit) {
      this.answer(call.res, record, globalLimit);
      return;
    }
    const fault = this.deps.faults.take(match.route);
    if (fault) record.fault = fault.kind;
    if (fault?.kind === 'rate_limit') {
      this.answer(call.res, record, this.rateLimited(fault, match.route));
      return;
    }
    if (fault?.kind === 'server_error' && !fault.afterApply) {
      this.answer(call.res, record, {
        status: fault.status ?? 500,
        body: { message: '500: Internal Server Error', code: 0 },
      });
      return;
    }
    if (fault?.kind === 'reset' && !fault.afterApply) {
      call.req.socket.resetAndDestroy();
      return;
    }
    const pending: Pending[] = [];
    const result = this.run(def, call, match, record, pending);
    this.finish(call, record, result, pending, fault);
  }

  private run(
    def: RouteDef,
    call: HttpCall,
    match: RouteMatch,
    record: RecordedRequest,
    pending: Pending[],
  ): RouteResult {
    try {
      return def.handle({
        state: this.deps.state,
        params: match.params,
        query: call.url.searchParams,
        body: record.body,
        emit: (type, data) => pending.push({ type, data }),
      });
    } catch (error) {
      if (error instanceof RestError) return this.errorResult(error);
      // A bug in the fake must be loud, not a silently green test.
      process.stderr.write(
        `fake discord: ${match.route} threw: ${error instanceof Error ? error.stack : String(error)}\n`,
      );
      return {
        status: 500,
        body: { message: `fake discord internal error: ${String(error)}`, code: 0 },
      };
    }
  }

  /** Answers (or, per the fault, withholds the answer), then sends the queued dispatches. */
  private finish(
    call: HttpCall,
    record: RecordedRequest,
    result: RouteResult,
    pending: Pending[],
    fault: Fault | undefined,
  ): void {
    const flush = () => {
      if (!this.deps.state.options.echoRestEvents) return;
      for (const event of pending) this.deps.dispatch(event.type, event.data);
    };
    if (fault?.kind === 'reset') {
      call.req.socket.resetAndDestroy();
      flush();
      return;
    }
    if (fault?.kind === 'server_error') {
      this.answer(call.res, record, {
        status: fault.status ?? 500,
        body: { message: '500: Internal Server Error', code: 0 },
      });
      flush();
      return;
    }
    if (fault?.kind === 'hang') {
      this.held.add(call.res);
      flush();
      if (fault.answerAfterMs !== undefined) {
        const timer = setTimeout(() => {
          this.timers.delete(timer);
          this.held.delete(call.res);
          this.answer(call.res, record, result);
        }, fault.answerAfterMs);
        this.timers.add(timer);
      }
      return;
    }
    this.answer(call.res, record, result);
    flush();
  }

  private answer(
    res: ServerResponse,
    record: RecordedRequest,
    result: RouteResult & { headers?: Record<string, string> },
  ): void {
    record.status = result.status;
    sendJson(res, result.status, result.body, result.headers);
  }

  private errorResult(error: RestError): RouteResult {
    return { status: error.status, body: error.body };
  }

  private authorised(header: string | undefined): boolean {
    const match = /^Bot (.+)$/.exec(header ?? '');
    return match?.[1] !== undefined && this.deps.state.options.tokens.includes(match[1]);
  }

  private rateLimited(
    fault: Extract<Fault, { kind: 'rate_limit' }>,
    route: string,
  ): RouteResult & { headers: Record<string, string> } {
    const seconds = fault.retryAfterSeconds;
    const global = fault.global ?? false;
    const headers: Record<string, string> = {
      'retry-after': String(seconds),
      'x-ratelimit-scope': fault.scope ?? (global ? 'global' : 'user'),
    };
    if (global) {
      headers['x-ratelimit-global'] = 'true';
    } else {
      const resetAt = this.deps.state.options.now() / 1000 + seconds;
      Object.assign(headers, {
        'x-ratelimit-limit': '5',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-reset': resetAt.toFixed(3),
        'x-ratelimit-reset-after': seconds.toFixed(3),
        'x-ratelimit-bucket': Buffer.from(route).toString('hex').slice(0, 32),
      });
    }
    return {
      status: 429,
      headers,
      body: { message: 'You are being rate limited.', retry_after: seconds, global },
    };
  }

  /** Drops held answers and timers; the HTTP server closes the sockets. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
  }
}
