/**
 * What the Discord gateway translators share: the adapter's context (who the bot is, which
 * guild a channel is in, which channel a thread hangs off) and the id rules of ./inbound.ts.
 */
import { channelId, messageId } from '../../src/core/ids.ts';
import { snowflake } from './inbound-text.ts';

/** Who the bot is, what the adapter knows about channels, and when the dispatch arrived. */
export interface GatewayContext {
  /** The bot's user id (READY `user.id`): its messages and reactions carry it. */
  botUserId: string;
  /** The guild of a channel, for dispatches without `guild_id`. */
  guildOf(channelId: string): string | undefined;
  /** The parent channel of a thread; undefined for a channel that is no thread, or unknown. */
  parentOf(threadId: string): string | undefined;
  /** When the dispatch arrived: the time of events that carry none. */
  receivedAt: Date;
  /** The dispatch's session and sequence number (`s`), when the adapter tracks them. */
  dispatch?: { sessionId: string; sequence: number };
}

const isSnowflake = (value: string | undefined): value is string =>
  value !== undefined && snowflake.safeParse(value).success;

/** The guild of `channel`: the dispatch's own `guild_id`, else the adapter's lookup. */
export function guildFor(
  guildId: string | null | undefined,
  channel: string,
  context: GatewayContext,
): string | undefined {
  const guild = guildId ?? context.guildOf(channel);
  return isSnowflake(guild) ? guild : undefined;
}

/** Ids of a message in thread `thread`, or undefined when `thread` is no known thread. */
export function inThread(
  thread: string,
  message: string,
  guildId: string | null | undefined,
  context: GatewayContext,
) {
  const parent = context.parentOf(thread);
  if (!isSnowflake(parent)) return undefined;
  const guild = guildFor(guildId, thread, context) ?? guildFor(undefined, parent, context);
  if (guild === undefined) return undefined;
  const parts = { platform: 'discord' as const, workspace: guild };
  return {
    channel: channelId({ ...parts, channel: parent }),
    root: messageId({ ...parts, channel: parent, message: thread }),
    message: messageId({ ...parts, channel: thread, message }),
  };
}

/** Ids of a message in a channel that is no thread; undefined outside a guild. */
export function inChannel(
  channel: string,
  message: string,
  guildId: string | null | undefined,
  context: GatewayContext,
) {
  const guild = guildFor(guildId, channel, context);
  if (guild === undefined) return undefined;
  const parts = { platform: 'discord' as const, workspace: guild, channel };
  return { channel: channelId(parts), message: messageId({ ...parts, message }) };
}

/** Written by the bot itself, another bot, Discord's system user or a webhook. */
export function fromBot(
  author: { id: string; bot?: boolean | null; system?: boolean | null },
  webhookId: string | null | undefined,
  context: GatewayContext,
): boolean {
  return (
    author.id === context.botUserId ||
    author.bot === true ||
    author.system === true ||
    (webhookId !== undefined && webhookId !== null)
  );
}

/**
 * An event id for an occurrence without an id of its own (a reaction, a guild removal): its
 * place in the gateway session, which a resume replays unchanged, else its arrival time, so a
 * reaction added again after its removal is never taken for a replay (see ./inbound.ts).
 */
export function occurrenceId(kind: string, key: string, context: GatewayContext): string {
  const { dispatch } = context;
  if (dispatch && Number.isSafeInteger(dispatch.sequence))
    return `discord:dispatch:${dispatch.sessionId}:${dispatch.sequence}`;
  return `discord:${kind}:${key}:${context.receivedAt.getTime()}`;
}
