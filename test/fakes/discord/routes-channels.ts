/**
 * Channel and thread routes: read a channel, start a thread from a message, change a
 * thread (archive, lock, rename), join one.
 *
 * A thread started from a message takes that message's id, so one message can carry only
 * one thread (a second attempt is 400 160004): drillbot relies on this to find a drill's
 * thread from its question post after a crash.
 *
 * @see https://discord.com/developers/docs/resources/channel#start-thread-from-message
 * @see https://discord.com/developers/docs/resources/channel#modify-channel-json-params-thread
 */
import { z } from 'zod';
import { channelForBot, messageIn } from './access.ts';
import { MESSAGE_FLAG } from './constants.ts';
import { parseFormBody, RestError } from './errors.ts';
import { messageEventData } from './message-create.ts';
import { ROUTES } from './routes.ts';
import type { RouteContext, RouteDef, RouteResult } from './state.ts';
import { renderChannel, renderThread } from './world-render.ts';

const archiveDuration = z.union([
  z.literal(60),
  z.literal(1440),
  z.literal(4320),
  z.literal(10080),
]);

const startThreadSchema = z.looseObject({
  name: z.string().min(1).max(100),
  auto_archive_duration: archiveDuration.optional(),
  rate_limit_per_user: z.number().int().min(0).max(21600).nullable().optional(),
});

const modifyThreadSchema = z.looseObject({
  name: z.string().min(1).max(100).optional(),
  archived: z.boolean().optional(),
  locked: z.boolean().optional(),
  auto_archive_duration: archiveDuration.optional(),
});

function getChannel(ctx: RouteContext): RouteResult {
  const channel = channelForBot(ctx.state, ctx.params.channelId ?? '');
  return { status: 200, body: renderChannel(ctx.state.world, channel) };
}

function startThread(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const parent = channelForBot(state, ctx.params.channelId ?? '');
  if (parent.kind !== 'guild')
    throw new RestError(400, 50024, 'Cannot execute action on this channel type');
  channelForBot(state, parent.id, ['CreatePublicThreads', 'ReadMessageHistory']);
  const body = parseFormBody(startThreadSchema, ctx.body ?? {});
  const stored = messageIn(state, parent, ctx.params.messageId ?? '');
  if (state.world.channels.has(stored.message.id)) throw RestError.threadAlreadyCreated();
  const thread = state.world.startThread(
    parent,
    stored.message.id,
    body.name,
    body.auto_archive_duration ?? 1440,
  );
  const rendered = renderThread(state.world, thread);
  stored.message.thread = rendered;
  stored.message.flags = (stored.message.flags ?? 0) | MESSAGE_FLAG.hasThread;
  ctx.emit('THREAD_CREATE', { ...rendered, newly_created: true });
  ctx.emit('MESSAGE_UPDATE', messageEventData(state, stored));
  return { status: 201, body: rendered };
}

function modifyChannel(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const channel = channelForBot(state, ctx.params.channelId ?? '');
  if (channel.kind !== 'thread') {
    // drillbot never renames or re-topics channels; refusing keeps an accidental call visible.
    throw new RestError(400, 50024, 'Cannot execute action on this channel type');
  }
  const body = parseFormBody(modifyThreadSchema, ctx.body ?? {});
  const ownsThread = channel.ownerId === state.world.botUserId;
  if ((body.locked !== undefined || !ownsThread) && !state.world.botCan(channel, 'ManageThreads')) {
    throw RestError.missingPermissions();
  }
  if (body.name !== undefined) channel.name = body.name;
  if (body.locked !== undefined) channel.locked = body.locked;
  if (body.auto_archive_duration !== undefined)
    channel.autoArchiveDuration = body.auto_archive_duration;
  if (body.archived !== undefined) {
    channel.archived = body.archived;
    channel.archiveTimestamp = new Date(state.options.now()).toISOString();
  }
  const rendered = renderThread(state.world, channel);
  ctx.emit('THREAD_UPDATE', rendered);
  return { status: 200, body: rendered };
}

function joinThread(ctx: RouteContext): RouteResult {
  const channel = channelForBot(ctx.state, ctx.params.channelId ?? '');
  if (channel.kind !== 'thread')
    throw new RestError(400, 50024, 'Cannot execute action on this channel type');
  return { status: 204 };
}

export const channelRoutes: RouteDef[] = [
  { route: ROUTES.getChannel, auth: true, handle: getChannel },
  { route: ROUTES.modifyChannel, auth: true, handle: modifyChannel },
  { route: ROUTES.startThreadFromMessage, auth: true, handle: startThread },
  { route: ROUTES.joinThread, auth: true, handle: joinThread },
];
