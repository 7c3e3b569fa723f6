/**
 * Identity and lookup routes: `GET /gateway/bot` (where discord.js learns the gateway URL),
 * the bot's own user, other users, DM channels, and the guild reads the adapter's admin
 * check falls back to when an event carries no member.
 *
 * @see https://discord.com/developers/docs/events/gateway#get-gateway-bot
 * @see https://discord.com/developers/docs/resources/user#create-dm
 * @see https://discord.com/developers/docs/resources/guild#get-guild-member
 */
import { z } from 'zod';
import { guildForBot } from './access.ts';
import { RestError } from './errors.ts';
import { ROUTES } from './routes.ts';
import type { RouteContext, RouteDef, RouteResult } from './state.ts';
import {
  renderDm,
  renderEveryoneRole,
  renderGuild,
  renderGuildChannel,
  renderMember,
  renderRole,
  renderUser,
} from './world-render.ts';

/** Discord's daily IDENTIFY allowance for a small bot. */
const SESSION_START_TOTAL = 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

function gatewayBot(ctx: RouteContext): RouteResult {
  const { state } = ctx;
  return {
    status: 200,
    body: {
      url: state.gatewayUrl(),
      shards: state.options.recommendedShards,
      session_start_limit: {
        total: SESSION_START_TOTAL,
        remaining: Math.max(0, SESSION_START_TOTAL - state.identifyCount()),
        reset_after: DAY_MS,
        max_concurrency: state.options.maxConcurrency,
      },
    },
  };
}

function currentUser(ctx: RouteContext): RouteResult {
  const { world } = ctx.state;
  return { status: 200, body: renderUser(world.users.get(world.botUserId), world.botUserId) };
}

function getUser(ctx: RouteContext): RouteResult {
  const id = ctx.params.userId ?? '';
  const user = ctx.state.world.users.get(id);
  if (!user) throw RestError.unknownUser();
  return { status: 200, body: renderUser(user, id) };
}

const createDmSchema = z.object({ recipient_id: z.string() });

function createDm(ctx: RouteContext): RouteResult {
  const parsed = createDmSchema.safeParse(ctx.body);
  if (!parsed.success)
    throw RestError.invalidField('recipient_id', 'BASE_TYPE_REQUIRED', 'This field is required');
  const { world } = ctx.state;
  if (!world.users.has(parsed.data.recipient_id))
    throw new RestError(400, 50033, 'Invalid Recipient(s)');
  return { status: 200, body: renderDm(world, world.dmWith(parsed.data.recipient_id)) };
}

function getGuild(ctx: RouteContext): RouteResult {
  const guild = guildForBot(ctx.state, ctx.params.guildId ?? '');
  return { status: 200, body: renderGuild(guild) };
}

function listChannels(ctx: RouteContext): RouteResult {
  const guild = guildForBot(ctx.state, ctx.params.guildId ?? '');
  const { world } = ctx.state;
  return {
    status: 200,
    body: world.guildChannels(guild.id).map((channel) => renderGuildChannel(world, channel)),
  };
}

function listRoles(ctx: RouteContext): RouteResult {
  const guild = guildForBot(ctx.state, ctx.params.guildId ?? '');
  return {
    status: 200,
    body: [renderEveryoneRole(guild), ...[...guild.roles.values()].map(renderRole)],
  };
}

function getMember(ctx: RouteContext): RouteResult {
  const guild = guildForBot(ctx.state, ctx.params.guildId ?? '');
  const member = guild.members.get(ctx.params.userId ?? '');
  if (!member) throw RestError.unknownMember();
  return { status: 200, body: renderMember(ctx.state.world, member) };
}

export const userRoutes: RouteDef[] = [
  { route: ROUTES.getGatewayBot, auth: true, handle: gatewayBot },
  { route: ROUTES.getCurrentUser, auth: true, handle: currentUser },
  { route: ROUTES.getUser, auth: true, handle: getUser },
  { route: ROUTES.createDm, auth: true, handle: createDm },
  { route: ROUTES.getGuild, auth: true, handle: getGuild },
  { route: ROUTES.listGuildChannels, auth: true, handle: listChannels },
  { route: ROUTES.listGuildRoles, auth: true, handle: listRoles },
  { route: ROUTES.getGuildMember, auth: true, handle: getMember },
];
