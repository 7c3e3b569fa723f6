/**
 * Every request the fake received, in arrival order, for assertions: the method, the decoded
 * arguments, the raw body and the headers. Failed and faulted calls are recorded too, because
 * "the client retried after the 429" is exactly the kind of thing a test needs to see.
 */
import { z } from 'zod';
import { waitFor } from '../common/wait.ts';
import type { FaultKind } from './faults.ts';

export interface RecordedRequest {
  /** 1-based arrival order across all methods. */
  seq: number;
  /** The Web API method (`chat.postMessage`), or `response_url` for response URL posts. */
  method: string;
  path: string;
  /** Decoded arguments: form fields with `blocks` / `metadata` already parsed, or the JSON body. */
  body: Record<string, unknown>;
  rawBody: string;
  /** Lower-cased header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  receivedAt: number;
  /** The injected fault this call met, if any. */
  fault?: FaultKind;
}

/** For the standalone control client, which receives records as JSON. */
export const recordedRequestSchema = z.object({
  seq: z.number(),
  method: z.string(),
  path: z.string(),
  body: z.record(z.string(), z.unknown()),
  rawBody: z.string(),
  headers: z.record(z.string(), z.string()),
  receivedAt: z.number(),
  fault: z.enum(['rate_limit', 'server_error', 'hang', 'reset']).optional(),
});

export interface WaitForRequestOptions {
  /** Only requests matching this count. */
  where?: (request: RecordedRequest) => boolean;
  /** Wait until this many matching requests arrived (default 1); resolves with the last. */
  count?: number;
  timeoutMs?: number;
}

export class RequestLog {
  private readonly entries: RecordedRequest[] = [];

  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const recorded = { ...entry, seq: this.entries.length + 1 };
    this.entries.push(recorded);
    return recorded;
  }

  /** All requests, or those of one method, oldest first. */
  all(method?: string): RecordedRequest[] {
    return this.entries.filter((entry) => method === undefined || entry.method === method);
  }

  last(method?: string): RecordedRequest | undefined {
    return this.all(method).at(-1);
  }

  count(method?: string): number {
    return this.all(method).length;
  }

  /** Waits for the `count`-th matching request of `method` (Bolt calls the API after acking). */
  waitFor(method: string, options: WaitForRequestOptions = {}): Promise<RecordedRequest> {
    const { where = () => true, count = 1, timeoutMs = 5_000 } = options;
    return waitFor(
      () => {
        const matching = this.all(method).filter(where);
        return matching.length >= count ? matching[count - 1] : undefined;
      },
      timeoutMs,
      `${count} ${method} request(s)`,
    );
  }

  clear(): void {
    this.entries.length = 0;
  }
}
