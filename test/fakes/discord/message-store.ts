/**
 * Every message on the fake Discord, with what the adapter cannot see on a real one but a
 * test wants to: the nonce it was posted with, the `allowed_mentions` it carried, whether
 * it was ephemeral, and who reacted with what.
 *
 * Messages are kept as `APIMessage` objects so REST answers and gateway dispatches are the
 * stored object itself, never a second rendering that could drift.
 *
 * @see https://discord.com/developers/docs/resources/message#message-object
 */
import type { APIPartialEmoji, APIReaction } from 'discord.js';
import type { AllowedMentions } from './mentions.ts';
import { compareSnowflakes } from './snowflake.ts';
import type { FakeMessage } from './state.ts';

export interface StoredMessage {
  /** The message as Discord would return it (reactions rendered on read). */
  message: FakeMessage;
  guildId: string | undefined;
  /** When it was stored (fake clock ms), for the nonce window. */
  createdAt: number;
  /** As posted; `undefined` when the body had no `allowed_mentions` at all. */
  allowedMentions: AllowedMentions | undefined;
  enforceNonce: boolean;
  /** Ephemeral interaction replies are visible only to one user and never in history. */
  ephemeral: boolean;
  deleted: boolean;
  /** emoji key (`👍` or `name:id`) -> users who reacted, in order. */
  reactions: Map<string, { emoji: APIPartialEmoji; users: string[] }>;
}

export interface ListOptions {
  limit?: number;
  before?: string;
  after?: string;
  around?: string;
}

/** The key a reaction is stored under: the unicode emoji, or `name:id` for a custom one. */
export function emojiKey(emoji: APIPartialEmoji): string {
  return emoji.id ? `${emoji.name ?? ''}:${emoji.id}` : (emoji.name ?? '');
}

/** Parses the emoji path segment of the reaction routes (already URL-decoded). */
export function parseEmoji(segment: string): APIPartialEmoji {
  const custom = /^(?:a:)?([\w-]+):(\d+)$/.exec(segment);
  return custom ? { id: custom[2] ?? null, name: custom[1] ?? null } : { id: null, name: segment };
}

export class MessageStore {
  private readonly byId = new Map<string, StoredMessage>();

  add(stored: StoredMessage): StoredMessage {
    this.byId.set(stored.message.id, stored);
    return stored;
  }

  /** A live (not deleted) message, optionally checked to be in `channelId`. */
  get(messageId: string, channelId?: string): StoredMessage | undefined {
    const stored = this.byId.get(messageId);
    if (!stored || stored.deleted) return undefined;
    if (channelId !== undefined && stored.message.channel_id !== channelId) return undefined;
    return stored;
  }

  /** The earlier message with this nonce by this author in this channel, within the window. */
  findByNonce(
    channelId: string,
    authorId: string,
    nonce: string,
    since: number,
  ): StoredMessage | undefined {
    for (const stored of this.byId.values()) {
      const { message } = stored;
      if (
        !stored.deleted &&
        message.channel_id === channelId &&
        message.author.id === authorId &&
        String(message.nonce) === nonce &&
        stored.createdAt >= since
      ) {
        return stored;
      }
    }
    return undefined;
  }

  /** Live, non-ephemeral messages of a channel, oldest first (everything when no channel). */
  all(channelId?: string): StoredMessage[] {
    return [...this.byId.values()]
      .filter(
        (s) =>
          !s.deleted &&
          !s.ephemeral &&
          (channelId === undefined || s.message.channel_id === channelId),
      )
      .sort((a, b) => compareSnowflakes(a.message.id, b.message.id));
  }

  /** `GET /channels/{id}/messages` paging: newest first, at most `limit` (1-100, default 50). */
  list(channelId: string, options: ListOptions = {}): StoredMessage[] {
    const limit = Math.min(Math.max(options.limit ?? 50, 1), 100);
    const all = this.all(channelId);
    const newestFirst = [...all].reverse();
    if (options.before !== undefined) {
      const before = options.before;
      return newestFirst.filter((s) => compareSnowflakes(s.message.id, before) < 0).slice(0, limit);
    }
    if (options.after !== undefined) {
      const after = options.after;
      // The `limit` messages right after the id, still returned newest first.
      return all
        .filter((s) => compareSnowflakes(s.message.id, after) > 0)
        .slice(0, limit)
        .reverse();
    }
    if (options.around !== undefined) {
      const index = all.findIndex(
        (s) => compareSnowflakes(s.message.id, options.around ?? '0') >= 0,
      );
      const start = Math.max(0, (index === -1 ? all.length : index) - Math.floor(limit / 2));
      return all.slice(start, start + limit).reverse();
    }
    return newestFirst.slice(0, limit);
  }

  /** Adds a reaction; false when that user already reacted with that emoji. */
  react(stored: StoredMessage, emoji: APIPartialEmoji, userId: string): boolean {
    const key = emojiKey(emoji);
    const entry = stored.reactions.get(key) ?? { emoji, users: [] };
    if (entry.users.includes(userId)) return false;
    entry.users.push(userId);
    stored.reactions.set(key, entry);
    return true;
  }

  /** Removes a reaction; false when there was none to remove. */
  unreact(stored: StoredMessage, emoji: APIPartialEmoji, userId: string): boolean {
    const key = emojiKey(emoji);
    const entry = stored.reactions.get(key);
    if (!entry?.users.includes(userId)) return false;
    entry.users = entry.users.filter((id) => id !== userId);
    if (entry.users.length === 0) stored.reactions.delete(key);
    return true;
  }

  /** The message as REST returns it, with `reactions` counted from the viewpoint of `viewerId`. */
  render(stored: StoredMessage, viewerId: string): FakeMessage {
    const reactions: APIReaction[] = [...stored.reactions.values()].map(({ emoji, users }) => ({
      emoji,
      count: users.length,
      count_details: { burst: 0, normal: users.length },
      me: users.includes(viewerId),
      me_burst: false,
      burst_colors: [],
    }));
    return reactions.length === 0 ? { ...stored.message } : { ...stored.message, reactions };
  }
}
