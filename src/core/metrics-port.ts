/**
 * The metrics port: what the drill engine reports about its own work. The core calls these
 * methods and knows nothing of Prometheus; src/metrics.ts implements them with prom-client,
 * so the core stays free of the dependency and tests can pass {@link noMetrics}.
 */
import type { PlatformName } from './ids.ts';
import type { InboundEvent, PlatformErrorKind } from './platform.ts';

export interface EngineMetrics {
  /** A drill question was posted (counted once per claimed post, not per retry). */
  drillPosted(platform: PlatformName): void;
  /** A drill was closed and its reveal posted. */
  drillRevealed(platform: PlatformName): void;
  /** A member's answer was stored (new or updated by an edit). */
  answerStored(platform: PlatformName): void;
  /**
   * A platform call failed. `other` is for failures that are not a `PlatformError`
   * (a bug, a network error an adapter did not classify), so they are still counted.
   */
  platformError(platform: PlatformName, kind: PlatformErrorKind | 'other'): void;
  /** One scheduler tick finished (whether or not it did work), after `durationMs`. */
  tickFinished(durationMs: number): void;
  /** An inbound event was handled; `ok` false when it ended in an error at the boundary. */
  eventHandled(type: InboundEvent['type'], ok: boolean): void;
}

/** Records nothing: for tests and tools that run the engine without a metrics endpoint. */
export const noMetrics: EngineMetrics = Object.freeze({
  drillPosted() {},
  drillRevealed() {},
  answerStored() {},
  platformError() {},
  tickFinished() {},
  eventHandled() {},
});
