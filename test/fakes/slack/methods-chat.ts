/**
 * Writing methods: `chat.postMessage`, `chat.postEphemeral`, `chat.update`, `reactions.add`.
 *
 * Response shapes follow Slack's method reference
 * (https://docs.slack.dev/reference/methods/chat.postMessage and siblings): a post returns the
 * channel, the new `ts` and the stored message; an ephemeral post only its `message_ts`,
 * because ephemeral messages are never retrievable afterwards.
 */
import { readContent } from './message-content.ts';
import type { SlackMessage } from './message-store.ts';
import {
  type ApiResult,
  failure,
  type MethodContext,
  type MethodDefinition,
} from './method-types.ts';
import { stringArg } from './request-body.ts';

/** Channel checks shared by every method that names a channel. */
export function channelError(context: MethodContext, channel: string | undefined): string | null {
  if (channel === undefined) return 'channel_not_found';
  const access = context.state.workspace.access(channel);
  return access === 'ok' ? null : access;
}

function postMessage(context: MethodContext): ApiResult {
  const { args, state } = context;
  const channel = stringArg(args, 'channel');
  const problem = channelError(context, channel);
  if (problem !== null || channel === undefined) return failure(problem ?? 'channel_not_found');
  const read = readContent(args);
  if (!read.ok) return failure(read.error);
  const threadTs = stringArg(args, 'thread_ts');
  const parent = threadTs === undefined ? undefined : state.messages.find(channel, threadTs);
  const { options } = state;
  const message = state.messages.add(channel, {
    user: options.botUserId,
    bot_id: options.botId,
    app_id: options.appId,
    team: options.teamId,
    text: read.content.text ?? '',
    ...(read.content.blocks ? { blocks: read.content.blocks } : {}),
    ...(read.content.metadata ? { metadata: read.content.metadata } : {}),
    ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
    ...(parent ? { parent_user_id: parent.user } : {}),
  });
  return { ok: true, channel, ts: message.ts, message };
}

function postEphemeral(context: MethodContext): ApiResult {
  const { args, state } = context;
  const channel = stringArg(args, 'channel');
  const problem = channelError(context, channel);
  if (problem !== null || channel === undefined) return failure(problem ?? 'channel_not_found');
  const user = stringArg(args, 'user');
  if (user === undefined || !state.workspace.user(user)) return failure('user_not_found');
  const read = readContent(args);
  if (!read.ok) return failure(read.error);
  const threadTs = stringArg(args, 'thread_ts');
  const stored = state.messages.addEphemeral({
    channel,
    user,
    text: read.content.text ?? '',
    ...(read.content.blocks ? { blocks: read.content.blocks } : {}),
    ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
  });
  return { ok: true, message_ts: stored.message_ts };
}

function update(context: MethodContext): ApiResult {
  const { args, state } = context;
  const channel = stringArg(args, 'channel');
  const problem = channelError(context, channel);
  if (problem !== null || channel === undefined) return failure(problem ?? 'channel_not_found');
  const ts = stringArg(args, 'ts');
  const existing = ts === undefined ? undefined : state.messages.find(channel, ts);
  if (ts === undefined || !existing) return failure('message_not_found');
  // Slack lets a token edit only its own messages.
  if (existing.user !== state.options.botUserId) return failure('cant_update_message');
  const read = readContent(args, false);
  if (!read.ok) return failure(read.error);
  // An edit gets its own timestamp, as Slack records when a message was edited.
  const editedTs = state.messages.nextTs();
  const message = state.messages.update(channel, ts, (stored: SlackMessage) => {
    if (read.content.text !== undefined) stored.text = read.content.text;
    if (read.content.blocks) stored.blocks = read.content.blocks;
    if (read.content.metadata) stored.metadata = read.content.metadata;
    stored.edited = { user: state.options.botUserId, ts: editedTs };
  });
  if (!message) return failure('message_not_found');
  return { ok: true, channel, ts, text: message.text, message };
}

function addReaction(context: MethodContext): ApiResult {
  const { args, state } = context;
  const channel = stringArg(args, 'channel');
  const problem = channelError(context, channel);
  if (problem !== null || channel === undefined) return failure(problem ?? 'channel_not_found');
  const name = stringArg(args, 'name');
  if (name === undefined) return failure('invalid_name');
  const ts = stringArg(args, 'timestamp');
  const existing = ts === undefined ? undefined : state.messages.find(channel, ts);
  if (ts === undefined || !existing) return failure('message_not_found');
  const bot = state.options.botUserId;
  if (
    existing.reactions?.some((reaction) => reaction.name === name && reaction.users.includes(bot))
  ) {
    return failure('already_reacted');
  }
  state.messages.update(channel, ts, (stored) => {
    const reactions = stored.reactions ?? [];
    const reaction = reactions.find((candidate) => candidate.name === name);
    if (reaction) {
      reaction.users.push(bot);
      reaction.count += 1;
    } else {
      reactions.push({ name, users: [bot], count: 1 });
    }
    stored.reactions = reactions;
  });
  return { ok: true };
}

export const chatMethods: Record<string, MethodDefinition> = {
  'chat.postMessage': { handler: postMessage, tokens: ['bot'] },
  'chat.postEphemeral': { handler: postEphemeral, tokens: ['bot'] },
  'chat.update': { handler: update, tokens: ['bot'] },
  'reactions.add': { handler: addReaction, tokens: ['bot'] },
};
