/**
 * The dispatcher behind both fakes' control routes under `/_fake/`: how a test in another
 * process drives a standalone fake. Each fake supplies its own table of routes, thin JSON
 * wrappers over its in-process API; this finds the route, runs it and answers, so a bad
 * request comes back as data (400 with the reason) rather than killing the fake.
 */
import { type HttpCall, sendJson } from './http.ts';

export const CONTROL_PREFIX = '/_fake/';

/** One control route: what it answers is sent back as JSON with status 200. */
export type ControlHandler<Fake> = (call: HttpCall, fake: Fake) => unknown;

/** Routes keyed `METHOD name`, the name being the path after CONTROL_PREFIX. */
export type ControlTable<Fake> = Readonly<Record<string, ControlHandler<Fake>>>;

/** A control request's JSON body; an empty body reads as `{}` (every field optional). */
export function controlBody(call: HttpCall): unknown {
  return call.rawBody.length === 0 ? {} : JSON.parse(call.rawBody);
}

export class ControlRoutes<Fake> {
  private readonly routes: ControlTable<Fake>;
  private readonly fake: () => Fake;

  /** Takes a getter because the routes are wired before the fake object exists. */
  constructor(routes: ControlTable<Fake>, fake: () => Fake) {
    this.routes = routes;
    this.fake = fake;
  }

  async handle(call: HttpCall): Promise<void> {
    const name = call.url.pathname.slice(CONTROL_PREFIX.length);
    const handler = this.routes[`${call.req.method ?? 'GET'} ${name}`];
    if (!handler) {
      sendJson(call.res, 404, { ok: false, error: 'unknown_control_route' });
      return;
    }
    try {
      sendJson(call.res, 200, await handler(call, this.fake()));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      sendJson(call.res, 400, { ok: false, error: 'invalid_request', detail });
    }
  }
}
