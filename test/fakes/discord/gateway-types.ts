/**
 * The gateway's records (connections, frames, dispatch results) and the narrow surface the
 * handshake handlers use, so the server (sockets, dispatch) and the handshake (IDENTIFY,
 * RESUME) live in separate files without reaching into each other's privates.
 */
import type { WebSocket } from 'ws';
import type { GatewaySession } from './gateway-session.ts';
import type { FakeDiscordState } from './state.ts';

export const GATEWAY_PATH = '/gateway';
export const RESUME_PATH = '/gateway/resume';

export interface GatewayConnection {
  id: number;
  /** `/gateway` or `/gateway/resume`. */
  path: string;
  query: Record<string, string>;
  openedAt: number;
  closedAt?: number;
  /** The close code: the fake's own as soon as it closes, else the one the socket closed with. */
  closeCode?: number;
  sessionId?: string;
  /** How the session was attached: by IDENTIFY or by RESUME. */
  via?: 'identify' | 'resume';
}

export interface GatewayFrame {
  connectionId: number;
  direction: 'in' | 'out';
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
}

export interface DispatchResult {
  sessionId: string;
  s: number;
  /** False when the session was detached: the event waits in its buffer for a RESUME. */
  delivered: boolean;
}

export interface OutgoingPayload {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

/** One open socket and the session it carries, if it identified or resumed. */
export interface Live {
  socket: WebSocket;
  connection: GatewayConnection;
  session?: GatewaySession;
}

/** What the handshake handlers need from the server. */
export interface GatewayCore {
  readonly state: FakeDiscordState;
  now(): number;
  openSockets(): Iterable<Live>;
  sessions(): GatewaySession[];
  addSession(session: GatewaySession): void;
  send(live: Live, payload: OutgoingPayload): void;
  closeWith(live: Live, code: number, reason: string): void;
  deliver(session: GatewaySession, type: string, data: unknown): DispatchResult | undefined;
}
