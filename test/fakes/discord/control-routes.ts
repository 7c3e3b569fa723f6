/**
 * Control routes under `/_fake/`: how a test in another process drives the standalone fake
 * (inject faults, make members act, dispatch events, drop the gateway, read what was
 * recorded). Each route is a thin JSON wrapper over the in-process `FakeDiscord` API, so
 * both ways of driving the fake behave the same; ../common/control-routes.ts dispatches to
 * them and `control-client.ts` is the typed caller.
 */
import { z } from 'zod';
import { type ControlTable, controlBody } from '../common/control-routes.ts';
import { PERMISSION, type PermissionName } from './constants.ts';
import { faultSchema } from './faults.ts';
import { describeFake } from './info.ts';
import type { FakeDiscord } from './server.ts';

const permissionName = z.enum(Object.keys(PERMISSION) as [PermissionName, ...PermissionName[]]);

export const controlSchemas = {
  fault: z.object({
    route: z.string(),
    fault: faultSchema,
    times: z.number().int().min(1).optional(),
  }),
  dispatch: z.object({ type: z.string(), data: z.unknown() }),
  interact: z.object({ payload: z.unknown() }),
  disconnect: z.object({ code: z.number().int().optional(), terminate: z.boolean().optional() }),
  post: z.object({
    channelId: z.string().optional(),
    userId: z.string().optional(),
    content: z.string(),
    replyTo: z.string().optional(),
  }),
  edit: z.object({ messageId: z.string(), content: z.string() }),
  messageId: z.object({ messageId: z.string() }),
  reaction: z.object({
    messageId: z.string(),
    userId: z.string().optional(),
    emoji: z.string().optional(),
  }),
  guild: z.object({ guildId: z.string().optional() }),
  permissions: z.object({ channelId: z.string(), denyBot: z.array(permissionName) }),
};

export const controlRoutes: ControlTable<FakeDiscord> = {
  'GET info': (_call, fake) => ({ ok: true, info: describeFake(fake) }),
  'GET requests': (call, fake) => ({
    ok: true,
    requests: fake.requests.all(call.url.searchParams.get('route') ?? undefined),
  }),
  'POST faults': (call, fake) => {
    const request = controlSchemas.fault.parse(controlBody(call));
    fake.faults.next(request.route, request.fault, request.times);
    return { ok: true };
  },
  'POST dispatch': (call, fake) => {
    const { type, data } = controlSchemas.dispatch.parse(controlBody(call));
    return { ok: true, deliveries: fake.dispatch(type, data) };
  },
  'POST interact': (call, fake) => ({
    ok: true,
    interaction: fake.interact(controlSchemas.interact.parse(controlBody(call)).payload),
  }),
  'GET interactions': (_call, fake) => ({ ok: true, interactions: fake.interactions.all() }),
  'POST disconnect': (call, fake) => {
    const { code, terminate } = controlSchemas.disconnect.parse(controlBody(call));
    return { ok: true, dropped: fake.disconnect(code, { terminate }) };
  },
  'POST reconnect': (_call, fake) => {
    fake.gateway.requestReconnect();
    return { ok: true };
  },
  'GET sessions': (_call, fake) => ({
    ok: true,
    sessions: fake.gateway.sessions().map((s) => ({
      id: s.id,
      status: s.status,
      seq: s.seq,
      intents: s.intents,
      shard: s.shard,
      resumes: s.resumes,
    })),
    connections: fake.gateway.connections(),
  }),
  'GET messages': (call, fake) => ({
    ok: true,
    messages: fake.messages
      .all(call.url.searchParams.get('channel') ?? undefined)
      .map((stored) => ({
        message: stored.message,
        allowedMentions: stored.allowedMentions,
        enforceNonce: stored.enforceNonce,
      })),
  }),
  'POST members/post': (call, fake) => {
    const { stored, dispatched } = fake.members.postTracked(
      controlSchemas.post.parse(controlBody(call)),
    );
    return { ok: true, message: stored.message, dispatched };
  },
  'POST members/edit': (call, fake) => {
    const { messageId, content } = controlSchemas.edit.parse(controlBody(call));
    return { ok: true, message: fake.members.edit(messageId, content).message };
  },
  'POST members/delete': (call, fake) => {
    fake.members.delete(controlSchemas.messageId.parse(controlBody(call)).messageId);
    return { ok: true };
  },
  'POST members/react': (call, fake) => {
    fake.members.react(controlSchemas.reaction.parse(controlBody(call)));
    return { ok: true };
  },
  'POST members/unreact': (call, fake) => {
    fake.members.unreact(controlSchemas.reaction.parse(controlBody(call)));
    return { ok: true };
  },
  'POST guilds/remove-bot': (call, fake) => {
    fake.members.removeBotFromGuild(controlSchemas.guild.parse(controlBody(call)).guildId);
    return { ok: true };
  },
  'POST permissions': (call, fake) => {
    const { channelId, denyBot } = controlSchemas.permissions.parse(controlBody(call));
    fake.world.setBotDenied(channelId, denyBot);
    return { ok: true };
  },
};
