/**
 * One gateway session: what IDENTIFY asked for (token, intents, shard), its sequence
 * numbers, and every dispatch sent under it, kept so a RESUME can replay what the client
 * missed with the same `s` values, which is what lets a client (and drillbot's dedupe) tell a
 * replay from a new event.
 *
 * A session outlives its socket: after a drop it is "detached" and still receives (buffers)
 * dispatches for `resumeWindowMs`; a client closing with 1000/1001, or a non-resumable close
 * code, ends it, as on Discord.
 *
 * @see https://discord.com/developers/docs/events/gateway#resuming
 */
import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';

export interface SentDispatch {
  s: number;
  t: string;
  d: unknown;
}

export type SessionStatus = 'live' | 'detached' | 'ended';

/** Replays beyond this many events fail with Invalid Session, like a real buffer overflow. */
const MAX_BUFFERED = 5_000;

export interface SessionInit {
  token: string;
  intents: number;
  shard: [number, number];
  identify: unknown;
  now: number;
}

export class GatewaySession {
  readonly id = randomBytes(16).toString('hex');
  readonly token: string;
  readonly intents: number;
  readonly shard: [number, number];
  /** The IDENTIFY `d` as received, for assertions (properties, presence, ...). */
  readonly identify: unknown;
  readonly createdAt: number;
  seq = 0;
  status: SessionStatus = 'live';
  socket: WebSocket | undefined;
  detachedAt: number | undefined;
  /** RESUMEs accepted for this session. */
  resumes = 0;
  private readonly sent: SentDispatch[] = [];
  private trimmedThrough = 0;

  constructor(init: SessionInit, socket: WebSocket) {
    this.token = init.token;
    this.intents = init.intents;
    this.shard = init.shard;
    this.identify = init.identify;
    this.createdAt = init.now;
    this.socket = socket;
  }

  /** Assigns the next sequence number and keeps the dispatch for replay. */
  record(t: string, d: unknown): SentDispatch {
    this.seq += 1;
    const dispatch = { s: this.seq, t, d };
    this.sent.push(dispatch);
    if (this.sent.length > MAX_BUFFERED) {
      const dropped = this.sent.shift();
      this.trimmedThrough = dropped?.s ?? this.trimmedThrough;
    }
    return dispatch;
  }

  /** Dispatches after `seq`, or undefined when some were already dropped from the buffer. */
  replayAfter(seq: number): SentDispatch[] | undefined {
    if (seq < this.trimmedThrough) return undefined;
    return this.sent.filter((dispatch) => dispatch.s > seq);
  }

  /** Every dispatch of this session so far, oldest first. */
  dispatches(): SentDispatch[] {
    return [...this.sent];
  }

  detach(now: number): void {
    this.socket = undefined;
    if (this.status === 'live') {
      this.status = 'detached';
      this.detachedAt = now;
    }
  }

  end(): void {
    this.socket = undefined;
    this.status = 'ended';
  }

  /** Ends a detached session whose resume window has passed; true when still usable. */
  usable(now: number, resumeWindowMs: number): boolean {
    if (
      this.status === 'detached' &&
      this.detachedAt !== undefined &&
      now - this.detachedAt > resumeWindowMs
    ) {
      this.end();
    }
    return this.status !== 'ended';
  }
}
