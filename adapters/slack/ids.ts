/**
 * The codec's opaque ids (src/core/ids.ts) as the Slack ids the Web API takes. A Slack id in
 * the core's hands is `slack:T…:C…` (channel), `slack:T…:C…:<ts>` (message, its `ts` is its
 * id within the channel) or `slack:U…` (member); anything else is a bug upstream, refused as
 * `invalid` rather than sent to Slack.
 */
import {
  type ChannelParts,
  channelId,
  type MessageParts,
  messageId,
  parseChannelId,
  parseMemberId,
  parseMessageId,
} from '../../src/core/ids.ts';
import { PlatformError } from '../../src/core/platform.ts';

export function slackChannel(id: string): ChannelParts {
  const parts = parseChannelId(id);
  if (parts?.platform !== 'slack') throw new PlatformError('invalid', `not a Slack channel: ${id}`);
  return parts;
}

export function slackMessage(id: string): MessageParts {
  const parts = parseMessageId(id);
  if (parts?.platform !== 'slack') throw new PlatformError('invalid', `not a Slack message: ${id}`);
  return parts;
}

/** The Slack user id of a member id, or undefined for another platform's member. */
export function slackUser(id: string): string | undefined {
  const parts = parseMemberId(id);
  return parts?.platform === 'slack' ? parts.member : undefined;
}

/** The message id of `ts` in `channel`. */
export function messageRef(channel: ChannelParts, ts: string): string {
  return messageId({ ...channel, message: ts });
}

/** The channel a message id belongs to. */
export function channelOf(message: MessageParts): string {
  return channelId(message);
}
