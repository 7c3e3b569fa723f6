/**
 * A typed client for a fake Slack running in another process (the standalone one): the same
 * verbs as the in-process `FakeSlack`, over its `/_fake/` control routes. Every answer is
 * parsed with zod, so a mismatch between the two sides fails with a clear message.
 */
import { z } from 'zod';
import { controlSchemas } from './control-routes.ts';
import type { Fault } from './faults.ts';
import { type FakeSlackInfo, fakeSlackInfoSchema } from './info.ts';
import type { FakeUserConfig } from './options.ts';
import { type RecordedRequest, recordedRequestSchema } from './request-log.ts';
import type { UserMessageInput } from './server.ts';
import {
  type DeliverInput,
  type SocketAck,
  SocketDeliveryError,
  type SocketEnvelope,
  socketEnvelopeSchema,
} from './socket-envelopes.ts';
import type { DeliverOptions } from './socket-mode.ts';

const okSchema = z.object({ ok: z.literal(true) });

/** A message as the control route returns it; the fields tests assert on, the rest kept. */
export const remoteMessageSchema = z.looseObject({
  type: z.literal('message'),
  ts: z.string(),
  user: z.string(),
  text: z.string(),
  thread_ts: z.string().optional(),
  metadata: z
    .object({ event_type: z.string(), event_payload: z.record(z.string(), z.unknown()) })
    .optional(),
});
export type RemoteMessage = z.infer<typeof remoteMessageSchema>;

const ackSchema = z.object({
  envelope_id: z.string(),
  payload: z.record(z.string(), z.unknown()).optional(),
  envelope: socketEnvelopeSchema,
  connectionId: z.number(),
});

const deliveryResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), ack: ackSchema }),
  z.object({
    ok: z.literal(false),
    error: z.enum(['ack_timeout', 'no_connection', 'connection_closed', 'stopped']),
    envelope: socketEnvelopeSchema,
  }),
]);

export class FakeSlackControl {
  readonly baseUrl: string;

  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
  }

  async info(): Promise<FakeSlackInfo> {
    return z.object({ info: fakeSlackInfoSchema }).parse(await this.call('GET', 'info')).info;
  }

  async requests(method?: string): Promise<RecordedRequest[]> {
    const query = method === undefined ? '' : `?method=${encodeURIComponent(method)}`;
    const answer = await this.call('GET', `requests${query}`);
    return z.object({ requests: z.array(recordedRequestSchema) }).parse(answer).requests;
  }

  /** Polls until `count` requests of `method` arrived; resolves with the `count`-th. */
  async waitForRequest(method: string, count = 1, timeoutMs = 5_000): Promise<RecordedRequest> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.requests(method))[count - 1];
      if (found) return found;
      if (Date.now() >= deadline) throw new Error(`fake slack: no ${method} request #${count}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async failNext(method: string, fault: Fault, times = 1): Promise<void> {
    okSchema.parse(await this.call('POST', 'faults', { method, fault, times }));
  }

  /** Resolves with the ack; rejects with a SocketDeliveryError carrying the envelope. */
  async deliver(input: DeliverInput, options: DeliverOptions = {}): Promise<SocketAck> {
    return this.settle(await this.call('POST', 'deliver', { input, ...options }));
  }

  async redeliver(
    envelope: SocketEnvelope,
    options: DeliverOptions & { reason?: string } = {},
  ): Promise<SocketAck> {
    return this.settle(await this.call('POST', 'redeliver', { envelope, ...options }));
  }

  async messages(channel: string): Promise<RemoteMessage[]> {
    const answer = await this.call('GET', `messages?channel=${encodeURIComponent(channel)}`);
    return z.object({ messages: z.array(remoteMessageSchema) }).parse(answer).messages;
  }

  async postAsUser(input: UserMessageInput): Promise<RemoteMessage> {
    const body = controlSchemas.userMessage.parse(input);
    return z
      .object({ message: remoteMessageSchema })
      .parse(await this.call('POST', 'messages', body)).message;
  }

  async setBotMembership(channel: string, isMember: boolean): Promise<void> {
    okSchema.parse(await this.call('POST', 'membership', { channel, isMember }));
  }

  async upsertUser(user: FakeUserConfig): Promise<void> {
    okSchema.parse(await this.call('POST', 'users', user));
  }

  async createResponseUrl(): Promise<string> {
    return z.object({ url: z.string() }).parse(await this.call('POST', 'response-urls')).url;
  }

  async responseUrlPosts(): Promise<{ url: string; body: Record<string, unknown> }[]> {
    const posts = z.array(z.object({ url: z.string(), body: z.record(z.string(), z.unknown()) }));
    return z.object({ posts }).parse(await this.call('GET', 'response-urls')).posts;
  }

  async socketConnections(): Promise<number> {
    return z.object({ connections: z.number() }).parse(await this.call('GET', 'socket'))
      .connections;
  }

  /** `drop: true` cuts the sockets; otherwise Slack's polite `disconnect` message is sent. */
  async disconnectSockets(options: { reason?: string; drop?: boolean } = {}): Promise<void> {
    okSchema.parse(await this.call('POST', 'socket/disconnect', options));
  }

  private settle(answer: unknown): SocketAck {
    const result = deliveryResultSchema.parse(answer);
    if (result.ok) return result.ack;
    throw new SocketDeliveryError(result.error, result.envelope, 'reported by the standalone fake');
  }

  private async call(method: 'GET' | 'POST', route: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}/_fake/${route}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const parsed: unknown = await response.json();
    if (!response.ok) throw new Error(`fake slack control ${route}: ${JSON.stringify(parsed)}`);
    return parsed;
  }
}
