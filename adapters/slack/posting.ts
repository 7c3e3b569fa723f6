/**
 * Rendered messages out to Slack: a message in one or more posts (Block Kit allows 50 blocks
 * per message, https://docs.slack.dev/reference/block-kit/blocks), and private answers that
 * fall back to a direct message where an ephemeral one cannot go.
 */
import type { ChannelParts } from '../../src/core/ids.ts';
import type { Message } from '../../src/core/messages.ts';
import {
  PlatformError,
  type PostedMessage,
  type PostMarker,
  type PrivateDelivery,
} from '../../src/core/platform.ts';
import type { Logger } from '../../src/logger.ts';
import { markerMetadata } from './find-posted.ts';
import { messageRef } from './ids.ts';
import { renderSlackMessage } from './render.ts';
import type { SlackWeb } from './web.ts';
import { slackErrorCode } from './web-errors.ts';

/**
 * Posts `message` in `channel` (in the thread of `threadTs` when given). The first post
 * carries the marker and is the message the core records; the rest of a long message
 * follows it. A failure after the first post is logged, not thrown: the message exists, and
 * a throw would make the core post all of it again.
 */
export async function postRendered(
  web: SlackWeb,
  logger: Logger,
  post: { channel: ChannelParts; threadTs?: string; message: Message; marker?: PostMarker },
): Promise<PostedMessage> {
  const [first, ...rest] = renderSlackMessage(post.message);
  if (!first) throw new PlatformError('invalid', 'nothing to post: the message is empty');
  const target = {
    channel: post.channel.channel,
    ...(post.threadTs === undefined ? {} : { threadTs: post.threadTs }),
  };
  const ts = await web.post(target, first, post.marker && markerMetadata(post.marker));
  for (const payload of rest) {
    try {
      await web.post(target, payload);
    } catch (error) {
      logger.error(
        { err: error, channel: target.channel, ts },
        'slack: the continuation of a long message was not posted',
      );
      break;
    }
  }
  return { ref: messageRef(post.channel, ts) };
}

/**
 * An ephemeral message (https://docs.slack.dev/reference/methods/chat.postEphemeral) or,
 * where the bot cannot post in the channel (not invited, removed, archived) or the member is
 * not in it, a direct message from the app: chat.postMessage to a user id posts in the app's
 * conversation with them. So "invite the bot, then /drill resume" reaches the admin even
 * when the channel is exactly what the bot lost.
 */
export async function postPrivately(
  web: SlackWeb,
  channel: string,
  user: string,
  message: Message,
): Promise<PrivateDelivery> {
  const payloads = renderSlackMessage(message);
  try {
    for (const payload of payloads) await web.postEphemeral(channel, user, payload);
    return { via: 'ephemeral' };
  } catch (error) {
    const unreachable =
      (error instanceof PlatformError && error.channelLost) ||
      slackErrorCode(error) === 'user_not_in_channel';
    if (!unreachable) throw error;
  }
  for (const payload of payloads) await web.post({ channel: user }, payload);
  return { via: 'dm' };
}
