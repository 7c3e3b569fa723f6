/**
 * Per-key queues of faults for the fake platforms (a Slack Web API method, a Discord REST
 * route), consumed one per request. Each fake defines its own fault kinds.
 */
export class FaultPlan<Fault> {
  private readonly queues = new Map<string, Fault[]>();

  /** Makes the next `times` requests for `key` fail with `fault`. */
  next(key: string, fault: Fault, times = 1): void {
    const queue = this.queues.get(key) ?? [];
    for (let i = 0; i < times; i += 1) queue.push(fault);
    this.queues.set(key, queue);
  }

  /** The fault for this request, if one is queued. */
  take(key: string): Fault | undefined {
    return this.queues.get(key)?.shift();
  }

  pending(key: string): number {
    return this.queues.get(key)?.length ?? 0;
  }

  clear(): void {
    this.queues.clear();
  }
}
