/**
 * One gateway connection per shard across drillbot instances. Discord sends every gateway
 * event to every connected session, so several instances against one database elect one
 * holder: the instance that holds a session-level Postgres advisory lock (on a pinned
 * connection) keeps the gateway; the others stand by and try for the lock every interval
 * (2 s), taking over within seconds when the holder stops or its database connection dies.
 * REST (posting) works on every instance regardless.
 *
 * drillbot runs one shard (shard 0 of 1): Discord requires sharding only from 2,500 guilds.
 * The key covers the shard id so that sharding later means one lock per shard.
 *
 * Around a takeover both instances may briefly hold a gateway session (the old holder notices
 * a dead connection at its next check); events delivered twice then, or replayed after a
 * resume, carry the same event id and the core claims each id once (processed_events).
 */
import { createHash } from 'node:crypto';
import type { LockLease } from '../../db/client.ts';
import type { Logger } from '../../src/logger.ts';

/** What the leader needs of the database: `DatabaseHandle` has it. */
export interface GatewayLock {
  tryHoldAdvisoryLock(key: bigint): Promise<LockLease | undefined>;
}

export type GatewayRole = 'leader' | 'standby';

/** The advisory lock key for an application's shard: 64 bits of a SHA-256, signed. */
export function gatewayLockKey(applicationId: string, shard = 0): bigint {
  const digest = createHash('sha256')
    .update(`drillbot:discord-gateway:${applicationId}:${shard}`)
    .digest();
  return digest.readBigInt64BE(0);
}

export const LEADER_INTERVAL_MS = 2_000;

export interface GatewayLeaderOptions {
  lock: GatewayLock;
  key: bigint;
  logger: Logger;
  /** How often a standby tries for the lock and a holder checks it still has it (2 s). */
  intervalMs?: number;
  /** Connects the gateway; resolves once it is ready. */
  lead(): Promise<void>;
  /** Disconnects the gateway. */
  resign(): Promise<void>;
}

export class GatewayLeader {
  private readonly options: GatewayLeaderOptions;
  private readonly intervalMs: number;
  private lease: LockLease | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(options: GatewayLeaderOptions) {
    this.options = options;
    this.intervalMs = options.intervalMs ?? LEADER_INTERVAL_MS;
  }

  get role(): GatewayRole {
    return this.lease ? 'leader' : 'standby';
  }

  /**
   * Tries once: the holder connects the gateway before this resolves (a failure to connect,
   * e.g. a rejected token, is thrown after releasing the lock). Then keeps trying or checking
   * every interval until `stop()`.
   */
  async start(): Promise<GatewayRole> {
    const lease = await this.options.lock.tryHoldAdvisoryLock(this.options.key);
    if (lease) {
      try {
        await this.options.lead();
      } catch (error) {
        await lease.release();
        throw error;
      }
      this.lease = lease;
    }
    this.schedule();
    return this.role;
  }

  /** Stops trying; a holder disconnects the gateway and releases the lock. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
    await this.step(() => this.resignHolder('stopping'));
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.step(() => this.tick()).finally(() => this.schedule());
    }, this.intervalMs);
    this.timer.unref();
  }

  private async step(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      this.options.logger.error({ err: error }, 'discord gateway leadership step failed');
    }
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    if (this.lease) {
      if (!(await this.stillHeld(this.lease))) await this.resignHolder('lost the gateway lock');
      return;
    }
    const lease = await this.options.lock.tryHoldAdvisoryLock(this.options.key);
    if (!lease) return;
    if (this.stopped) {
      await lease.release();
      return;
    }
    try {
      await this.options.lead();
    } catch (error) {
      await lease.release();
      throw error;
    }
    this.lease = lease;
    this.options.logger.info('discord: took over the gateway connection');
  }

  /** A check that does not answer within the interval (at least 5 s) counts as lost. */
  private stillHeld(lease: LockLease): Promise<boolean> {
    return this.bounded(
      lease.check().catch(() => false),
      false,
    );
  }

  /** `work`, or `fallback` when it does not settle within the interval (at least 5 s). */
  private async bounded<T>(work: Promise<T>, fallback: T): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<T>((resolve) => {
      timer = setTimeout(() => resolve(fallback), Math.max(this.intervalMs, 5_000));
    });
    try {
      return await Promise.race([work, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async resignHolder(reason: string): Promise<void> {
    const lease = this.lease;
    if (!lease) return;
    this.lease = undefined;
    this.options.logger.info({ reason }, 'discord: handing over the gateway connection');
    try {
      await this.options.resign();
    } finally {
      await this.bounded(lease.release(), undefined);
    }
  }
}
