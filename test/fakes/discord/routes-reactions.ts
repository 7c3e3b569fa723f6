/**
 * Reaction routes. The bot's own reactions are echoed as MESSAGE_REACTION_ADD/REMOVE like
 * anyone's, so the adapter's "a reaction by the bot is not a vote" rule meets the real case.
 *
 * @see https://discord.com/developers/docs/resources/message#create-reaction
 */
import type { APIPartialEmoji } from 'discord.js';
import { channelForBot, messageIn } from './access.ts';
import { RestError } from './errors.ts';
import { parseEmoji, type StoredMessage } from './message-store.ts';
import { FAKE_IDS } from './options.ts';
import { reactionAdd, reactionRemove } from './payloads-messages.ts';
import { ROUTES } from './routes.ts';
import type { RouteContext, RouteDef, RouteResult } from './state.ts';

function target(
  ctx: RouteContext,
  needs: ('AddReactions' | 'ReadMessageHistory' | 'ManageMessages')[],
): { stored: StoredMessage; emoji: APIPartialEmoji } {
  const channel = channelForBot(ctx.state, ctx.params.channelId ?? '', needs);
  const stored = messageIn(ctx.state, channel, ctx.params.messageId ?? '');
  const emoji = parseEmoji(ctx.params.emoji ?? '');
  if (!emoji.name) throw new RestError(400, 10014, 'Unknown Emoji');
  return { stored, emoji };
}

function eventInput(
  ctx: RouteContext,
  stored: StoredMessage,
  emoji: APIPartialEmoji,
  userId: string,
) {
  const user = ctx.state.world.users.get(userId);
  const member =
    stored.guildId === undefined
      ? undefined
      : ctx.state.world.guilds.get(stored.guildId)?.members.get(userId);
  return {
    user: { id: userId, username: user?.username ?? FAKE_IDS.botUsername, bot: user?.bot ?? false },
    member: member ? { roles: member.roles, joinedAt: member.joinedAt } : undefined,
    channelId: stored.message.channel_id,
    messageId: stored.message.id,
    messageAuthorId: stored.message.author.id,
    guildId: stored.guildId ?? null,
    emoji,
  };
}

function addOwn(ctx: RouteContext): RouteResult {
  const { stored, emoji } = target(ctx, ['ReadMessageHistory', 'AddReactions']);
  const botId = ctx.state.world.botUserId;
  if (ctx.state.messages.react(stored, emoji, botId)) {
    ctx.emit('MESSAGE_REACTION_ADD', reactionAdd(eventInput(ctx, stored, emoji, botId)));
  }
  return { status: 204 };
}

function removeFor(
  ctx: RouteContext,
  userId: string,
  needs: ('ReadMessageHistory' | 'ManageMessages')[],
): RouteResult {
  const { stored, emoji } = target(ctx, needs);
  if (ctx.state.messages.unreact(stored, emoji, userId)) {
    ctx.emit('MESSAGE_REACTION_REMOVE', reactionRemove(eventInput(ctx, stored, emoji, userId)));
  }
  return { status: 204 };
}

function list(ctx: RouteContext): RouteResult {
  const { stored, emoji } = target(ctx, ['ReadMessageHistory']);
  const entry = [...stored.reactions.values()].find(
    (r) => r.emoji.name === emoji.name && r.emoji.id === emoji.id,
  );
  const users = (entry?.users ?? []).map((id) => {
    const user = ctx.state.world.users.get(id);
    return {
      id,
      username: user?.username ?? id,
      discriminator: '0',
      global_name: user?.globalName ?? null,
      avatar: null,
    };
  });
  return { status: 200, body: users };
}

export const reactionRoutes: RouteDef[] = [
  { route: ROUTES.addOwnReaction, auth: true, handle: addOwn },
  {
    route: ROUTES.removeOwnReaction,
    auth: true,
    handle: (ctx) => removeFor(ctx, ctx.state.world.botUserId, ['ReadMessageHistory']),
  },
  {
    route: ROUTES.removeUserReaction,
    auth: true,
    handle: (ctx) =>
      removeFor(ctx, ctx.params.userId ?? '', ['ReadMessageHistory', 'ManageMessages']),
  },
  { route: ROUTES.listReactions, auth: true, handle: list },
];
