/**
 * The Discord adapter: the Platform port on discord.js 14 (https://discord.js.org). It
 * translates and decides nothing: gateway dispatches go through ./dispatcher.ts (and the
 * translators of ./inbound.ts) to the core's sink, messages through ./render.ts to REST
 * (./posting.ts).
 *
 * Where things live: a drill question is a channel message, and its public thread is started
 * on it, so the thread's id is the question's id
 * (https://discord.com/developers/docs/resources/channel#start-thread-from-message). Replies in
 * that thread are answers; the reveal is posted there.
 */
import type { Client } from 'discord.js';
import { Events, Routes } from 'discord.js';
import { z } from 'zod';
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
import { buildClient, type ClientSettings, logIn, startError } from './connect.ts';
import { ChannelDirectory } from './directory.ts';
import { Dispatcher } from './dispatcher.ts';
import { GlobalPacer } from './global-pacer.ts';
import { discordChannel, discordMessage, discordUser, messageRef } from './ids.ts';
import { GatewayLeader, type GatewayLock, type GatewayRole, gatewayLockKey } from './leader.ts';
import { carriesMarker } from './markers.ts';
import { MemberDirectory } from './members.ts';
import { pacedMakeRequest } from './paced-rest.ts';
import { DiscordPoster, render, threadName } from './posting.ts';
import { rest } from './rest-errors.ts';

export interface DiscordAdapterOptions {
  /** `DISCORD_TOKEN`: the bot token. */
  token: string;
  /** `DISCORD_APPLICATION_ID`: interaction follow-ups are webhooks of the application. */
  applicationId: string;
  /** `DISCORD_API_URL`: REST base without the version; Discord's own when undefined. */
  apiUrl?: string | undefined;
  logger: Logger;
  /** Stamps dispatches without a time of their own, and interactions. */
  clock?: Clock;
  /** Pack ids for `/drill` autocomplete (the loaded catalog's); none when left out. */
  packIds?: () => readonly string[];
  /**
   * The enrolled channels of a workspace (`discord:<guild>`): the bot removed from a guild
   * pauses each of them. Without it a guild removal is only logged (the next post then fails
   * and pauses the channel).
   */
  channelsOf?: (workspace: string) => Promise<string[]>;
  /**
   * Message refs of the open Discord drills: after a new gateway session their threads are
   * read back (./catch-up.ts). Without it replies sent while no session listened are missed.
   */
  openDrillRefs?: () => Promise<string[]>;
  /** REST request timeout (default 15 s). */
  timeoutMs?: number;
  /** @discordjs/rest retries after a 5xx, timeout or reset (default 3). */
  retries?: number;
  /** How long the core may take before an interaction is deferred (default 2 s; Discord: 3 s). */
  deferAfterMs?: number;
  /**
   * The database (its `tryHoldAdvisoryLock`): with it, instances sharing the database elect
   * one holder of the gateway connection (./leader.ts); without it this instance connects.
   */
  gatewayLock?: GatewayLock;
  /** How often a standby tries for the gateway lock (default 2 s). */
  leaderIntervalMs?: number;
  /**
   * Discord's global rate limit for this bot (default 50 requests per second; Discord raises
   * it for some large bots). Every request with the bot token is paced under it
   * (./global-pacer.ts). Instances sharing one bot token each pace themselves alone.
   */
  globalRequestsPerSecond?: number;
}

/** https://discord.com/developers/docs/topics/rate-limits#global-rate-limit */
const DISCORD_GLOBAL_LIMIT = 50;

/** How many recent messages `findPosted` reads: Discord's page size. */
const RECENT = 100;

const botUserSchema = z.object({ id: z.string() });

const listedSchema = z.array(
  z.object({
    id: z.string(),
    author: z.object({ id: z.string() }),
    nonce: z.union([z.string(), z.number()]).nullish(),
    embeds: z.array(z.object({ footer: z.object({ text: z.string() }).nullish() })).nullish(),
  }),
);

export class DiscordAdapter implements Platform {
  readonly name = 'discord' as const;
  private readonly options: DiscordAdapterOptions;
  /** How both clients below are built: one pacer, so together they keep the global limit. */
  private readonly clientSettings: ClientSettings;
  /** REST only: every instance posts, whoever holds the gateway. */
  private readonly client: Client;
  /** The gateway connection of the current term (a fresh client each time it connects). */
  private gateway: Client | undefined;
  private leader: GatewayLeader | undefined;
  private restBotUser: string | undefined;
  private readonly directory = new ChannelDirectory();
  private readonly members: MemberDirectory;
  private readonly poster: DiscordPoster;
  private readonly dispatcher: Dispatcher;
  private readonly dmChannels = new Map<string, string>();
  private sink: EventSink | undefined;
  private state: ConnectionState = 'disconnected';
  private started = false;

  constructor(options: DiscordAdapterOptions) {
    this.options = options;
    const clock = options.clock ?? systemClock;
    const perSecond = options.globalRequestsPerSecond ?? DISCORD_GLOBAL_LIMIT;
    this.clientSettings = {
      ...options,
      globalRequestsPerSecond: perSecond,
      makeRequest: pacedMakeRequest(new GlobalPacer({ perSecond })),
    };
    this.client = buildClient(this.clientSettings);
    this.members = new MemberDirectory(this.client.rest, () => clock.now().getTime());
    this.poster = new DiscordPoster(this.client.rest, options.logger);
    this.dispatcher = new Dispatcher({
      api: this.client.rest,
      applicationId: options.applicationId,
      directory: this.directory,
      members: this.members,
      clock,
      logger: options.logger,
      sink: () => this.sink,
      packIds: options.packIds ?? (() => []),
      channelsOf:
        options.channelsOf ??
        (async (workspace) => {
          options.logger.warn(
            { workspace },
            'discord: removed from a guild; no channel list to pause',
          );
          return [];
        }),
      deferAfterMs: options.deferAfterMs ?? 2_000,
      ...(options.openDrillRefs ? { openDrillRefs: options.openDrillRefs } : {}),
    });
  }

  /** The bot's user id (READY `user.id`), once started. */
  get botUserId(): string | undefined {
    return this.dispatcher.botUser || this.restBotUser;
  }

  /**
   * 'leader' while this instance holds the gateway connection, 'standby' while another
   * instance does (only with `gatewayLock`). A standby reports `connectionState()`
   * 'connecting' (no gateway), yet it is healthy: it posts through REST and takes over.
   */
  get gatewayRole(): GatewayRole {
    return this.leader?.role ?? 'leader';
  }

  connectionState(): ConnectionState {
    return this.state;
  }

  /**
   * Connects to the gateway (https://discord.com/developers/docs/events/gateway#connecting)
   * and resolves at ClientReady. A rejected token or a refused MessageContent intent (close
   * 4014) stops start-up with a DrillError saying what to change.
   */
  async start(sink: EventSink): Promise<void> {
    if (this.started) throw new Error('the Discord adapter starts only once');
    this.started = true;
    this.sink = sink;
    this.state = 'connecting';
    this.client.rest.setToken(this.options.token);
    try {
      const { gatewayLock } = this.options;
      if (gatewayLock) {
        this.leader = new GatewayLeader({
          lock: gatewayLock,
          key: gatewayLockKey(this.options.applicationId),
          logger: this.options.logger,
          ...(this.options.leaderIntervalMs ? { intervalMs: this.options.leaderIntervalMs } : {}),
          lead: () => this.connectGateway(),
          resign: () => this.disconnectGateway(),
        });
        if ((await this.leader.start()) === 'standby') {
          await this.identifyOverRest();
          this.options.logger.info(
            { botUser: this.botUserId },
            'discord: another instance holds the gateway; standing by',
          );
          return;
        }
      } else {
        await this.connectGateway();
      }
    } catch (error) {
      this.sink = undefined;
      this.state = 'disconnected';
      await this.leader?.stop();
      throw error;
    }
    this.options.logger.info({ botUser: this.botUserId }, 'discord connected');
  }

  /** A standby learns the bot's user id (and that the token is good) from GET /users/@me. */
  private async identifyOverRest(): Promise<void> {
    try {
      const me = botUserSchema.parse(await this.client.rest.get(Routes.user()));
      this.restBotUser = me.id;
    } catch (error) {
      throw startError(error, this.options.apiUrl);
    }
  }

  /** Logs a fresh gateway client in and resolves at ClientReady. */
  private async connectGateway(): Promise<void> {
    const gateway = buildClient(this.clientSettings);
    const current = () => this.gateway === gateway;
    gateway.on(Events.Raw, this.dispatcher.onRaw);
    gateway.on(Events.ShardReady, () => current() && this.setState('connected'));
    gateway.on(Events.ShardResume, () => current() && this.setState('connected'));
    gateway.on(Events.ShardReconnecting, () => current() && this.setState('connecting'));
    gateway.on(Events.ShardDisconnect, () => current() && this.setState('disconnected'));
    gateway.on(Events.Error, (error) =>
      this.options.logger.error({ err: error }, 'discord client error'),
    );
    this.gateway = gateway;
    try {
      await logIn(gateway, this.options.token, this.options.apiUrl);
    } catch (error) {
      this.gateway = undefined;
      gateway.off(Events.Raw, this.dispatcher.onRaw);
      throw error;
    }
    this.setState('connected');
  }

  /** Stops taking dispatches, lets the ones taken finish, and closes the gateway. */
  private async disconnectGateway(): Promise<void> {
    const { gateway } = this;
    this.gateway = undefined;
    if (!gateway) return;
    gateway.off(Events.Raw, this.dispatcher.onRaw);
    await this.dispatcher.idle();
    await gateway.destroy();
    // Still started: a standby again, trying for the lock.
    this.setState('connecting');
  }

  private setState(state: ConnectionState): void {
    if (this.sink) this.state = state;
  }

  /** Stops taking dispatches, lets the ones taken finish, and closes the gateway. */
  async stop(): Promise<void> {
    this.sink = undefined;
    if (!this.started) return;
    await this.leader?.stop();
    await this.disconnectGateway();
    await this.client.destroy();
    this.state = 'disconnected';
  }

  /**
   * https://discord.com/developers/docs/resources/message#create-message with a nonce and
   * `enforce_nonce` (./markers.ts); a question also gets its public thread
   * (https://discord.com/developers/docs/resources/channel#start-thread-from-message), named
   * after it, so replies land there. A message longer than one Discord message continues in
   * further posts; the first one is the ref.
   */
  async postMessage(
    channel: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    const { workspace: guild, channel: target } = discordChannel(channel);
    const [first, ...rest] = render(message);
    const id = await this.poster.create(target, first, options?.marker);
    let continueIn = target;
    if (message.kind === 'question') {
      await this.poster.startThread(target, id, threadName(message));
      this.directory.addThread(guild, target, id);
      continueIn = id;
    }
    await this.poster.continuation(continueIn, rest);
    return { ref: messageRef(guild, target, id) };
  }

  /**
   * A message in the thread started on `root` (the thread's id is the root's); the thread is
   * started first if it is missing. The ref is `discord:<guild>:<thread>:<message>`.
   */
  async postInThread(
    root: string,
    message: Message,
    options?: PostOptions,
  ): Promise<PostedMessage> {
    const parts = discordMessage(root);
    const thread = parts.message;
    if (this.directory.parentOf(thread) === undefined) {
      await this.poster.startThread(parts.channel, thread, 'Drill');
      this.directory.addThread(parts.workspace, parts.channel, thread);
    }
    const [first, ...rest] = render(message);
    const id = await this.poster.create(thread, first, options?.marker);
    await this.poster.continuation(thread, rest);
    return { ref: messageRef(parts.workspace, thread, id) };
  }

  /**
   * Outside an interaction Discord has no ephemeral messages, so this is a direct message
   * (https://discord.com/developers/docs/resources/user#create-dm); inside one, the core
   * answers through the command's `respond`, which is ephemeral.
   */
  async postPrivate(channel: string, member: string, message: Message): Promise<PrivateDelivery> {
    discordChannel(channel);
    const user = discordUser(member);
    if (user === undefined) throw new PlatformError('invalid', `not a Discord member: ${member}`);
    let dm = this.dmChannels.get(user);
    if (dm === undefined) {
      dm = await this.poster.dmChannel(user);
      this.dmChannels.set(user, dm);
    }
    const [first, ...rest] = render(message);
    await this.poster.create(dm, first);
    await this.poster.continuation(dm, rest);
    return { via: 'dm' };
  }

  /**
   * https://discord.com/developers/docs/resources/message#edit-message. One message stays one
   * message: a new version too long for it is cut to its first payload (and logged).
   */
  async editMessage(ref: string, message: Message): Promise<void> {
    const parts = discordMessage(ref);
    const [first, ...rest] = render(message);
    if (rest.length > 0)
      this.options.logger.warn({ ref, dropped: rest.length }, 'discord edit cut to one message');
    await this.poster.edit(parts.channel, parts.message, first);
  }

  /** https://discord.com/developers/docs/resources/message#create-reaction (a Unicode emoji). */
  async addReaction(ref: string, emoji: string): Promise<void> {
    const parts = discordMessage(ref);
    const name = emoji.replace(/^:|:$/g, '');
    await rest('idempotent', 'add reaction', () =>
      this.client.rest.put(
        Routes.channelMessageOwnReaction(parts.channel, parts.message, encodeURIComponent(name)),
      ),
    );
  }

  /** https://discord.com/developers/docs/resources/user#get-user (cached); undefined if unknown. */
  async getMember(member: string): Promise<MemberInfo | undefined> {
    const id = discordUser(member);
    if (id === undefined) return undefined;
    const user = await this.members.user(id);
    return (
      user && {
        id: member,
        displayName: user.global_name ?? user.username,
        isBot: user.bot === true,
      }
    );
  }

  /**
   * Owner, Administrator or Manage Server in the channel's guild
   * (https://discord.com/developers/docs/topics/permissions): the interaction's own
   * `member.permissions` when the check follows a command, else computed from the guild's
   * roles (GET /guilds/{id}, GET /guilds/{id}/members/{user}). Never an admin in a DM.
   */
  async isPlatformAdmin(channel: string, member: string): Promise<boolean> {
    const { workspace: guild } = discordChannel(channel);
    const user = discordUser(member);
    if (user === undefined || !/^\d{1,20}$/.test(guild)) return false;
    return this.members.isAdmin(guild, user);
  }

  /**
   * The bot's recent post carrying `marker` in `channel` (or in the thread of `threadRoot`):
   * https://discord.com/developers/docs/resources/message#get-channel-messages, matched by
   * nonce or by the marker footer (./markers.ts).
   */
  async findPosted(
    channel: string,
    marker: PostMarker,
    threadRoot?: string,
  ): Promise<PostedMessage | undefined> {
    const { workspace: guild, channel: parent } = discordChannel(channel);
    const target = threadRoot === undefined ? parent : discordMessage(threadRoot).message;
    const bot = this.botUserId;
    if (bot === undefined)
      throw new PlatformError('unavailable', 'the Discord adapter has not started');
    const listed = await rest('idempotent', 'list messages', () =>
      this.client.rest.get(Routes.channelMessages(target), {
        query: new URLSearchParams({ limit: String(RECENT) }),
      }),
    );
    const messages = listedSchema.safeParse(listed);
    if (!messages.success) return undefined;
    const found = messages.data.find(
      (candidate) =>
        candidate.author.id === bot &&
        carriesMarker(
          {
            nonce: candidate.nonce ?? null,
            embeds: (candidate.embeds ?? []).map((embed) =>
              embed.footer ? { footer: { text: embed.footer.text } } : {},
            ),
          },
          marker,
        ),
    );
    return found ? { ref: messageRef(guild, target, found.id) } : undefined;
  }
}
