/**
 * Fault injection: the next N calls of a method misbehave in a chosen way.
 *
 * Each fault is one way a real Slack call goes wrong that the adapter must survive: a rate
 * limit (retry after `Retry-After`), an outage (5xx), a post Slack accepted whose answer never
 * arrives (the outcome is unknown, so the adapter must look before posting again), and a
 * dropped connection. The schema lets the standalone process take faults as JSON.
 */
import { z } from 'zod';
import { FaultPlan as SharedFaultPlan } from '../common/fault-plan.ts';

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

/** Per-method queues of faults (keys: Web API methods and `response_url`). */
export class FaultPlan extends SharedFaultPlan<Fault> {}
