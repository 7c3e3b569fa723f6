/**
 * Rendered messages out to Discord over REST: channel and thread posts (each with a nonce and
 * `enforce_nonce`), the thread a question starts, and direct messages.
 * https://discord.com/developers/docs/resources/message#create-message
 * https://discord.com/developers/docs/resources/channel#start-thread-from-message
 */
import type { REST } from 'discord.js';
import { Routes } from 'discord.js';
import { z } from 'zod';
import type { Message } from '../../src/core/messages.ts';
import { PlatformError, type PostMarker } from '../../src/core/platform.ts';
import type { Logger } from '../../src/logger.ts';
import { markerNonce, randomNonce, withFooter } from './markers.ts';
import { type DiscordPayload, renderDiscordMessage } from './render.ts';
import { discordCode, rest } from './rest-errors.ts';

/** Thread already created for this message: a repeated start is a success. */
const THREAD_ALREADY_CREATED = 160_004;
/** Discord's longest thread name. */
const MAX_THREAD_NAME = 100;
/** Threads stay open a week after the last message: the longest answer window is 7 days. */
const AUTO_ARCHIVE_MINUTES = 10_080;

const createdSchema = z.object({ id: z.string().regex(/^\d{1,20}$/) });

/** The role id a message's ping span names, allowed to notify as the renderer requires. */
export function pingRoleOf(message: Message): string | undefined {
  for (const block of message.blocks) {
    if (!('spans' in block)) continue;
    for (const span of block.spans) if ('ping' in span) return span.ping;
  }
  return undefined;
}

/** The payloads of `message`; an empty rendering is a bug upstream, refused as `invalid`. */
export function render(message: Message): [DiscordPayload, ...DiscordPayload[]] {
  const pingRole = pingRoleOf(message);
  const [first, ...rest] = renderDiscordMessage(message, pingRole ? { pingRole } : {});
  if (!first) throw new PlatformError('invalid', 'nothing to post: the message is empty');
  return [first, ...rest];
}

/** A thread name from the question: its first heading, else its first words. */
export function threadName(message: Message): string {
  let name = '';
  for (const block of message.blocks) {
    if (block.type === 'heading') {
      name = block.text;
      break;
    }
    if (name === '' && 'spans' in block)
      name = block.spans.map((span) => ('text' in span ? span.text : '')).join('');
  }
  const clean = name.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean === '' ? 'Drill' : clean);
  return chars.length > MAX_THREAD_NAME
    ? `${chars.slice(0, MAX_THREAD_NAME - 1).join('')}…`
    : chars.join('');
}

export class DiscordPoster {
  private readonly api: REST;
  private readonly logger: Logger;

  constructor(api: REST, logger: Logger) {
    this.api = api;
    this.logger = logger;
  }

  /**
   * Posts one payload in a channel or thread. Every post carries a nonce with `enforce_nonce`:
   * @discordjs/rest repeats a POST after a 5xx, a timeout or a reset, and Discord then returns
   * the first message instead of creating a second. A marker's nonce also makes the core's
   * own retry safe within Discord's nonce window.
   */
  async create(channel: string, payload: DiscordPayload, marker?: PostMarker): Promise<string> {
    const body = {
      ...(marker ? withFooter(payload, marker) : payload),
      nonce: marker ? markerNonce(marker) : randomNonce(),
      enforce_nonce: true,
    };
    const created = await rest('post', 'create message', () =>
      this.api.post(Routes.channelMessages(channel), { body }),
    );
    const parsed = createdSchema.safeParse(created);
    if (!parsed.success)
      throw new PlatformError('unknown_outcome', 'discord: no message id in the answer');
    return parsed.data.id;
  }

  /** Posts the rest of a long message after its first part; failures are logged, not thrown. */
  async continuation(channel: string, payloads: DiscordPayload[]): Promise<void> {
    for (const payload of payloads) {
      try {
        await this.create(channel, payload);
      } catch (error) {
        this.logger.error(
          { err: error, channel },
          'discord: the rest of a long message was not posted',
        );
        return;
      }
    }
  }

  /** Starts the public thread on `message` (its id becomes the thread's); idempotent. */
  async startThread(channel: string, message: string, name: string): Promise<void> {
    try {
      await rest('idempotent', 'start thread', () =>
        this.api.post(Routes.threads(channel, message), {
          body: { name, auto_archive_duration: AUTO_ARCHIVE_MINUTES },
        }),
      );
    } catch (error) {
      if (discordCode(error) === THREAD_ALREADY_CREATED) return;
      throw error;
    }
  }

  /** https://discord.com/developers/docs/resources/message#edit-message */
  async edit(channel: string, message: string, payload: DiscordPayload): Promise<void> {
    // Empty lists clear what the new version no longer has (an answer button after the reveal).
    const body = { ...payload, embeds: payload.embeds ?? [], components: payload.components ?? [] };
    await rest('idempotent', 'edit message', () =>
      this.api.patch(Routes.channelMessage(channel, message), { body }),
    );
  }

  /** The DM channel with `user` (https://discord.com/developers/docs/resources/user#create-dm). */
  async dmChannel(user: string): Promise<string> {
    const created = await rest('idempotent', 'create DM', () =>
      this.api.post(Routes.userChannels(), { body: { recipient_id: user } }),
    );
    const parsed = createdSchema.safeParse(created);
    if (!parsed.success) throw new PlatformError('unavailable', 'discord: no DM channel id');
    return parsed.data.id;
  }
}
