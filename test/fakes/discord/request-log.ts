/**
 * Every REST request the fake received, in arrival order, for assertions: the route it
 * matched, its parameters, the decoded body, the headers and what the fake answered.
 * Faulted and rejected requests are recorded too, because "the client waited out the 429
 * and sent it again" is exactly what a test needs to see.
 */
import { z } from 'zod';
import { waitFor } from '../common/wait.ts';
import type { FaultKind } from './faults.ts';

export interface RecordedRequest {
  /** 1-based arrival order. */
  seq: number;
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  /** The matched `ROUTES` value (`POST /channels/:channelId/messages`), or null. */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  /** Decoded JSON body (multipart: its `payload_json`); undefined when empty. */
  body: unknown;
  rawBody: string;
  /** Lower-cased header names. */
  headers: Record<string, string>;
  receivedAt: number;
  /** The status answered; undefined while held (hang) or when the connection was reset. */
  status?: number;
  fault?: FaultKind;
}

/** For the standalone control client, which receives records as JSON. */
export const recordedRequestSchema = z.object({
  seq: z.number(),
  method: z.string(),
  path: z.string(),
  route: z.string().nullable(),
  params: z.record(z.string(), z.string()),
  query: z.record(z.string(), z.string()),
  body: z.unknown(),
  rawBody: z.string(),
  headers: z.record(z.string(), z.string()),
  receivedAt: z.number(),
  status: z.number().optional(),
  fault: z.enum(['rate_limit', 'server_error', 'hang', 'reset']).optional(),
});

export interface WaitForRequestOptions {
  /** Only requests matching this count. */
  where?: (request: RecordedRequest) => boolean;
  /** Wait until this many matching requests arrived (default 1); resolves with the last. */
  count?: number;
  /** Only requests that have been answered with this status. */
  status?: number;
  timeoutMs?: number;
}

export class RequestLog {
  private readonly entries: RecordedRequest[] = [];

  add(entry: Omit<RecordedRequest, 'seq'>): RecordedRequest {
    const recorded: RecordedRequest = { ...entry, seq: this.entries.length + 1 };
    this.entries.push(recorded);
    return recorded;
  }

  /** All requests, or those to one route, oldest first. */
  all(route?: string): RecordedRequest[] {
    return this.entries.filter((entry) => route === undefined || entry.route === route);
  }

  last(route?: string): RecordedRequest | undefined {
    return this.all(route).at(-1);
  }

  count(route?: string): number {
    return this.all(route).length;
  }

  /** Waits for the `count`-th matching request to `route` (answered with `status` if given). */
  waitFor(route: string, options: WaitForRequestOptions = {}): Promise<RecordedRequest> {
    const { where = () => true, count = 1, status, timeoutMs = 5_000 } = options;
    return waitFor(
      () => {
        const matching = this.all(route).filter(
          (entry) => where(entry) && (status === undefined || entry.status === status),
        );
        return matching.length >= count ? matching[count - 1] : undefined;
      },
      timeoutMs,
      `${count} ${route} request(s)${status === undefined ? '' : ` answered ${status}`}`,
    );
  }

  clear(): void {
    this.entries.length = 0;
  }
}
