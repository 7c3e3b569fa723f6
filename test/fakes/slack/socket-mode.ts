/**
 * The fake Socket Mode server: a WebSocket endpoint on its own port that greets each
 * connection with `hello`, pushes envelopes round robin across connections (as Slack spreads
 * events over up to ten), and resolves each delivery with its ack.
 *
 * It never pings: the SDK only starts expecting pings after it has seen one, so a silent
 * server keeps connections up without timers. URLs are single-use tickets handed out by
 * `apps.connections.open`, like Slack's, so a client that reconnects must ask again.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type RawData, WebSocket, WebSocketServer } from 'ws';
import { waitFor } from '../common/wait.ts';
import { IdSequence } from './ids.ts';
import {
  buildEnvelope,
  type DeliverInput,
  disconnectMessage,
  helloMessage,
  parseAck,
  retryOf,
  type SocketAck,
  SocketDeliveryError,
  type SocketEnvelope,
} from './socket-envelopes.ts';

export interface DeliverOptions {
  /** How long to wait for the ack of each attempt (default: the fake's `ackTimeoutMs`). */
  timeoutMs?: number;
  /** Redeliver an un-acked envelope this many times, as Slack retries, before rejecting. */
  retries?: number;
}

export interface DeliveryRecord {
  envelope: SocketEnvelope;
  connectionId: number;
  sentAt: number;
}

export interface AckRecord {
  envelope_id: string;
  payload?: Record<string, unknown>;
  connectionId: number;
  receivedAt: number;
  /** True when no delivery was waiting for it any more (it came after the timeout). */
  late: boolean;
}

interface Pending {
  envelope: SocketEnvelope;
  connectionId: number;
  resolve: (ack: SocketAck) => void;
  reject: (error: SocketDeliveryError) => void;
  timer: NodeJS.Timeout;
}

export class SocketModeServer {
  readonly port: number;
  private readonly http: Server;
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly appId: string;
  private readonly defaultTimeoutMs: number;
  private readonly tickets = new Set<string>();
  private readonly ticketIds = new IdSequence('fake-ticket-', 6);
  private readonly connections = new Map<number, WebSocket>();
  private readonly pending = new Map<string, Pending>();
  private readonly deliveryLog: DeliveryRecord[] = [];
  private readonly ackLog: AckRecord[] = [];
  private nextConnectionId = 1;
  private roundRobin = 0;
  private stopped = false;

  private constructor(http: Server, port: number, appId: string, ackTimeoutMs: number) {
    this.http = http;
    this.port = port;
    this.appId = appId;
    this.defaultTimeoutMs = ackTimeoutMs;
    http.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    http.on('request', (_req, res) => res.writeHead(426).end());
  }

  static async start(port: number, appId: string, ackTimeoutMs: number): Promise<SocketModeServer> {
    const http = createServer();
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(port, '127.0.0.1', () => resolve());
    });
    const address = http.address();
    if (address === null || typeof address === 'string') throw new Error('no socket address');
    return new SocketModeServer(http, address.port, appId, ackTimeoutMs);
  }

  /** A fresh single-use URL, what `apps.connections.open` returns. */
  issueUrl(): string {
    const ticket = this.ticketIds.next();
    this.tickets.add(ticket);
    return `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}&app_id=${this.appId}`;
  }

  get connectionCount(): number {
    return this.openConnections().length;
  }

  /** Resolves once at least `count` connections are open (Bolt connects after `start()`). */
  async waitForConnections(count = 1, timeoutMs = 5_000): Promise<void> {
    await waitFor(
      () => (this.connectionCount >= count ? true : undefined),
      timeoutMs,
      `${count} socket mode connection(s)`,
    );
  }

  /**
   * Resolves once every connection has fully closed. Bolt's `app.stop()` resolves before its
   * close handshake ends; waiting here before stopping the fake keeps Bolt from logging a
   * WebSocket error about a socket cut mid-handshake.
   */
  async waitForNoConnections(timeoutMs = 5_000): Promise<void> {
    await waitFor(
      () => (this.connections.size === 0 ? true : undefined),
      timeoutMs,
      'every socket mode connection to close',
    );
  }

  /** Pushes an envelope to one connection and resolves with its ack (see DeliverOptions). */
  async deliver(input: DeliverInput, options: DeliverOptions = {}): Promise<SocketAck> {
    return this.deliverEnvelope(buildEnvelope(input), options);
  }

  /** Slack's retry of an envelope that was not acked: new envelope id, `retry_attempt` + 1. */
  async redeliver(
    envelope: SocketEnvelope,
    options: DeliverOptions & { reason?: string } = {},
  ): Promise<SocketAck> {
    return this.deliverEnvelope(retryOf(envelope, options.reason), options);
  }

  deliveries(): DeliveryRecord[] {
    return structuredClone(this.deliveryLog);
  }

  acks(): AckRecord[] {
    return structuredClone(this.ackLog);
  }

  /** Asks every client to reconnect, as Slack does before recycling a connection. */
  sendDisconnect(reason = 'refresh_requested'): void {
    for (const ws of this.openConnections()) ws.send(JSON.stringify(disconnectMessage(reason)));
  }

  /** Drops every connection without a word, as a network failure would. */
  dropConnections(): void {
    for (const ws of this.connections.values()) ws.terminate();
  }

  async close(): Promise<void> {
    this.stopped = true;
    for (const [id, pending] of this.pending) {
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(new SocketDeliveryError('stopped', pending.envelope, 'the fake stopped'));
    }
    this.dropConnections();
    this.wss.close();
    this.http.closeAllConnections();
    await new Promise<void>((resolve) => this.http.close(() => resolve()));
  }

  private async deliverEnvelope(
    first: SocketEnvelope,
    options: DeliverOptions,
  ): Promise<SocketAck> {
    const timeoutMs = options.timeoutMs ?? this.defaultTimeoutMs;
    const retries = options.retries ?? 0;
    let envelope = first;
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await this.sendOnce(envelope, timeoutMs);
      } catch (error) {
        const retryable = error instanceof SocketDeliveryError && error.code !== 'stopped';
        if (!retryable || attempt >= retries) throw error;
        envelope = retryOf(envelope, 'timeout');
      }
    }
  }

  private async sendOnce(envelope: SocketEnvelope, timeoutMs: number): Promise<SocketAck> {
    if (this.stopped) throw new SocketDeliveryError('stopped', envelope, 'the fake stopped');
    const [connectionId, ws] = await this.pickConnection(envelope, timeoutMs);
    return new Promise<SocketAck>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(envelope.envelope_id);
        reject(new SocketDeliveryError('ack_timeout', envelope, `no ack within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pending.set(envelope.envelope_id, { envelope, connectionId, resolve, reject, timer });
      this.deliveryLog.push({
        envelope: structuredClone(envelope),
        connectionId,
        sentAt: Date.now(),
      });
      ws.send(JSON.stringify(envelope));
    });
  }

  /** The next open connection in round-robin order, waiting for one if none is open. */
  private async pickConnection(
    envelope: SocketEnvelope,
    timeoutMs: number,
  ): Promise<[number, WebSocket]> {
    try {
      await this.waitForConnections(1, timeoutMs);
    } catch {
      throw new SocketDeliveryError('no_connection', envelope, 'no client is connected');
    }
    const open = [...this.connections.entries()].filter(
      ([, ws]) => ws.readyState === WebSocket.OPEN,
    );
    const chosen = open[this.roundRobin % open.length];
    this.roundRobin += 1;
    if (!chosen) throw new SocketDeliveryError('no_connection', envelope, 'no client is connected');
    return chosen;
  }

  private openConnections(): WebSocket[] {
    return [...this.connections.values()].filter((ws) => ws.readyState === WebSocket.OPEN);
  }

  /** Accepts only `/link/` with a ticket issued and not yet used, as Slack's URLs are one-use. */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'ws://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/link/' || !this.tickets.delete(ticket) || this.stopped) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const id = this.nextConnectionId;
    this.nextConnectionId += 1;
    this.connections.set(id, ws);
    ws.on('message', (data) => this.onMessage(id, data));
    ws.on('close', () => this.onClose(id));
    ws.on('error', () => ws.terminate());
    ws.send(JSON.stringify(helloMessage(this.connectionCount, this.appId)));
  }

  private onMessage(connectionId: number, data: RawData): void {
    const ack = parseAck(rawText(data));
    if (!ack) return;
    const pending = this.pending.get(ack.envelope_id);
    this.ackLog.push({ ...ack, connectionId, receivedAt: Date.now(), late: !pending });
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(ack.envelope_id);
    pending.resolve({ ...ack, envelope: pending.envelope, connectionId });
  }

  /** An envelope in flight on a closed connection will never be acked: fail it now. */
  private onClose(connectionId: number): void {
    this.connections.delete(connectionId);
    for (const [id, pending] of this.pending) {
      if (pending.connectionId !== connectionId) continue;
      clearTimeout(pending.timer);
      this.pending.delete(id);
      pending.reject(
        new SocketDeliveryError('connection_closed', pending.envelope, 'the socket closed'),
      );
    }
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return Buffer.from(new Uint8Array(data)).toString('utf8');
}
