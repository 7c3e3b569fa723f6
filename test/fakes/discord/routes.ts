/**
 * The REST routes the fake serves, by name. Tests use these names for fault injection and
 * request assertions (`fake.faults.next(ROUTES.createMessage, ...)`,
 * `fake.requests.all(ROUTES.createMessage)`), so a typo is a compile error, not a fault that
 * silently never fires. Paths are below `/api/v10`, with `:name` parameters.
 */
export const ROUTES = {
  getGatewayBot: 'GET /gateway/bot',
  getCurrentUser: 'GET /users/@me',
  getUser: 'GET /users/:userId',
  createDm: 'POST /users/@me/channels',
  getChannel: 'GET /channels/:channelId',
  modifyChannel: 'PATCH /channels/:channelId',
  createMessage: 'POST /channels/:channelId/messages',
  listMessages: 'GET /channels/:channelId/messages',
  getMessage: 'GET /channels/:channelId/messages/:messageId',
  editMessage: 'PATCH /channels/:channelId/messages/:messageId',
  deleteMessage: 'DELETE /channels/:channelId/messages/:messageId',
  addOwnReaction: 'PUT /channels/:channelId/messages/:messageId/reactions/:emoji/@me',
  removeOwnReaction: 'DELETE /channels/:channelId/messages/:messageId/reactions/:emoji/@me',
  removeUserReaction: 'DELETE /channels/:channelId/messages/:messageId/reactions/:emoji/:userId',
  listReactions: 'GET /channels/:channelId/messages/:messageId/reactions/:emoji',
  startThreadFromMessage: 'POST /channels/:channelId/messages/:messageId/threads',
  joinThread: 'PUT /channels/:channelId/thread-members/@me',
  getGuild: 'GET /guilds/:guildId',
  listGuildChannels: 'GET /guilds/:guildId/channels',
  listGuildRoles: 'GET /guilds/:guildId/roles',
  getGuildMember: 'GET /guilds/:guildId/members/:userId',
  interactionCallback: 'POST /interactions/:interactionId/:token/callback',
  createFollowup: 'POST /webhooks/:applicationId/:token',
  getWebhookMessage: 'GET /webhooks/:applicationId/:token/messages/:messageId',
  editWebhookMessage: 'PATCH /webhooks/:applicationId/:token/messages/:messageId',
  deleteWebhookMessage: 'DELETE /webhooks/:applicationId/:token/messages/:messageId',
  listGlobalCommands: 'GET /applications/:applicationId/commands',
  overwriteGlobalCommands: 'PUT /applications/:applicationId/commands',
  createGlobalCommand: 'POST /applications/:applicationId/commands',
  deleteGlobalCommand: 'DELETE /applications/:applicationId/commands/:commandId',
  listGuildCommands: 'GET /applications/:applicationId/guilds/:guildId/commands',
  overwriteGuildCommands: 'PUT /applications/:applicationId/guilds/:guildId/commands',
  createGuildCommand: 'POST /applications/:applicationId/guilds/:guildId/commands',
  deleteGuildCommand: 'DELETE /applications/:applicationId/guilds/:guildId/commands/:commandId',
} as const;

export type RouteName = (typeof ROUTES)[keyof typeof ROUTES];

interface CompiledRoute {
  route: string;
  method: string;
  segments: string[];
}

export interface RouteMatch {
  route: string;
  params: Record<string, string>;
}

function compile(route: string): CompiledRoute {
  const [method = '', path = ''] = route.split(' ');
  return { route, method, segments: path.split('/').filter(Boolean) };
}

function matchSegments(pattern: string[], actual: string[]): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i += 1) {
    const expected = pattern[i] ?? '';
    const segment = actual[i] ?? '';
    if (expected.startsWith(':')) {
      // `@me` is never a parameter value: `/users/@me` must not match `/users/:userId`.
      if (segment === '@me') return undefined;
      try {
        params[expected.slice(1)] = decodeURIComponent(segment);
      } catch {
        return undefined; // a malformed escape matches nothing: 404, as for any unknown path
      }
    } else if (expected !== segment) {
      return undefined;
    }
  }
  return params;
}

/** Matches a method and path to a route; `methodMismatch` when only the method is wrong (405). */
export class RouteMatcher {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly string[]) {
    this.routes = routes.map(compile);
  }

  match(method: string, path: string): RouteMatch | 'methodMismatch' | undefined {
    const actual = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const candidate of this.routes) {
      const params = matchSegments(candidate.segments, actual);
      if (!params) continue;
      if (candidate.method === method) return { route: candidate.route, params };
      pathMatched = true;
    }
    return pathMatched ? 'methodMismatch' : undefined;
  }
}
