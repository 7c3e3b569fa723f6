/**
 * Prometheus metrics for one drillbot process, served at `GET /metrics`.
 *
 * Every instance owns its own prom-client `Registry` rather than the global default: the
 * default registry refuses a second metric of the same name, so tests (and any tool building
 * more than one engine) would collide. The engine only sees the {@link EngineMetrics} port.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { PlatformName } from './core/ids.ts';
import type { EngineMetrics } from './core/metrics-port.ts';
import type { InboundEvent, PlatformErrorKind } from './core/platform.ts';

const PREFIX = 'drillbot_';

/**
 * Tick durations from 1 ms to 30 s: an idle tick is a few queries (milliseconds); a tick that
 * posts or reveals waits on platform APIs (hundreds of ms); anything past the 1-60 s tick
 * interval is a stuck platform call worth seeing in its own bucket.
 */
export const TICK_BUCKETS_SECONDS: readonly number[] = [
  0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];

export class DrillMetrics implements EngineMetrics {
  /** This instance's registry; `/metrics` serves exactly what is registered here. */
  readonly registry: Registry;

  private readonly drillsPosted: Counter<'platform'>;
  private readonly reveals: Counter<'platform'>;
  private readonly answersStored: Counter<'platform'>;
  private readonly platformErrors: Counter<'platform' | 'kind'>;
  private readonly tickDuration: Histogram<never>;
  private readonly connectedPlatforms: Gauge<never>;
  private readonly platformConnected: Gauge<'platform'>;
  private readonly events: Counter<'type'>;
  private readonly eventFailures: Counter<'type'>;
  private readonly connected = new Set<PlatformName>();

  constructor() {
    this.registry = new Registry();
    // Process and Node.js runtime metrics keep their standard unprefixed names (process_*,
    // nodejs_*), so stock dashboards work unchanged.
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.drillsPosted = new Counter({
      name: `${PREFIX}drills_posted_total`,
      help: 'Drill questions posted, by platform.',
      labelNames: ['platform'],
      registers,
    });
    this.reveals = new Counter({
      name: `${PREFIX}reveals_total`,
      help: 'Drills closed and revealed, by platform.',
      labelNames: ['platform'],
      registers,
    });
    this.answersStored = new Counter({
      name: `${PREFIX}answers_stored_total`,
      help: 'Member answers stored (new or updated), by platform.',
      labelNames: ['platform'],
      registers,
    });
    this.platformErrors = new Counter({
      name: `${PREFIX}platform_errors_total`,
      help: 'Failed platform calls, by platform and error kind.',
      labelNames: ['platform', 'kind'],
      registers,
    });
    this.tickDuration = new Histogram({
      name: `${PREFIX}tick_duration_seconds`,
      help: 'Duration of scheduler ticks in seconds.',
      buckets: [...TICK_BUCKETS_SECONDS],
      registers,
    });
    this.connectedPlatforms = new Gauge({
      name: `${PREFIX}connected_platforms`,
      help: 'Number of chat platforms currently connected.',
      registers,
    });
    this.platformConnected = new Gauge({
      name: `${PREFIX}platform_connected`,
      help: 'Whether a platform is connected (1) or not (0).',
      labelNames: ['platform'],
      registers,
    });
    this.events = new Counter({
      name: `${PREFIX}events_total`,
      help: 'Inbound platform events handled, by event type.',
      labelNames: ['type'],
      registers,
    });
    this.eventFailures = new Counter({
      name: `${PREFIX}event_failures_total`,
      help: 'Inbound platform events whose handling failed, by event type.',
      labelNames: ['type'],
      registers,
    });
    // Present from the start (at 0), so "no platform connected" is a value, not a gap.
    this.connectedPlatforms.set(0);
  }

  /** The `Content-Type` of {@link text}'s output (Prometheus text format 0.0.4). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** All metrics in the Prometheus text exposition format. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  drillPosted(platform: PlatformName): void {
    this.drillsPosted.inc({ platform });
  }

  drillRevealed(platform: PlatformName): void {
    this.reveals.inc({ platform });
  }

  answerStored(platform: PlatformName): void {
    this.answersStored.inc({ platform });
  }

  platformError(platform: PlatformName, kind: PlatformErrorKind | 'other'): void {
    this.platformErrors.inc({ platform, kind });
  }

  tickFinished(durationMs: number): void {
    // A clock step can make a wall-clock difference negative or NaN; drop it rather than let
    // prom-client throw inside the ticker or skew the sum.
    if (!Number.isFinite(durationMs) || durationMs < 0) return;
    this.tickDuration.observe(durationMs / 1000);
  }

  eventHandled(type: InboundEvent['type'], ok: boolean): void {
    this.events.inc({ type });
    if (!ok) this.eventFailures.inc({ type });
  }

  /**
   * Records an adapter's connection state. Adapters call it on connect, disconnect and
   * reconnect; the per-platform gauge and the connected count always agree.
   */
  setConnected(platform: PlatformName, connected: boolean): void {
    if (connected) this.connected.add(platform);
    else this.connected.delete(platform);
    this.platformConnected.set({ platform }, connected ? 1 : 0);
    this.connectedPlatforms.set(this.connected.size);
  }
}
