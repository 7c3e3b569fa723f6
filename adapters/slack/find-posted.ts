/**
 * Finds a post the bot made by the marker in its message metadata, for a retry after an
 * unknown outcome (a timeout after Slack may have posted). Slack has no idempotency key for
 * `chat.postMessage`; its message metadata, returned by conversations.history and .replies
 * with `include_all_metadata` (https://docs.slack.dev/messaging/message-metadata), is the
 * nearest thing, so every drill post carries `{event_type: 'drillbot_post',
 * event_payload: {marker}}`.
 */
import type { MessageMetadata } from '@slack/types';
import type { PostMarker } from '../../src/core/platform.ts';
import type { MessagePage, SlackWeb } from './web.ts';
import { type ListedMessage, POST_EVENT_TYPE } from './web-schemas.ts';

/** How far back a channel's history is searched: a retry comes within the lease, or after an outage. */
const HISTORY_WINDOW_MS = 3 * 24 * 3_600_000;
/** Pages of 200 read at most: a drill thread with hundreds of answers still fits. */
const MAX_PAGES = 5;

/** The metadata a post with `marker` carries. */
export function markerMetadata(marker: PostMarker): MessageMetadata {
  return { event_type: POST_EVENT_TYPE, event_payload: { marker } };
}

export interface BotIdentity {
  botUserId: string;
  botId: string | undefined;
}

function carries(message: ListedMessage, marker: PostMarker, bot: BotIdentity): boolean {
  // Another app could write the same metadata; only the bot's own post counts.
  const ours =
    message.user === bot.botUserId || (bot.botId !== undefined && message.bot_id === bot.botId);
  return (
    ours &&
    message.metadata?.event_type === POST_EVENT_TYPE &&
    message.metadata.event_payload?.marker === marker
  );
}

async function search(
  read: (cursor: string | undefined) => Promise<MessagePage>,
  marker: PostMarker,
  bot: BotIdentity,
): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const result = await read(cursor);
    const found = result.messages.find((message) => carries(message, marker, bot));
    if (found) return found.ts;
    if (!result.nextCursor) return undefined;
    cursor = result.nextCursor;
  }
  return undefined;
}

/**
 * The `ts` of the bot's message carrying `marker` in `channel` (a Slack channel id), searched
 * in the thread of `threadTs` when given, else in the channel's recent history.
 */
export function findMarkedPost(
  web: SlackWeb,
  bot: BotIdentity,
  channel: string,
  marker: PostMarker,
  threadTs: string | undefined,
  nowMs: number,
): Promise<string | undefined> {
  if (threadTs !== undefined) {
    return search((cursor) => web.replies(channel, threadTs, cursor), marker, bot);
  }
  const oldest = ((nowMs - HISTORY_WINDOW_MS) / 1000).toFixed(6);
  return search((cursor) => web.history(channel, oldest, cursor), marker, bot);
}
