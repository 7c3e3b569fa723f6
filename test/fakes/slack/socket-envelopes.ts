/**
 * Socket Mode message shapes: the `hello` a connection starts with, the envelopes Slack
 * pushes, the acks that come back, and the errors of a delivery that got no ack.
 *
 * Shapes follow https://docs.slack.dev/apis/events-api/using-socket-mode: every envelope
 * carries `envelope_id`, `type`, `payload`, `accepts_response_payload`, `retry_attempt` and
 * `retry_reason`; the app acks with `{ envelope_id, payload? }`. A retry is a new envelope
 * carrying the same payload (same `event_id`), which is why adapters dedupe by `event_id`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isRecord } from './request-body.ts';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketEnvelope {
  envelope_id: string;
  type: EnvelopeType;
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
  retry_attempt: number;
  retry_reason: string;
}

/** What `deliver` takes: a payload (from the builders) and optional envelope fields. */
export interface DeliverInput {
  payload: Record<string, unknown>;
  /** Inferred from the payload when absent (event_callback, a `command`, or an interaction). */
  type?: EnvelopeType;
  envelopeId?: string;
  /** Defaults to true for slash commands and interactions, which may answer in the ack. */
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  retryReason?: string;
}

export const deliverInputSchema = z.object({
  payload: z.record(z.string(), z.unknown()),
  type: z.enum(['events_api', 'slash_commands', 'interactive']).optional(),
  envelopeId: z.string().optional(),
  acceptsResponsePayload: z.boolean().optional(),
  retryAttempt: z.number().int().min(0).optional(),
  retryReason: z.string().optional(),
});

export const socketEnvelopeSchema = z.object({
  envelope_id: z.string(),
  type: z.enum(['events_api', 'slash_commands', 'interactive']),
  payload: z.record(z.string(), z.unknown()),
  accepts_response_payload: z.boolean(),
  retry_attempt: z.number(),
  retry_reason: z.string(),
});

/** An ack as the app sends it over the socket. */
export const ackMessageSchema = z.object({
  envelope_id: z.string(),
  payload: z.record(z.string(), z.unknown()).optional(),
});

/** A resolved delivery: the ack, the envelope attempt it answered, and which connection. */
export interface SocketAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
  envelope: SocketEnvelope;
  connectionId: number;
}

export type DeliveryErrorCode = 'ack_timeout' | 'no_connection' | 'connection_closed' | 'stopped';

/** A delivery that got no ack; carries the envelope so a test can redeliver it. */
export class SocketDeliveryError extends Error {
  readonly code: DeliveryErrorCode;
  readonly envelope: SocketEnvelope;

  constructor(code: DeliveryErrorCode, envelope: SocketEnvelope, detail: string) {
    super(`fake slack socket mode: ${code} for envelope ${envelope.envelope_id} (${detail})`);
    this.name = 'SocketDeliveryError';
    this.code = code;
    this.envelope = envelope;
  }
}

const INTERACTIVE_TYPES = new Set([
  'block_actions',
  'view_submission',
  'view_closed',
  'shortcut',
  'message_action',
  'block_suggestion',
]);

/** Which envelope type Slack would use for a payload. */
export function envelopeTypeOf(payload: Record<string, unknown>): EnvelopeType {
  if (payload.type === 'event_callback') return 'events_api';
  if (typeof payload.command === 'string') return 'slash_commands';
  if (typeof payload.type === 'string' && INTERACTIVE_TYPES.has(payload.type)) return 'interactive';
  throw new Error('fake slack: cannot infer the envelope type of this payload; pass `type`');
}

export function buildEnvelope(input: DeliverInput): SocketEnvelope {
  const type = input.type ?? envelopeTypeOf(input.payload);
  return {
    envelope_id: input.envelopeId ?? randomUUID(),
    type,
    payload: structuredClone(input.payload),
    accepts_response_payload: input.acceptsResponsePayload ?? type !== 'events_api',
    retry_attempt: input.retryAttempt ?? 0,
    retry_reason: input.retryReason ?? '',
  };
}

/** Slack's retry of an un-acked envelope: a new envelope id, the same payload, one more attempt. */
export function retryOf(envelope: SocketEnvelope, reason = 'timeout'): SocketEnvelope {
  return {
    ...envelope,
    envelope_id: randomUUID(),
    payload: structuredClone(envelope.payload),
    retry_attempt: envelope.retry_attempt + 1,
    retry_reason: reason,
  };
}

/** The first message on every connection; Bolt treats the connection as ready on it. */
export function helloMessage(numConnections: number, appId: string): Record<string, unknown> {
  return {
    type: 'hello',
    num_connections: numConnections,
    debug_info: {
      host: 'fake-slack-applink-1',
      build_number: 1,
      approximate_connection_time: 18_060,
    },
    connection_info: { app_id: appId },
  };
}

/** Slack's "please reconnect" notice (`warning`, `refresh_requested`, `link_disabled`). */
export function disconnectMessage(reason: string): Record<string, unknown> {
  return { type: 'disconnect', reason, debug_info: { host: 'fake-slack-applink-1' } };
}

/** Parses an incoming socket message as an ack; undefined for anything else. */
export function parseAck(text: string): z.infer<typeof ackMessageSchema> | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(data)) return undefined;
  const parsed = ackMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : undefined;
}
