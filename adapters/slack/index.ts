/**
 * The Slack adapter: the Platform port on @slack/bolt (https://docs.slack.dev/tools/bolt-js/).
 * It translates and decides nothing: deliveries go through ./inbound.ts to the core's sink,
 * messages through ./render.ts to the Web API (./web.ts).
 *
 * Two connections, chosen by the configuration: Socket Mode with an app-level token (no
 * public URL; the usual choice for an internal team), or HTTP mode, where Slack posts to
 * `POST /slack/events` on the process's own HTTP server: the composition root mounts
 * `httpHandler` there. In both, a delivery is acknowledged only after the sink has stored it
 * (./app.ts, ./listeners.ts).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Clock, systemClock } from '../../src/core/clock.ts';
import type { Message } from '../../src/core/messages.ts';
import {
  type ConnectionState,
  type EventSink,
  type MemberInfo,
  type Platform,
  PlatformError,
  type PostedMessage,
  type PostMarker,
  type PostOptions,
  type PrivateDelivery,
} from '../../src/core/platform.ts';
import type { Logger } from '../../src/logger.ts';
import { type AckAfterListenersApp, buildApp, type SlackConnection } from './app.ts';
import { boltLogger } from './bolt-logger.ts';
import { type BotIdentity, findMarkedPost } from './find-posted.ts';
import { messageRef, slackChannel, slackMessage, slackUser } from './ids.ts';
import { registerListeners } from './listeners.ts';
import { displayNameOf, isBotUser, isWorkspaceAdmin, MemberDirectory } from './members.ts';
import { postPrivately, postRendered } from './posting.ts';
import { SlackHttpReceiver } from './receiver.ts';
import { renderSlackMessage } from './render.ts';
import { appTokenError, botTokenError } from './start-errors.ts';
import { SlackWeb, slackClientOptions } from './web.ts';

export type { SlackConnection } from './app.ts';
export { SLACK_EVENTS_PATH } from './receiver.ts';

export interface SlackAdapterOptions {
  /** `SLACK_BOT_TOKEN` (xoxb-). */
  botToken: string;
  /** Socket Mode with `SLACK_APP_TOKEN`, or HTTP mode with `SLACK_SIGNING_SECRET`. */
  connection: SlackConnection;
  /** `SLACK_API_URL`: Web API base ending in `/api/`; Slack's own when undefined. */
  apiUrl?: string | undefined;
  logger: Logger;
  /** Stamps commands and form submissions (events carry Slack's own times). */
  clock?: Clock;
  /** Web API request timeout (default 10 s); a post timing out is an unknown outcome. */
  timeoutMs?: number;
  /** How often a 429 is waited out and retried (default 2). */
  rateLimitRetries?: number;
  /** Least time between posts to one channel (default 1 s, Slack's pace). */
  postIntervalMs?: number;
  /** How long a command or form waits for the sink before it is acked anyway (default 2.5 s). */
  ackDeadlineMs?: number;
  /** How long users.info answers are reused (default 5 minutes). */
  memberCacheMs?: number;
}

type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export class SlackAdapter implements Platform {
  readonly name = 'slack' as const;
  private readonly options: SlackAdapterOptions;
  private readonly clock: Clock;
  private readonly web: SlackWeb;
  private readonly members: MemberDirectory;
  private readonly http: SlackHttpReceiver | undefined;
  private app: AckAfterListenersApp | undefined;
  private sink: EventSink | undefined;
  private bot: (BotIdentity & { teamId: string }) | undefined;
  private socketState: ConnectionState = 'disconnected';

  constructor(options: SlackAdapterOptions) {
    this.options = options;
    this.clock = options.clock ?? systemClock;
    this.web = new SlackWeb({
      token: options.botToken,
      apiUrl: options.apiUrl,
      logger: boltLogger(options.logger),
      timeoutMs: options.timeoutMs ?? 10_000,
      retries: options.rateLimitRetries ?? 2,
      postIntervalMs: options.postIntervalMs ?? 1_000,
    });
    this.members = new MemberDirectory(this.web, options.memberCacheMs ?? 300_000);
    this.http =
      options.connection.mode === 'http'
        ? new SlackHttpReceiver({
            signingSecret: options.connection.signingSecret,
            logger: options.logger,
          })
        : undefined;
  }

  /**
   * HTTP mode: the handler for `POST /slack/events` (SLACK_EVENTS_PATH) on the process's HTTP
   * server. It answers 503 until `start` and after `stop`. Undefined in Socket Mode.
   */
  get httpHandler(): Handler | undefined {
    return this.http?.handle;
  }

  /** The workspace and bot `auth.test` reported at start. */
  get identity(): { teamId: string; botUserId: string; botId: string | undefined } | undefined {
    return this.bot;
  }

  /** Socket Mode: the WebSocket's state. HTTP mode: connected while requests are processed. */
  connectionState(): ConnectionState {
    if (this.http) return this.http.isAccepting ? 'connected' : 'disconnected';
    return this.socketState;
  }

  /**
   * Checks the bot token with https://docs.slack.dev/reference/methods/auth.test (a rejected
   * token stops start-up with a DrillError naming SLACK_BOT_TOKEN), then connects: Socket Mode
   * resolves once Slack's `hello` arrived; HTTP mode once requests are processed.
   */
  async start(sink: EventSink): Promise<void> {
    if (this.app) throw new Error('the Slack adapter starts only once');
    const auth = await this.web.authTest().catch((error: unknown) => {
      throw botTokenError(error, this.options.apiUrl);
    });
    const bot = { teamId: auth.team_id, botUserId: auth.user_id, botId: auth.bot_id };
    const logger = boltLogger(this.options.logger);
    const app = buildApp({
      botToken: this.options.botToken,
      botUserId: bot.botUserId,
      botId: bot.botId,
      connection: this.options.connection,
      httpReceiver: this.http,
      clientOptions: slackClientOptions({
        apiUrl: this.options.apiUrl,
        logger,
        timeoutMs: this.options.timeoutMs ?? 10_000,
        retries: this.options.rateLimitRetries ?? 2,
      }),
      logger,
      onSocketState: (state) => {
        this.socketState = state;
      },
    });
    registerListeners(app, {
      sink: () => this.sink,
      botUserId: bot.botUserId,
      botId: bot.botId,
      web: this.web,
      clock: this.clock,
      logger: this.options.logger,
      ackDeadlineMs: this.options.ackDeadlineMs ?? 2_500,
    });
    this.app = app;
    this.bot = bot;
    this.sink = sink;
    try {
      await app.start();
    } catch (error) {
      this.sink = undefined;
      throw this.http ? error : appTokenError(error);
    }
    this.options.logger.info(
      { team: bot.teamId, botUser: bot.botUserId, mode: this.options.connection.mode },
      'slack connected',
    );
  }

  /**
   * Stops taking deliveries (later ones go unacked, or get 503, and Slack delivers them again)
   * and closes the Socket Mode connection.
   */
  async stop(): Promise<void> {
    this.sink = undefined;
    const app = this.app;
    if (!app) return;
    await app.stop();
    // Bolt's stop() does not wait for the WebSocket's close handshake; a bounded wait here
    // lets the caller shut down (or a test stop its fake) without cutting it mid-way.
    const deadline = Date.now() + 3_000;
    while (!this.http && this.socketState !== 'disconnected' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /**
   * Posts to a channel with https://docs.slack.dev/reference/methods/chat.postMessage; a
   * marker goes into the message `metadata` so `findPosted` can find the post again. A message
   * longer than one Slack message allows follows in further posts; the first one is the ref.
   */
  async postMessage(
    channel: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    return postRendered(this.web, this.options.logger, {
      channel: slackChannel(channel),
      message,
      ...(options?.marker === undefined ? {} : { marker: options.marker }),
    });
  }

  /** chat.postMessage with `thread_ts`: a reply in the thread of `root`. */
  async postInThread(
    root: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    const parts = slackMessage(root);
    return postRendered(this.web, this.options.logger, {
      channel: parts,
      threadTs: parts.message,
      message,
      ...(options?.marker === undefined ? {} : { marker: options.marker }),
    });
  }

  /**
   * https://docs.slack.dev/reference/methods/chat.postEphemeral, or a direct message from the
   * app where the bot cannot post in the channel (see ./posting.ts).
   */
  async postPrivate(channel: string, member: string, message: Message): Promise<PrivateDelivery> {
    const parts = slackChannel(channel);
    const user = slackUser(member);
    if (user === undefined) throw new PlatformError('invalid', `not a Slack member: ${member}`);
    return postPrivately(this.web, parts.channel, user, message);
  }

  /**
   * https://docs.slack.dev/reference/methods/chat.update. One message stays one message: a
   * new version too long for it is cut to its first Slack message (and logged).
   */
  async editMessage(ref: string, message: Message): Promise<void> {
    const parts = slackMessage(ref);
    const [first, ...rest] = renderSlackMessage(message);
    if (!first) throw new PlatformError('invalid', 'an edit must leave something to show');
    if (rest.length > 0) {
      this.options.logger.warn({ ref, dropped: rest.length }, 'slack edit cut to one message');
    }
    await this.web.update(parts.channel, parts.message, first);
  }

  /** https://docs.slack.dev/reference/methods/reactions.add; `:name:` or `name`. */
  async addReaction(ref: string, emoji: string): Promise<void> {
    const parts = slackMessage(ref);
    await this.web.react(parts.channel, parts.message, emoji.replace(/^:|:$/g, ''));
  }

  /** https://docs.slack.dev/reference/methods/users.info (cached); undefined if unknown. */
  async getMember(member: string): Promise<MemberInfo | undefined> {
    const user = slackUser(member);
    if (user === undefined) return undefined;
    const info = await this.members.lookup(user);
    return info && { id: member, displayName: displayNameOf(info), isBot: isBotUser(info) };
  }

  /** Workspace admins and owners per users.info `is_admin` / `is_owner` (cached). */
  async isPlatformAdmin(channel: string, member: string): Promise<boolean> {
    slackChannel(channel);
    const user = slackUser(member);
    if (user === undefined) return false;
    const info = await this.members.lookup(user);
    return info !== undefined && isWorkspaceAdmin(info);
  }

  /**
   * Looks for the bot's post carrying `marker` with
   * https://docs.slack.dev/reference/methods/conversations.history (`include_all_metadata`),
   * or https://docs.slack.dev/reference/methods/conversations.replies in `threadRoot`'s thread.
   */
  async findPosted(
    channel: string,
    marker: PostMarker,
    threadRoot?: string,
  ): Promise<PostedMessage | undefined> {
    const parts = slackChannel(channel);
    const bot = this.requireBot();
    const threadTs = threadRoot === undefined ? undefined : slackMessage(threadRoot).message;
    const ts = await findMarkedPost(
      this.web,
      bot,
      parts.channel,
      marker,
      threadTs,
      this.clock.now().getTime(),
    );
    return ts === undefined ? undefined : { ref: messageRef(parts, ts) };
  }

  private requireBot(): BotIdentity {
    if (!this.bot) throw new PlatformError('unavailable', 'the Slack adapter has not started');
    return this.bot;
  }
}
