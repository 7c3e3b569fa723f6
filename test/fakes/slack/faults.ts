/**
 * Fault injection: the next N calls of a method misbehave in a chosen way.
 *
 * Each fault is one way a real Slack call goes wrong that the adapter must survive: a rate
 * limit (retry after `Retry-After`), an outage (5xx), a post Slack accepted whose answer never
 * arrives (the outcome is unknown, so the adapter must look before posting again), and a
 * dropped connection. The schema lets the standalone process take faults as JSON.
 */
import { z } from 'zod';

export const faultSchema = z.discriminatedUnion('kind', [
  /** HTTP 429 with `Retry-After: retryAfterSeconds`; the call has no effect. */
  z.object({ kind: z.literal('rate_limit'), retryAfterSeconds: z.number().int().min(0) }),
  /** HTTP 500 (or `status`); the call has no effect. */
  z.object({ kind: z.literal('server_error'), status: z.number().int().min(500).optional() }),
  /**
   * The call takes effect (the post is stored) but the answer is held: sent after
   * `answerAfterMs`, or never when it is absent (until the fake stops).
   */
  z.object({ kind: z.literal('hang'), answerAfterMs: z.number().int().min(0).optional() }),
  /** The TCP connection is reset; with `afterApply` the call takes effect first. */
  z.object({ kind: z.literal('reset'), afterApply: z.boolean().optional() }),
]);

export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault['kind'];

/** Per-method queues of faults, consumed one per call. */
export class FaultPlan {
  private readonly queues = new Map<string, Fault[]>();

  /** Makes the next `times` calls of `method` (a Web API method or `response_url`) fail. */
  next(method: string, fault: Fault, times = 1): void {
    const queue = this.queues.get(method) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.queues.set(method, queue);
  }

  /** The fault for this call, if one is queued. */
  take(method: string): Fault | undefined {
    return this.queues.get(method)?.shift();
  }

  pending(method: string): number {
    return this.queues.get(method)?.length ?? 0;
  }

  clear(): void {
    this.queues.clear();
  }
}
