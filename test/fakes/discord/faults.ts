/**
 * Fault injection: the next N requests to a route misbehave in a chosen way.
 *
 * Each fault is one way a real Discord call goes wrong that the adapter must survive. Two
 * of them matter more than they look, because @discordjs/rest retries on its own: it
 * re-sends a request after a 5xx (up to `retries`, 3 by default, without delay) and after a
 * timeout or a connection reset, POSTs included. A `server_error` or `reset` with
 * `afterApply`, or a `hang`, therefore leads to a second identical POST, which is exactly
 * what `nonce` + `enforce_nonce` exist for.
 */
import { z } from 'zod';
import { FaultPlan as SharedFaultPlan } from '../common/fault-plan.ts';

export const faultSchema = z.discriminatedUnion('kind', [
  /**
   * HTTP 429 with Discord's body and headers; the request has no effect. `scope` is
   * `X-RateLimit-Scope`; `global` adds `X-RateLimit-Global` (all routes wait, not one bucket).
   */
  z.object({
    kind: z.literal('rate_limit'),
    retryAfterSeconds: z.number().min(0),
    global: z.boolean().optional(),
    scope: z.enum(['user', 'global', 'shared']).optional(),
  }),
  /** HTTP 500 (or `status`); with `afterApply` the request takes effect first. */
  z.object({
    kind: z.literal('server_error'),
    status: z.number().int().min(500).max(599).optional(),
    afterApply: z.boolean().optional(),
  }),
  /**
   * The request takes effect (the message is stored, its MESSAGE_CREATE sent) but the answer
   * is held: sent after `answerAfterMs`, or never (until the fake stops) when absent.
   */
  z.object({ kind: z.literal('hang'), answerAfterMs: z.number().int().min(0).optional() }),
  /** The TCP connection is reset (RST); with `afterApply` the request takes effect first. */
  z.object({ kind: z.literal('reset'), afterApply: z.boolean().optional() }),
]);

export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault['kind'];

/** Per-route queues of faults (keys: `ROUTES` values). */
export class FaultPlan extends SharedFaultPlan<Fault> {}
