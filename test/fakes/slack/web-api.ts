/**
 * The Web API route, `POST /api/<method>`: decode, record, apply any injected fault, check the
 * token, run the method, answer.
 *
 * The order mirrors what a client can observe from Slack: a rate-limited or failed call had
 * no effect, an `unknown_method` is reported whatever the token, and a "hang" takes effect
 * before its answer is held back, which is the unknown-outcome case the adapter must handle
 * by looking for its post instead of posting twice.
 */
import type { ServerResponse } from 'node:http';
import { flattenHeaders, type HttpCall } from '../common/http.ts';
import { ChannelRateLimit } from './channel-rate-limit.ts';
import type { Fault, FaultPlan } from './faults.ts';
import { sendJson } from './http-utils.ts';
import type { ApiResult, FakeSlackState, MethodDefinition, TokenKind } from './method-types.ts';
import { chatMethods } from './methods-chat.ts';
import { readMethods } from './methods-read.ts';
import { viewMethods } from './methods-views.ts';
import { type ApiArgs, parseApiBody } from './request-body.ts';
import type { RequestLog } from './request-log.ts';

/** Every method the fake implements; anything else answers `unknown_method`. */
export const FAKE_METHODS: Record<string, MethodDefinition> = {
  ...chatMethods,
  ...readMethods,
  ...viewMethods,
};

export interface WebApiDeps {
  state: FakeSlackState;
  requests: RequestLog;
  faults: FaultPlan;
}

export class WebApiRoute {
  private readonly deps: WebApiDeps;
  /** Answers held by a `hang` fault, released (or dropped) when the fake stops. */
  private readonly held = new Set<ServerResponse>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly channelLimit: ChannelRateLimit;

  constructor(deps: WebApiDeps) {
    this.deps = deps;
    const { options } = deps.state;
    this.channelLimit = new ChannelRateLimit(options.channelRateLimitMs, options.now);
  }

  handle(call: HttpCall, method: string): void {
    const { req, res, url, rawBody } = call;
    const parsed = parseApiBody(rawBody, req.headers['content-type'], url.searchParams);
    const args = parsed.ok ? parsed.args : {};
    const fault = this.deps.faults.take(method) ?? this.channelLimit.check(method, args);
    this.deps.requests.add({
      method,
      path: url.pathname,
      body: args,
      rawBody,
      headers: flattenHeaders(req),
      receivedAt: Date.now(),
      ...(fault ? { fault: fault.kind } : {}),
    });
    if (fault && this.failBeforeEffect(call, fault)) return;
    const answer: ApiResult = parsed.ok
      ? this.run(method, args, req.headers.authorization)
      : { ok: false, error: parsed.error };
    if (fault?.kind === 'reset') {
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'hang') {
      this.hold(res, answer, fault.answerAfterMs);
      return;
    }
    sendJson(res, 200, answer);
  }

  /** Drops held answers and pending delayed ones, so stopping never waits on a hang. */
  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const res of this.held) res.destroy();
    this.held.clear();
  }

  /** Faults that stop the call before it takes effect; true when the call is answered. */
  private failBeforeEffect(call: HttpCall, fault: Fault): boolean {
    switch (fault.kind) {
      case 'rate_limit':
        sendJson(
          call.res,
          429,
          { ok: false, error: 'ratelimited' },
          { 'retry-after': String(fault.retryAfterSeconds) },
        );
        return true;
      case 'server_error':
        sendJson(call.res, fault.status ?? 500, { ok: false, error: 'internal_error' });
        return true;
      case 'reset':
        if (fault.afterApply) return false;
        call.req.socket.resetAndDestroy();
        return true;
      case 'hang':
        return false;
    }
  }

  private run(method: string, args: ApiArgs, authorization: string | undefined): ApiResult {
    const definition = FAKE_METHODS[method];
    if (!definition) return { ok: false, error: 'unknown_method', req_method: method };
    const token =
      bearerToken(authorization) ?? (typeof args.token === 'string' ? args.token : undefined);
    if (token === undefined) return { ok: false, error: 'not_authed' };
    const kind = this.tokenKind(token);
    if (kind === undefined) return { ok: false, error: 'invalid_auth' };
    if (!definition.tokens.includes(kind)) return { ok: false, error: 'not_allowed_token_type' };
    return definition.handler({ args, tokenKind: kind, state: this.deps.state });
  }

  private tokenKind(token: string): TokenKind | undefined {
    const { options } = this.deps.state;
    if (options.botTokens.includes(token)) return 'bot';
    if (options.appTokens.includes(token)) return 'app';
    return undefined;
  }

  private hold(res: ServerResponse, answer: unknown, afterMs: number | undefined): void {
    this.held.add(res);
    res.on('close', () => this.held.delete(res));
    if (afterMs === undefined) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.held.delete(res);
      sendJson(res, 200, answer);
    }, afterMs);
    this.timers.add(timer);
  }
}

function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}
