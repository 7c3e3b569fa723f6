/**
 * The codec's opaque ids (src/core/ids.ts) as the Discord snowflakes REST takes. A Discord id
 * in the core's hands is `discord:<guild>:<channel>` (channel), `discord:<guild>:<channel or
 * thread>:<message>` (message) or `discord:<user>` (member); anything else is a bug upstream,
 * refused as `invalid` rather than sent to Discord.
 */
import {
  type ChannelParts,
  type MessageParts,
  messageId,
  parseChannelId,
  parseMemberId,
  parseMessageId,
} from '../../src/core/ids.ts';
import { PlatformError } from '../../src/core/platform.ts';

export function discordChannel(id: string): ChannelParts {
  const parts = parseChannelId(id);
  if (parts?.platform !== 'discord')
    throw new PlatformError('invalid', `not a Discord channel: ${id}`);
  return parts;
}

export function discordMessage(id: string): MessageParts {
  const parts = parseMessageId(id);
  if (parts?.platform !== 'discord')
    throw new PlatformError('invalid', `not a Discord message: ${id}`);
  return parts;
}

/** The Discord user id of a member id, or undefined for another platform's member. */
export function discordUser(id: string): string | undefined {
  const parts = parseMemberId(id);
  return parts?.platform === 'discord' && /^\d{1,20}$/.test(parts.member)
    ? parts.member
    : undefined;
}

/** The message id of snowflake `message` in channel or thread `channel` of `guild`. */
export function messageRef(guild: string, channel: string, message: string): string {
  return messageId({ platform: 'discord', workspace: guild, channel, message });
}
