/**
 * The fake gateway: JSON over WebSocket, no compression, on the REST port under `/gateway`
 * (READY's `resume_gateway_url` is `/gateway/resume`, so a test can see that a client
 * resumed where it was told to).
 *
 * This file owns the sockets: HELLO on connect, heartbeats acknowledged, frames routed to
 * the handshake handlers, dispatches fanned out to sessions by intents and shard, and the
 * controls a test uses to break things (drop connections, ask for a reconnect, invalidate
 * sessions, stop acknowledging heartbeats).
 *
 * @see https://discord.com/developers/docs/events/gateway#connection-lifecycle
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { API_VERSION, CLOSE, NON_RESUMABLE_CLOSE_CODES, OP } from './constants.ts';
import { frameSchema } from './gateway-frames.ts';
import { identify, requestMembers, resume } from './gateway-handshake.ts';
import type { GatewaySession } from './gateway-session.ts';
import type {
  DispatchResult,
  GatewayConnection,
  GatewayCore,
  GatewayFrame,
  Live,
  OutgoingPayload,
} from './gateway-types.ts';
import { applyMessageContentRule, requiredIntent, shardOf } from './intents.ts';
import type { FakeDiscordState } from './state.ts';

export class FakeGateway implements GatewayCore {
  readonly state: FakeDiscordState;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly live = new Set<Live>();
  private readonly allSessions: GatewaySession[] = [];
  private readonly connectionLog: GatewayConnection[] = [];
  private readonly frameLog: GatewayFrame[] = [];
  /** Set false to stop answering heartbeats (a zombie connection, from the client's side). */
  heartbeatAck = true;

  constructor(state: FakeDiscordState) {
    this.state = state;
  }

  now(): number {
    return this.state.options.now();
  }

  /** IDENTIFYs accepted so far (each one starts a session). */
  get identifies(): number {
    return this.allSessions.length;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, url));
  }

  private accept(socket: WebSocket, url: URL): void {
    const connection: GatewayConnection = {
      id: this.connectionLog.length + 1,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      openedAt: this.now(),
    };
    this.connectionLog.push(connection);
    const live: Live = { socket, connection };
    this.live.add(live);
    socket.on('message', (data: RawData) => this.onFrame(live, data));
    socket.on('close', (code: number) => this.onClose(live, code));
    socket.on('error', () => socket.terminate());
    if (connection.query.v !== undefined && connection.query.v !== String(API_VERSION)) {
      this.closeWith(live, CLOSE.invalidApiVersion, 'Invalid API version');
      return;
    }
    const hello = { heartbeat_interval: this.state.options.heartbeatIntervalMs };
    this.send(live, { op: OP.hello, d: hello, s: null, t: null });
  }

  send(live: Live, payload: OutgoingPayload): void {
    this.frameLog.push({
      connectionId: live.connection.id,
      direction: 'out',
      ...payload,
      at: this.now(),
    });
    if (live.socket.readyState === live.socket.OPEN) live.socket.send(JSON.stringify(payload));
  }

  closeWith(live: Live, code: number, reason: string): void {
    live.connection.closeCode = code;
    live.socket.close(code, reason);
  }

  openSockets(): Iterable<Live> {
    return this.live;
  }

  addSession(session: GatewaySession): void {
    this.allSessions.push(session);
  }

  private onFrame(live: Live, data: RawData): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      parsed = undefined;
    }
    const frame = frameSchema.safeParse(parsed);
    if (!frame.success) {
      this.closeWith(live, CLOSE.decodeError, 'Error while decoding payload.');
      return;
    }
    const { op, d } = frame.data;
    this.frameLog.push({
      connectionId: live.connection.id,
      direction: 'in',
      op,
      d,
      at: this.now(),
    });
    if (op === OP.heartbeat) {
      if (this.heartbeatAck) this.send(live, { op: OP.heartbeatAck, d: null, s: null, t: null });
    } else if (op === OP.identify) {
      identify(this, live, d);
    } else if (op === OP.resume) {
      resume(this, live, d);
    } else if (!live.session) {
      this.closeWith(live, CLOSE.notAuthenticated, 'Not authenticated.');
    } else if (op === OP.requestGuildMembers) {
      requestMembers(this, live, d);
    } else if (op !== OP.presenceUpdate && op !== OP.voiceStateUpdate) {
      this.closeWith(live, CLOSE.unknownOpcode, 'Unknown opcode.');
    }
  }

  private onClose(live: Live, code: number): void {
    this.live.delete(live);
    live.connection.closedAt = this.now();
    live.connection.closeCode ??= code;
    const session = live.session;
    if (!session || session.socket !== live.socket) return;
    if (NON_RESUMABLE_CLOSE_CODES.has(code)) session.end();
    else session.detach(this.now());
  }

  /** Records (and sends, if its socket is up) one dispatch on one session, per intents and shard. */
  deliver(session: GatewaySession, type: string, data: unknown): DispatchResult | undefined {
    const needed = requiredIntent(type, data);
    if (needed !== 0 && (session.intents & needed) === 0) return undefined;
    if (type !== 'READY' && shardOf(type, data, session.shard[1]) !== session.shard[0])
      return undefined;
    const botUserId = this.state.world.botUserId;
    const sent = session.record(
      type,
      applyMessageContentRule(type, data, session.intents, botUserId),
    );
    const live = [...this.live].find((candidate) => candidate.session === session);
    const delivered = live !== undefined && session.status === 'live';
    if (live && delivered) this.send(live, { op: OP.dispatch, d: sent.d, s: sent.s, t: sent.t });
    return { sessionId: session.id, s: sent.s, delivered };
  }

  /** Sends an event to every session that should get it (detached ones buffer it for RESUME). */
  dispatch(type: string, data: unknown): DispatchResult[] {
    const results: DispatchResult[] = [];
    for (const session of this.allSessions) {
      if (!session.usable(this.now(), this.state.options.resumeWindowMs)) continue;
      const result = this.deliver(session, type, data);
      if (result) results.push(result);
    }
    return results;
  }

  /**
   * Drops every live connection: with a close `code` (4000 by default, after which clients
   * resume), or with `terminate` no close frame at all (the client sees 1006, as on a network
   * failure). Resumable unless the code says otherwise. Returns how many were dropped.
   */
  disconnect(
    code: number = CLOSE.unknownError,
    options: { terminate?: boolean; reason?: string } = {},
  ): number {
    const dropping = [...this.live];
    for (const live of dropping) {
      if (options.terminate) live.socket.terminate();
      else this.closeWith(live, code, options.reason ?? 'fake discord: disconnect');
    }
    return dropping.length;
  }

  /** Op 7 Reconnect: Discord asks the client to reconnect and resume. */
  requestReconnect(): void {
    for (const live of this.live) {
      if (live.session) this.send(live, { op: OP.reconnect, d: null, s: null, t: null });
    }
  }

  /** Op 9 Invalid Session; when not `resumable` the sessions end (the client must IDENTIFY). */
  invalidateSessions(resumable = false): void {
    for (const live of this.live) {
      if (live.session) this.send(live, { op: OP.invalidSession, d: resumable, s: null, t: null });
    }
    if (!resumable) for (const session of this.allSessions) session.end();
  }

  sessions(): GatewaySession[] {
    return [...this.allSessions];
  }

  liveSessions(): GatewaySession[] {
    return this.allSessions.filter((session) => session.status === 'live');
  }

  connections(): GatewayConnection[] {
    return [...this.connectionLog];
  }

  /** Frames in and out, oldest first; filter by direction and op. */
  frames(filter: { direction?: 'in' | 'out'; op?: number } = {}): GatewayFrame[] {
    return this.frameLog.filter(
      (frame) =>
        (filter.direction === undefined || frame.direction === filter.direction) &&
        (filter.op === undefined || frame.op === filter.op),
    );
  }

  close(): void {
    for (const live of this.live) live.socket.terminate();
    this.live.clear();
    this.wss.close();
  }
}
