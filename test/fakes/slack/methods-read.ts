/**
 * Reading methods: `conversations.history`, `conversations.replies`, `users.info`, and the
 * identity methods `auth.test` and `apps.connections.open`.
 *
 * `conversations.history` returns message `metadata` only with `include_all_metadata`
 * (https://docs.slack.dev/reference/methods/conversations.history), so an adapter that looks
 * up an unknown-outcome post by its metadata must pass the flag; the fake makes forgetting it
 * a failing test.
 */
import type { SlackMessage, TimelinePage, TimelineQuery } from './message-store.ts';
import {
  type ApiResult,
  failure,
  type MethodContext,
  type MethodDefinition,
} from './method-types.ts';
import { channelError } from './methods-chat.ts';
import { type ApiArgs, boolArg, intArg, stringArg } from './request-body.ts';

function timelineQuery(args: ApiArgs, defaultLimit: number): TimelineQuery {
  const limit = Math.min(Math.max(intArg(args, 'limit') ?? defaultLimit, 1), 999);
  const latest = stringArg(args, 'latest');
  const oldest = stringArg(args, 'oldest');
  const cursor = stringArg(args, 'cursor');
  return {
    limit,
    inclusive: boolArg(args, 'inclusive'),
    ...(latest !== undefined ? { latest } : {}),
    ...(oldest !== undefined ? { oldest } : {}),
    ...(cursor !== undefined ? { cursor } : {}),
  };
}

function pageResult(page: TimelinePage, withMetadata: boolean): ApiResult {
  const messages = page.messages.map((message): SlackMessage => {
    if (withMetadata) return message;
    const { metadata: _hidden, ...rest } = message;
    return rest;
  });
  return {
    ok: true,
    messages,
    has_more: page.hasMore,
    pin_count: 0,
    response_metadata: { next_cursor: page.nextCursor ?? '' },
  };
}

function history(context: MethodContext): ApiResult {
  const { args, state } = context;
  const channel = stringArg(args, 'channel');
  const problem = channelError(context, channel);
  if (problem !== null || channel === undefined) return failure(problem ?? 'channel_not_found');
  const page = state.messages.history(channel, timelineQuery(args, 100));
  return pageResult(page, boolArg(args, 'include_all_metadata'));
}

function replies(context: MethodContext): ApiResult {
  const { args, state } = context;
  const channel = stringArg(args, 'channel');
  const problem = channelError(context, channel);
  if (problem !== null || channel === undefined) return failure(problem ?? 'channel_not_found');
  const ts = stringArg(args, 'ts');
  const page =
    ts === undefined ? undefined : state.messages.replies(channel, ts, timelineQuery(args, 1_000));
  if (!page) return failure('thread_not_found');
  return pageResult(page, boolArg(args, 'include_all_metadata'));
}

function usersInfo(context: MethodContext): ApiResult {
  const id = stringArg(context.args, 'user');
  const user = id === undefined ? undefined : context.state.workspace.user(id);
  return user ? { ok: true, user } : failure('user_not_found');
}

/** https://docs.slack.dev/reference/methods/auth.test: who the token belongs to. */
function authTest(context: MethodContext): ApiResult {
  const { options } = context.state;
  return {
    ok: true,
    url: `https://${options.teamDomain}.slack.com/`,
    team: options.teamName,
    user: options.botName,
    team_id: options.teamId,
    user_id: options.botUserId,
    bot_id: options.botId,
    app_id: options.appId,
    is_enterprise_install: false,
  };
}

/** https://docs.slack.dev/reference/methods/apps.connections.open: a one-use WebSocket URL. */
function connectionsOpen(context: MethodContext): ApiResult {
  return { ok: true, url: context.state.issueSocketUrl() };
}

export const readMethods: Record<string, MethodDefinition> = {
  'conversations.history': { handler: history, tokens: ['bot'] },
  'conversations.replies': { handler: replies, tokens: ['bot'] },
  'users.info': { handler: usersInfo, tokens: ['bot'] },
  'auth.test': { handler: authTest, tokens: ['bot', 'app'] },
  'apps.connections.open': { handler: connectionsOpen, tokens: ['app'] },
};
