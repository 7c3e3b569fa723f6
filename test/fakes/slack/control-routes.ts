/**
 * Control routes under `/_fake/`: how a test in another process drives the standalone fake
 * (inject faults, deliver envelopes, read what was recorded). Each route is a thin JSON
 * wrapper over the in-process `FakeSlack` API, so both ways of driving the fake behave the
 * same; ../common/control-routes.ts dispatches to them and `control-client.ts` is the typed
 * caller.
 */
import { z } from 'zod';
import { type ControlTable, controlBody } from '../common/control-routes.ts';
import { faultSchema } from './faults.ts';
import { describeFake } from './info.ts';
import { fakeUserSchema } from './options.ts';
import type { FakeSlack } from './server.ts';
import {
  deliverInputSchema,
  SocketDeliveryError,
  socketEnvelopeSchema,
} from './socket-envelopes.ts';

const deliveryOptions = {
  timeoutMs: z.number().int().positive().optional(),
  retries: z.number().int().min(0).optional(),
};

export const controlSchemas = {
  fault: z.object({
    method: z.string(),
    fault: faultSchema,
    times: z.number().int().min(1).optional(),
  }),
  deliver: z.object({ input: deliverInputSchema, ...deliveryOptions }),
  redeliver: z.object({
    envelope: socketEnvelopeSchema,
    reason: z.string().optional(),
    ...deliveryOptions,
  }),
  userMessage: z.object({
    channel: z.string(),
    user: z.string(),
    text: z.string(),
    threadTs: z.string().optional(),
  }),
  membership: z.object({ channel: z.string(), isMember: z.boolean() }),
  disconnect: z.object({ reason: z.string().optional(), drop: z.boolean().optional() }),
};

/** Runs a delivery and reports a missing ack as data (with the envelope, to redeliver it). */
async function settle(delivery: Promise<unknown>): Promise<unknown> {
  try {
    return { ok: true, ack: await delivery };
  } catch (error) {
    if (!(error instanceof SocketDeliveryError)) throw error;
    return { ok: false, error: error.code, envelope: error.envelope };
  }
}

export const controlRoutes: ControlTable<FakeSlack> = {
  'GET info': (_call, fake) => ({ ok: true, info: describeFake(fake) }),
  'GET requests': (call, fake) => ({
    ok: true,
    requests: fake.requests.all(call.url.searchParams.get('method') ?? undefined),
  }),
  'POST faults': (call, fake) => {
    const request = controlSchemas.fault.parse(controlBody(call));
    fake.faults.next(request.method, request.fault, request.times);
    return { ok: true };
  },
  'POST deliver': (call, fake) => {
    const { input, timeoutMs, retries } = controlSchemas.deliver.parse(controlBody(call));
    return settle(fake.deliver(input, { timeoutMs, retries }));
  },
  'POST redeliver': (call, fake) => {
    const { envelope, reason, timeoutMs, retries } = controlSchemas.redeliver.parse(
      controlBody(call),
    );
    return settle(fake.redeliver(envelope, { reason, timeoutMs, retries }));
  },
  'GET messages': (call, fake) => ({
    ok: true,
    messages: fake.messages.all(call.url.searchParams.get('channel') ?? ''),
  }),
  'POST messages': (call, fake) => ({
    ok: true,
    message: fake.postAsUser(controlSchemas.userMessage.parse(controlBody(call))),
  }),
  'POST membership': (call, fake) => {
    const { channel, isMember } = controlSchemas.membership.parse(controlBody(call));
    fake.workspace.setBotMembership(channel, isMember);
    return { ok: true };
  },
  'POST users': (call, fake) => {
    fake.workspace.upsertUser(fakeUserSchema.parse(controlBody(call)));
    return { ok: true };
  },
  'POST response-urls': (_call, fake) => ({ ok: true, url: fake.responseUrls.create() }),
  'GET response-urls': (_call, fake) => ({
    ok: true,
    posts: fake.responseUrls.posts().map(({ url, body: posted }) => ({ url, body: posted })),
  }),
  'GET socket': (_call, fake) => ({
    ok: true,
    connections: fake.socketMode.connectionCount,
    deliveries: fake.socketMode.deliveries(),
    acks: fake.socketMode.acks(),
  }),
  'POST socket/disconnect': (call, fake) => {
    const { reason, drop } = controlSchemas.disconnect.parse(controlBody(call));
    if (drop) fake.socketMode.dropConnections();
    else fake.socketMode.sendDisconnect(reason);
    return { ok: true };
  },
};
