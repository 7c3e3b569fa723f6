/**
 * `startFakeDiscord`: a stateful fake Discord on 127.0.0.1 for adapter tests and chaos runs.
 *
 * One port serves REST under `/api/v10` (point discord.js at it with
 * `new Client({ rest: { api: fake.apiUrl } })`), the gateway under `/gateway` (handed out by
 * `GET /gateway/bot`, so nothing else needs configuring) and the control routes the
 * standalone process is driven by under `/_fake/`.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { CONTROL_PREFIX, ControlRoutes } from '../common/control-routes.ts';
import { type HttpCall, listenOnLoopback, readBody, sendJson } from '../common/http.ts';
import { waitFor } from '../common/wait.ts';
import { CommandStore } from './command-store.ts';
import { controlRoutes } from './control-routes.ts';
import { FaultPlan } from './faults.ts';
import { FakeGateway } from './gateway-server.ts';
import type { GatewaySession } from './gateway-session.ts';
import { type DispatchResult, GATEWAY_PATH, type GatewayConnection } from './gateway-types.ts';
import { InteractionStore } from './interaction-store.ts';
import { MemberActions } from './member-actions.ts';
import { MessageStore } from './message-store.ts';
import {
  type FakeDiscordOptions,
  type ResolvedFakeDiscordOptions,
  resolveOptions,
} from './options.ts';
import { RequestLog } from './request-log.ts';
import { API_PREFIX, RestApi } from './rest-server.ts';
import { SnowflakeGenerator } from './snowflake.ts';
import type { FakeDiscordState } from './state.ts';
import { World } from './world.ts';

export interface WaitOptions {
  /** Wait for the n-th occurrence (default 1). */
  count?: number;
  timeoutMs?: number;
}

export interface FakeDiscord {
  readonly port: number;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** `http://127.0.0.1:<port>/api`: discord.js's `rest.api` (it appends `/v10`). */
  readonly apiUrl: string;
  /** `ws://127.0.0.1:<port>/gateway`, what `GET /gateway/bot` returns. */
  readonly gatewayUrl: string;
  /** The first accepted bot token. */
  readonly token: string;
  readonly options: ResolvedFakeDiscordOptions;
  /** Every REST request, for assertions and waits. */
  readonly requests: RequestLog;
  /** `faults.next(ROUTES.createMessage, { kind: 'rate_limit', retryAfterSeconds: 1 })`. */
  readonly faults: FaultPlan;
  /** Users, guilds, roles, members, channels, threads, DMs. */
  readonly world: World;
  readonly messages: MessageStore;
  readonly interactions: InteractionStore;
  readonly commands: CommandStore;
  readonly gateway: FakeGateway;
  /** Members and Discord acting: posts, edits, deletes, reactions, interactions, removal. */
  readonly members: MemberActions;
  /** Sends a dispatch to every session that should get it; returns who got which `s`. */
  dispatch(type: string, data: unknown): DispatchResult[];
  /** Registers an INTERACTION_CREATE payload (token, deadline) and dispatches it. */
  interact: MemberActions['interact'];
  /** Drops the gateway connections (4000 by default: clients resume). */
  disconnect(code?: number, options?: { terminate?: boolean; reason?: string }): number;
  /** Resolves with the `count`-th session that received READY. */
  waitForReady(options?: WaitOptions): Promise<GatewaySession>;
  /** Resolves once `count` RESUMEs were accepted in total, with the last resumed session. */
  waitForResume(options?: WaitOptions): Promise<GatewaySession>;
  stop(): Promise<void>;
}

export async function startFakeDiscord(input: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const options = resolveOptions(input);
  const ids = new SnowflakeGenerator(options.now);
  const world = new World(options, ids);
  let port = 0;
  let gateway: FakeGateway | undefined;
  const state: FakeDiscordState = {
    options,
    world,
    messages: new MessageStore(),
    interactions: new InteractionStore(),
    commands: new CommandStore(ids),
    ids,
    gatewayUrl: () => `ws://127.0.0.1:${port}${GATEWAY_PATH}`,
    identifyCount: () => gateway?.identifies ?? 0,
  };
  const liveGateway = new FakeGateway(state);
  gateway = liveGateway;
  const dispatch = (type: string, data: unknown) => liveGateway.dispatch(type, data);
  const requests = new RequestLog();
  const faults = new FaultPlan();
  const rest = new RestApi({ state, requests, faults, dispatch });
  const members = new MemberActions(state, dispatch);
  const control = new ControlRoutes(controlRoutes, () => fake);

  // A client that aborts mid-body just loses its connection; the fake keeps serving.
  const server = createServer((req, res) => {
    route(req, res).catch(() => res.destroy());
  });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname.startsWith(GATEWAY_PATH)) liveGateway.handleUpgrade(req, socket, head, url);
    else socket.destroy();
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const call: HttpCall = { req, res, url, rawBody: await readBody(req) };
    if (url.pathname.startsWith(`${API_PREFIX}/`)) rest.handle(call);
    else if (url.pathname.startsWith(CONTROL_PREFIX)) await control.handle(call);
    else sendJson(res, 404, { message: '404: Not Found', code: 0 });
  }

  port = await listenOnLoopback(server, options.port, 'fake discord');
  const baseUrl = `http://127.0.0.1:${port}`;
  const countResumes = () =>
    liveGateway.sessions().reduce((sum, session) => sum + session.resumes, 0);
  const fake: FakeDiscord = {
    port,
    baseUrl,
    apiUrl: `${baseUrl}/api`,
    gatewayUrl: state.gatewayUrl(),
    token: options.tokens[0] ?? '',
    options,
    requests,
    faults,
    world,
    messages: state.messages,
    interactions: state.interactions,
    commands: state.commands,
    gateway: liveGateway,
    members,
    dispatch,
    interact: (payload) => members.interact(payload),
    disconnect: (code, disconnectOptions) => liveGateway.disconnect(code, disconnectOptions),
    waitForReady: ({ count = 1, timeoutMs = 5_000 } = {}) =>
      waitFor(() => liveGateway.sessions()[count - 1], timeoutMs, `${count} READY session(s)`),
    waitForResume: ({ count = 1, timeoutMs = 5_000 } = {}) =>
      waitFor(
        () =>
          countResumes() >= count
            ? lastResumed(liveGateway.connections(), liveGateway.sessions())
            : undefined,
        timeoutMs,
        `${count} RESUME(s)`,
      ),
    stop: async () => {
      rest.close();
      liveGateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

function lastResumed(
  connections: GatewayConnection[],
  sessions: GatewaySession[],
): GatewaySession | undefined {
  const connection = connections.filter((c) => c.via === 'resume').at(-1);
  return sessions.find((session) => session.id === connection?.sessionId);
}
