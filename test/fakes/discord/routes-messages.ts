/**
 * Message routes: create (with `nonce` + `enforce_nonce`), list, get, edit, delete.
 *
 * `enforce_nonce` is honoured as documented: a second post with the same nonce by the same
 * author in the same channel within the window returns the first message (200) and creates
 * nothing, which is how drillbot makes a retried question post safe.
 *
 * @see https://discord.com/developers/docs/resources/message#create-message
 * @see https://discord.com/developers/docs/resources/message#get-channel-messages
 */
import { channelForBot, messageIn, postingPermission } from './access.ts';
import { RestError } from './errors.ts';
import { resolveMentions } from './mentions.ts';
import {
  checkMessageLimits,
  createMessage,
  messageEventData,
  parseMessageBody,
} from './message-create.ts';
import { ROUTES } from './routes.ts';
import type { RouteContext, RouteDef, RouteResult } from './state.ts';

function create(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const channel = channelForBot(state, ctx.params.channelId ?? '');
  const body = parseMessageBody(ctx.body);
  checkMessageLimits(body);
  if (body.enforce_nonce && body.nonce !== undefined) {
    const since = state.options.now() - state.options.nonceWindowMs;
    const earlier = state.messages.findByNonce(
      channel.id,
      state.world.botUserId,
      String(body.nonce),
      since,
    );
    if (earlier)
      return { status: 200, body: state.messages.render(earlier, state.world.botUserId) };
  }
  channelForBot(state, channel.id, postingPermission(channel));
  if (channel.kind === 'dm' && state.world.users.get(channel.recipientId)?.dmsClosed) {
    throw RestError.cannotSendToUser();
  }
  const stored = createMessage(state, channel, state.world.botUserId, body);
  ctx.emit('MESSAGE_CREATE', messageEventData(state, stored));
  return { status: 200, body: state.messages.render(stored, state.world.botUserId) };
}

function numberParam(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed))
    throw RestError.invalidField(name, 'NUMBER_TYPE_COERCE', `Value "${value}" is not int.`);
  return parsed;
}

function list(ctx: RouteContext): RouteResult {
  const { state, query } = ctx;
  const channel = channelForBot(state, ctx.params.channelId ?? '');
  // Without Read Message History Discord answers an empty list, not an error.
  if (channel.kind !== 'dm' && !state.world.botCan(channel, 'ReadMessageHistory'))
    return { status: 200, body: [] };
  const page = state.messages.list(channel.id, {
    limit: numberParam(query, 'limit'),
    before: query.get('before') ?? undefined,
    after: query.get('after') ?? undefined,
    around: query.get('around') ?? undefined,
  });
  return {
    status: 200,
    body: page.map((stored) => state.messages.render(stored, state.world.botUserId)),
  };
}

function get(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const channel = channelForBot(state, ctx.params.channelId ?? '', ['ReadMessageHistory']);
  const stored = messageIn(state, channel, ctx.params.messageId ?? '');
  return { status: 200, body: state.messages.render(stored, state.world.botUserId) };
}

function edit(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const channel = channelForBot(state, ctx.params.channelId ?? '');
  const stored = messageIn(state, channel, ctx.params.messageId ?? '');
  if (stored.message.author.id !== state.world.botUserId) throw RestError.cannotEditOthers();
  const body = parseMessageBody(ctx.body);
  checkMessageLimits(body, true);
  const message = stored.message;
  if (body.content !== undefined) message.content = body.content;
  if (body.embeds !== undefined) message.embeds = body.embeds;
  if (body.components !== undefined) message.components = body.components;
  if (body.flags !== undefined) message.flags = body.flags;
  if (body.allowed_mentions !== undefined)
    stored.allowedMentions = body.allowed_mentions ?? undefined;
  Object.assign(
    message,
    resolveMentions(state.world, channel, message.content, stored.allowedMentions),
  );
  message.edited_timestamp = new Date(state.options.now()).toISOString();
  ctx.emit('MESSAGE_UPDATE', messageEventData(state, stored));
  return { status: 200, body: state.messages.render(stored, state.world.botUserId) };
}

function remove(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  const channel = channelForBot(state, ctx.params.channelId ?? '');
  const stored = messageIn(state, channel, ctx.params.messageId ?? '');
  if (stored.message.author.id !== state.world.botUserId)
    channelForBot(state, channel.id, ['ManageMessages']);
  stored.deleted = true;
  ctx.emit('MESSAGE_DELETE', {
    id: stored.message.id,
    channel_id: channel.id,
    ...(stored.guildId === undefined ? {} : { guild_id: stored.guildId }),
  });
  return { status: 204 };
}

export const messageRoutes: RouteDef[] = [
  { route: ROUTES.createMessage, auth: true, handle: create },
  { route: ROUTES.listMessages, auth: true, handle: list },
  { route: ROUTES.getMessage, auth: true, handle: get },
  { route: ROUTES.editMessage, auth: true, handle: edit },
  { route: ROUTES.deleteMessage, auth: true, handle: remove },
];
