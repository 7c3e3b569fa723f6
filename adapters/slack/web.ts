/**
 * The Web API calls the adapter makes, one method each, on one WebClient: every answer is
 * narrowed with zod (./web-schemas.ts) and every failure becomes a PlatformError
 * (./web-errors.ts). Nothing here knows about drills; ./index.ts decides what to call.
 */
import { type Logger as BoltLogger, webApi } from '@slack/bolt';
import type { MessageMetadata, ModalView } from '@slack/types';
import type { z } from 'zod';
import { PlatformError } from '../../src/core/platform.ts';
import { ChannelPacer } from './pacer.ts';
import type { SlackPayload } from './render.ts';
import {
  type CallKind,
  isRetryableByClient,
  slackErrorCode,
  toPlatformError,
} from './web-errors.ts';
import {
  type AuthTest,
  authTestSchema,
  type ListedMessage,
  listedMessageSchema,
  messagePageSchema,
  postedSchema,
  type SlackUserInfo,
  userInfoSchema,
} from './web-schemas.ts';

export interface SlackWebOptions {
  token: string;
  /** Web API base ending in `/api/`; Slack's own when undefined. */
  apiUrl: string | undefined;
  logger: BoltLogger;
  /** Per request; a post that times out is reported as `unknown_outcome`. */
  timeoutMs: number;
  /** Retries of a 429 after its `Retry-After` (nothing else is retried by the client). */
  retries: number;
  /** Least time between two posts to one channel. */
  postIntervalMs: number;
}

/**
 * WebClient options shared by the adapter's client and Bolt's own clients (Socket Mode's
 * `apps.connections.open` included). The SDK's default retries for about 30 minutes; here
 * 429s are waited out (`rejectRateLimitedCalls: false`) a bounded number of times and
 * anything else fails at once, for the core to handle (see `isRetryableByClient`).
 */
export function slackClientOptions(
  options: Omit<SlackWebOptions, 'token' | 'postIntervalMs'>,
): webApi.WebClientOptions {
  // A variable rather than an inline literal: p-retry reads `onFailedAttempt` from these
  // options, a hook the SDK's narrower RetryOptions type does not list.
  const retryConfig = {
    retries: options.retries,
    factor: 2,
    minTimeout: 100,
    maxTimeout: 2_000,
    onFailedAttempt(error: unknown): void {
      if (!isRetryableByClient(error)) throw error;
    },
  };
  return {
    ...(options.apiUrl === undefined ? {} : { slackApiUrl: options.apiUrl }),
    logger: options.logger,
    retryConfig,
    rejectRateLimitedCalls: false,
    timeout: options.timeoutMs,
  };
}

/** One page of messages from a channel's history or a thread. */
export interface MessagePage {
  messages: ListedMessage[];
  nextCursor: string | undefined;
}

function parse<T>(schema: z.ZodType<T>, result: unknown, method: string): T {
  const parsed = schema.safeParse(result);
  if (!parsed.success) throw new PlatformError('invalid', `slack ${method}: unexpected answer`);
  return parsed.data;
}

function toPage(result: unknown, method: string): MessagePage {
  const page = parse(messagePageSchema, result, method);
  const messages = page.messages.flatMap((raw) => {
    const message = listedMessageSchema.safeParse(raw);
    return message.success ? [message.data] : [];
  });
  const cursor = page.response_metadata?.next_cursor;
  return { messages, nextCursor: cursor ? cursor : undefined };
}

export class SlackWeb {
  readonly client: webApi.WebClient;
  private readonly pacer: ChannelPacer;

  constructor(options: SlackWebOptions) {
    this.client = new webApi.WebClient(options.token, slackClientOptions(options));
    this.pacer = new ChannelPacer(options.postIntervalMs);
  }

  /** https://docs.slack.dev/reference/methods/auth.test: who the bot token belongs to. */
  authTest(): Promise<AuthTest> {
    return this.call('auth.test', 'idempotent', async () =>
      parse(authTestSchema, await this.client.auth.test(), 'auth.test'),
    );
  }

  /**
   * https://docs.slack.dev/reference/methods/chat.postMessage. Link and media previews are
   * off: a member's pasted URL quoted in a reveal must not unfurl into the channel.
   */
  post(
    target: { channel: string; threadTs?: string },
    payload: SlackPayload,
    metadata?: MessageMetadata,
  ): Promise<string> {
    return this.pacer.run(target.channel, () => this.postNow(target, payload, metadata));
  }

  private postNow(
    target: { channel: string; threadTs?: string },
    payload: SlackPayload,
    metadata?: MessageMetadata,
  ): Promise<string> {
    return this.call('chat.postMessage', 'post', async () => {
      const result = await this.client.chat.postMessage({
        channel: target.channel,
        text: payload.text,
        blocks: payload.blocks,
        unfurl_links: false,
        unfurl_media: false,
        ...(target.threadTs === undefined ? {} : { thread_ts: target.threadTs }),
        ...(metadata === undefined ? {} : { metadata }),
      });
      return parse(postedSchema, result, 'chat.postMessage').ts;
    });
  }

  /** https://docs.slack.dev/reference/methods/chat.postEphemeral */
  postEphemeral(channel: string, user: string, payload: SlackPayload): Promise<void> {
    return this.call('chat.postEphemeral', 'post', async () => {
      await this.client.chat.postEphemeral({
        channel,
        user,
        text: payload.text,
        blocks: payload.blocks,
      });
    });
  }

  /** https://docs.slack.dev/reference/methods/chat.update */
  update(channel: string, ts: string, payload: SlackPayload): Promise<void> {
    return this.call('chat.update', 'idempotent', async () => {
      await this.client.chat.update({ channel, ts, text: payload.text, blocks: payload.blocks });
    });
  }

  /** https://docs.slack.dev/reference/methods/reactions.add; adding it twice is no failure. */
  async react(channel: string, ts: string, name: string): Promise<void> {
    try {
      await this.call('reactions.add', 'idempotent', async () => {
        await this.client.reactions.add({ channel, timestamp: ts, name });
      });
    } catch (error) {
      if (slackErrorCode(error) !== 'already_reacted') throw error;
    }
  }

  /** https://docs.slack.dev/reference/methods/users.info; undefined for an unknown user. */
  async userInfo(user: string): Promise<SlackUserInfo | undefined> {
    try {
      return await this.call('users.info', 'idempotent', async () => {
        const result = await this.client.users.info({ user });
        return parse(userInfoSchema, result, 'users.info').user;
      });
    } catch (error) {
      if (slackErrorCode(error) === 'user_not_found') return undefined;
      throw error;
    }
  }

  /**
   * https://docs.slack.dev/reference/methods/conversations.history, newest first, with
   * `include_all_metadata` (without it Slack leaves every message's metadata out).
   */
  history(channel: string, oldest: string, cursor?: string): Promise<MessagePage> {
    return this.call('conversations.history', 'idempotent', async () => {
      const result = await this.client.conversations.history({
        channel,
        oldest,
        limit: 200,
        include_all_metadata: true,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return toPage(result, 'conversations.history');
    });
  }

  /** https://docs.slack.dev/reference/methods/conversations.replies: the root, then replies. */
  replies(channel: string, ts: string, cursor?: string): Promise<MessagePage> {
    return this.call('conversations.replies', 'idempotent', async () => {
      const result = await this.client.conversations.replies({
        channel,
        ts,
        limit: 200,
        include_all_metadata: true,
        ...(cursor === undefined ? {} : { cursor }),
      });
      return toPage(result, 'conversations.replies');
    });
  }

  /** https://docs.slack.dev/reference/methods/views.open; the trigger id lives 3 seconds. */
  openView(triggerId: string, view: ModalView): Promise<void> {
    return this.call('views.open', 'post', async () => {
      await this.client.views.open({ trigger_id: triggerId, view });
    });
  }

  private async call<T>(method: string, kind: CallKind, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toPlatformError(error, method, kind);
    }
  }
}
