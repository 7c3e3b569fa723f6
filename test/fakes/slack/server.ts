/**
 * `startFakeSlack`: a stateful fake Slack on 127.0.0.1 for adapter tests and chaos runs.
 *
 * One HTTP port serves the Web API (`/api/<method>`, point Bolt's `clientOptions.slackApiUrl`
 * at `apiUrl`), response URLs and the control routes the standalone process is driven by;
 * a second port serves Socket Mode, so a test can drop every WebSocket while the Web API
 * stays up, which is how Slack outages usually look.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { CONTROL_PREFIX, ControlRoutes } from '../common/control-routes.ts';
import { type HttpCall, listenOnLoopback, readBody } from '../common/http.ts';
import { controlRoutes } from './control-routes.ts';
import { FaultPlan } from './faults.ts';
import { sendJson } from './http-utils.ts';
import { TsClock } from './ids.ts';
import { MessageStore, type SlackMessage } from './message-store.ts';
import type { FakeSlackState } from './method-types.ts';
import { type FakeSlackOptions, type ResolvedFakeSlackOptions, resolveOptions } from './options.ts';
import { RequestLog } from './request-log.ts';
import { RESPONSE_URL_PREFIX, ResponseUrls } from './response-urls.ts';
import type { DeliverInput, SocketAck, SocketEnvelope } from './socket-envelopes.ts';
import { type DeliverOptions, SocketModeServer } from './socket-mode.ts';
import { WebApiRoute } from './web-api.ts';
import { Workspace } from './workspace.ts';

export interface UserMessageInput {
  channel: string;
  user: string;
  text: string;
  /** Makes it a reply in that thread. */
  threadTs?: string;
}

export interface FakeSlack {
  readonly port: number;
  readonly socketPort: number;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>/api/`: the WebClient's `slackApiUrl`. */
  readonly apiUrl: string;
  readonly options: ResolvedFakeSlackOptions;
  /** Every request received (Web API and response URLs), for assertions and waits. */
  readonly requests: RequestLog;
  /** Make the next N calls of a method fail: `faults.next('chat.postMessage', fault, n)`. */
  readonly faults: FaultPlan;
  /** Channels, bot membership, users (admin flags). */
  readonly workspace: Workspace;
  /** What the workspace holds: messages, threads, ephemerals. */
  readonly messages: MessageStore;
  readonly socketMode: SocketModeServer;
  readonly responseUrls: ResponseUrls;
  /** Pushes an envelope over Socket Mode; resolves with the ack (rejects on timeout). */
  deliver(input: DeliverInput, options?: DeliverOptions): Promise<SocketAck>;
  /** Redelivers an un-acked envelope as Slack's retry would. */
  redeliver(
    envelope: SocketEnvelope,
    options?: DeliverOptions & { reason?: string },
  ): Promise<SocketAck>;
  /** Stores a member's message (so history and threads hold it) and returns it with its `ts`. */
  postAsUser(input: UserMessageInput): SlackMessage;
  stop(): Promise<void>;
}

export async function startFakeSlack(input: FakeSlackOptions = {}): Promise<FakeSlack> {
  const options = resolveOptions(input);
  const socketMode = await SocketModeServer.start(
    options.socketPort,
    options.appId,
    options.ackTimeoutMs,
  );
  const requests = new RequestLog();
  const faults = new FaultPlan();
  const workspace = new Workspace(options);
  const messages = new MessageStore(new TsClock(options.now));
  const state: FakeSlackState = {
    options,
    workspace,
    messages,
    issueSocketUrl: () => socketMode.issueUrl(),
  };
  let baseUrl = '';
  const webApi = new WebApiRoute({ state, requests, faults });
  const responseUrls = new ResponseUrls(requests, () => baseUrl, options.teamId);
  const control = new ControlRoutes(controlRoutes, () => fake);
  // A client that aborts mid-body just loses its connection; the fake keeps serving.
  const server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy());
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', baseUrl);
    const call: HttpCall = { req, res, url, rawBody: await readBody(req) };
    if (url.pathname.startsWith('/api/')) webApi.handle(call, url.pathname.slice('/api/'.length));
    else if (url.pathname.startsWith(RESPONSE_URL_PREFIX)) responseUrls.handle(call);
    else if (url.pathname.startsWith(CONTROL_PREFIX)) await control.handle(call);
    else sendJson(call.res, 404, { ok: false, error: 'not_found' });
  }

  const port = await listenOnLoopback(server, options.port, 'fake slack');
  baseUrl = `http://127.0.0.1:${port}`;
  const fake: FakeSlack = {
    port,
    socketPort: socketMode.port,
    baseUrl,
    apiUrl: `${baseUrl}/api/`,
    options,
    requests,
    faults,
    workspace,
    messages,
    socketMode,
    responseUrls,
    deliver: (envelope, deliverOptions) => socketMode.deliver(envelope, deliverOptions),
    redeliver: (envelope, deliverOptions) => socketMode.redeliver(envelope, deliverOptions),
    postAsUser: (message) => {
      const parent =
        message.threadTs === undefined
          ? undefined
          : messages.find(message.channel, message.threadTs);
      return messages.add(message.channel, {
        user: message.user,
        text: message.text,
        team: options.teamId,
        ...(message.threadTs !== undefined ? { thread_ts: message.threadTs } : {}),
        ...(parent ? { parent_user_id: parent.user } : {}),
      });
    },
    stop: async () => {
      webApi.close();
      await socketMode.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}
