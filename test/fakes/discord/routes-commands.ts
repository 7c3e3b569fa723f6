/**
 * Application command routes, global and per guild: list, bulk overwrite (what
 * `discord register` uses), create one, delete one. Bodies are validated against the
 * documented naming and option rules before anything is stored.
 *
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-global-application-commands
 * @see https://discord.com/developers/docs/interactions/application-commands#bulk-overwrite-guild-application-commands
 */
import { z } from 'zod';
import { guildForBot } from './access.ts';
import { commandInputSchema, validateCommands } from './command-validate.ts';
import { parseFormBody, RestError } from './errors.ts';
import { ROUTES } from './routes.ts';
import type { RouteContext, RouteDef, RouteResult } from './state.ts';

/** The application and (for guild routes) the guild a request is about, checked. */
function scope(ctx: RouteContext): { applicationId: string; guildId: string | undefined } {
  const applicationId = ctx.params.applicationId ?? '';
  if (applicationId !== ctx.state.options.applicationId) throw RestError.missingAccess();
  const guildId = ctx.params.guildId;
  if (guildId !== undefined) guildForBot(ctx.state, guildId);
  return { applicationId, guildId };
}

const commandListSchema = z.array(commandInputSchema);

function parseList(body: unknown) {
  return parseFormBody(commandListSchema, body);
}

function list(ctx: RouteContext): RouteResult {
  const { applicationId, guildId } = scope(ctx);
  return { status: 200, body: ctx.state.commands.list(applicationId, guildId) };
}

function overwrite(ctx: RouteContext): RouteResult {
  const { applicationId, guildId } = scope(ctx);
  const commands = parseList(ctx.body);
  validateCommands(commands);
  return { status: 200, body: ctx.state.commands.overwrite(applicationId, guildId, commands) };
}

function createOne(ctx: RouteContext): RouteResult {
  const { applicationId, guildId } = scope(ctx);
  const [command] = parseList([ctx.body]);
  if (!command)
    throw RestError.invalidField('_root', 'BASE_TYPE_REQUIRED', 'This field is required');
  validateCommands([command]);
  const result = ctx.state.commands.upsert(applicationId, guildId, command);
  // 201 for a new command, 200 when one of that name was updated.
  return { status: result.created ? 201 : 200, body: result.command };
}

function deleteOne(ctx: RouteContext): RouteResult {
  const { applicationId, guildId } = scope(ctx);
  if (!ctx.state.commands.remove(applicationId, guildId, ctx.params.commandId ?? ''))
    throw RestError.unknownCommand();
  return { status: 204 };
}

export const commandRoutes: RouteDef[] = [
  { route: ROUTES.listGlobalCommands, auth: true, handle: list },
  { route: ROUTES.overwriteGlobalCommands, auth: true, handle: overwrite },
  { route: ROUTES.createGlobalCommand, auth: true, handle: createOne },
  { route: ROUTES.deleteGlobalCommand, auth: true, handle: deleteOne },
  { route: ROUTES.listGuildCommands, auth: true, handle: list },
  { route: ROUTES.overwriteGuildCommands, auth: true, handle: overwrite },
  { route: ROUTES.createGuildCommand, auth: true, handle: createOne },
  { route: ROUTES.deleteGuildCommand, auth: true, handle: deleteOne },
];
