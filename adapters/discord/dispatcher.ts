/**
 * Gateway dispatches in, core events out: every op-0 payload discord.js receives (its `raw`
 * event sees all of them, cached or not, replays after a resume included) goes through
 * ./inbound.ts or ./inbound-interaction.ts to the sink. Message events are handled one at a
 * time, in gateway order, so an edit is never stored before the reply it edits; interactions
 * run beside them, since each must be answered within 3 seconds.
 */
import type { REST } from 'discord.js';
import { Routes } from 'discord.js';
import { z } from 'zod';
import type { Clock } from '../../src/core/clock.ts';
import { isDrillError } from '../../src/core/errors.ts';
import { notice, text } from '../../src/core/messages.ts';
import type { EventSink, InboundEvent } from '../../src/core/platform.ts';
import type { Logger } from '../../src/logger.ts';
import { openThreads, threadMessages } from './catch-up.ts';
import { autocompleteChoices } from './commands-autocomplete.ts';
import type { ChannelDirectory } from './directory.ts';
import { type GatewayContext, translateGatewayEvent, translateInteraction } from './inbound.ts';
import type { GuildRemovedEvent } from './inbound-removed.ts';
import { InteractionReply } from './interactions.ts';
import type { MemberDirectory } from './members.ts';
import { render } from './posting.ts';
import { rest } from './rest-errors.ts';

/** How long a gateway event is retried while the database is unreachable. */
const STORE_RETRY_MS = 60_000;
const STORE_RETRY_MAX_WAIT_MS = 4_000;

export interface DispatcherOptions {
  api: REST;
  applicationId: string;
  directory: ChannelDirectory;
  members: MemberDirectory;
  clock: Clock;
  logger: Logger;
  sink: () => EventSink | undefined;
  /** Pack ids for autocomplete, from the loaded catalog. */
  packIds: () => readonly string[];
  /** The enrolled channels of a workspace (`discord:<guild>`), to pause when the bot is removed. */
  channelsOf: (workspace: string) => Promise<string[]>;
  /** How long the core may take before an interaction is deferred (Discord allows 3 s). */
  deferAfterMs: number;
  /** Message refs of the open drills, whose threads are read back after a new session. */
  openDrillRefs?: () => Promise<string[]>;
}

const packetSchema = z.object({
  op: z.number(),
  t: z.string().nullish(),
  s: z.number().nullish(),
  d: z.unknown(),
});
const readySchema = z.object({ user: z.object({ id: z.string() }), session_id: z.string() });
const interactionSchema = z.object({
  id: z.string(),
  token: z.string(),
  guild_id: z.string().nullish(),
});
const channelRefSchema = z.object({ channel_id: z.string(), guild_id: z.string().nullish() });

/** Dispatches whose channel must be known (thread or not) before translating them. */
const CHANNEL_EVENTS = new Set([
  'MESSAGE_CREATE',
  'MESSAGE_UPDATE',
  'MESSAGE_DELETE',
  'MESSAGE_REACTION_ADD',
  'MESSAGE_REACTION_REMOVE',
]);

export class Dispatcher {
  private readonly options: DispatcherOptions;
  private botUserId = '';
  private sessionId = '';
  private queue: Promise<void> = Promise.resolve();
  private readonly lookedUp = new Set<string>();

  constructor(options: DispatcherOptions) {
    this.options = options;
  }

  get botUser(): string {
    return this.botUserId;
  }

  /** discord.js's `raw` listener. */
  onRaw = (packet: unknown): void => {
    const parsed = packetSchema.safeParse(packet);
    if (!parsed.success || parsed.data.op !== 0 || !parsed.data.t) return;
    const { t: type, s: sequence, d: data } = parsed.data;
    if (type === 'READY') {
      const ready = readySchema.safeParse(data);
      if (ready.success) {
        this.botUserId = ready.data.user.id;
        this.sessionId = ready.data.session_id;
      }
      // A new session heard nothing of what was written before it: catch up first, in the
      // same queue, so the dispatches that follow are handled after the read-back.
      this.queue = this.queue
        .then(() => this.catchUp())
        .catch((error: unknown) =>
          this.options.logger.error({ err: error }, 'discord: catch-up after READY failed'),
        );
    }
    this.options.directory.observe(type, data);
    if (type === 'INTERACTION_CREATE') {
      void this.interaction(data).catch((error: unknown) =>
        this.options.logger.error({ err: error }, 'discord interaction failed'),
      );
      return;
    }
    const receivedAt = this.options.clock.now();
    this.queue = this.queue
      .then(() => this.dispatch(type, sequence ?? undefined, data, receivedAt))
      .catch((error: unknown) =>
        this.options.logger.error({ err: error, type }, 'discord dispatch not stored'),
      );
  };

  /** Reads back the threads of open drills (see ./catch-up.ts); one bad thread skips only itself. */
  private async catchUp(): Promise<void> {
    const refs = await this.options.openDrillRefs?.();
    if (!refs || refs.length === 0) return;
    let read = 0;
    for (const thread of openThreads(refs)) {
      try {
        for await (const message of threadMessages(this.options.api, thread)) {
          read += 1;
          await this.dispatch('MESSAGE_CREATE', undefined, message, this.options.clock.now());
        }
      } catch (error) {
        this.options.logger.warn(
          { err: error, thread: thread.threadId },
          'discord: could not catch up on a drill thread',
        );
      }
    }
    this.options.logger.info(
      { threads: refs.length, messages: read },
      'discord: caught up after a new session',
    );
  }

  /** Resolves once every dispatch received so far was handled (for a clean stop). */
  idle(): Promise<void> {
    return this.queue;
  }

  private context(receivedAt: Date, sequence: number | undefined): GatewayContext {
    const { directory } = this.options;
    return {
      botUserId: this.botUserId,
      guildOf: directory.guildOf,
      parentOf: directory.parentOf,
      receivedAt,
      ...(sequence === undefined || this.sessionId === ''
        ? {}
        : { dispatch: { sessionId: this.sessionId, sequence } }),
    };
  }

  /** A thread archived before this process started is not in GUILD_CREATE: ask once. */
  private async learnChannel(data: unknown): Promise<void> {
    const ref = channelRefSchema.safeParse(data);
    if (!ref.success || !ref.data.guild_id) return;
    const { channel_id: channel, guild_id: guild } = ref.data;
    if (this.options.directory.knows(channel) || this.lookedUp.has(channel)) return;
    this.lookedUp.add(channel);
    const fetched = await rest('idempotent', 'get channel', () =>
      this.options.api.get(Routes.channel(channel)),
    ).catch(() => undefined);
    if (fetched !== undefined) this.options.directory.addChannel(fetched, guild);
  }

  private async dispatch(
    type: string,
    sequence: number | undefined,
    data: unknown,
    receivedAt: Date,
  ): Promise<void> {
    if (CHANNEL_EVENTS.has(type)) await this.learnChannel(data);
    const event = translateGatewayEvent(type, data, this.context(receivedAt, sequence));
    if (!event) return;
    if (event.type === 'guild_removed') {
      await this.guildRemoved(event);
      return;
    }
    await this.deliver(event);
  }

  /**
   * Hands an event to the core. The gateway never sends a dispatch again, so while the
   * database cannot be reached (a restart, a failover) the event is retried here, in order,
   * for up to STORE_RETRY_MS; storing is idempotent, so a retry of a half-done store is safe.
   */
  private async deliver(event: InboundEvent): Promise<void> {
    const sink = this.options.sink();
    if (!sink) return;
    const started = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      try {
        await sink(event);
        return;
      } catch (error) {
        const waitMs = Math.min(STORE_RETRY_MAX_WAIT_MS, 250 * 2 ** attempt);
        const retry =
          isDrillError(error, 'DB_UNREACHABLE') && Date.now() - started + waitMs <= STORE_RETRY_MS;
        if (!retry) throw error;
        this.options.logger.warn(
          { event: event.eventId, attempt: attempt + 1, waitMs },
          'discord: database unreachable, retrying the event',
        );
        await new Promise((resolve) => setTimeout(resolve, waitMs));
      }
    }
  }

  /** One `bot_removed` per enrolled channel of the guild (see ./inbound-removed.ts). */
  private async guildRemoved(event: GuildRemovedEvent): Promise<void> {
    for (const channel of await this.options.channelsOf(event.workspace)) {
      await this.deliver({
        type: 'bot_removed',
        eventId: `${event.eventId}:${channel}`,
        channel,
        at: event.at,
      });
    }
  }

  private async interaction(data: unknown): Promise<void> {
    const ids = interactionSchema.safeParse(data);
    if (!ids.success) return;
    const { api, applicationId, logger } = this.options;
    const reply = new InteractionReply(api, applicationId, ids.data.id, ids.data.token);
    const translated = translateInteraction(data, this.options.clock.now());
    if (!translated) return;
    if (translated.kind === 'autocomplete') {
      await reply.choices(autocompleteChoices(translated.focus, { packs: this.options.packIds() }));
      return;
    }
    if (translated.kind === 'open_form') {
      await reply.modal(translated.form.modal);
      return;
    }
    if (
      translated.kind === 'command' &&
      translated.platformAdmin !== undefined &&
      ids.data.guild_id
    ) {
      const user = translated.event.member.split(':')[1] ?? '';
      this.options.members.hint(ids.data.guild_id, user, translated.platformAdmin);
    }
    const respond = (message: Parameters<typeof render>[0]) => reply.send(render(message));
    const timer = setTimeout(() => {
      reply
        .defer()
        .catch((error: unknown) => logger.warn({ err: error }, 'discord: deferral failed'));
    }, this.options.deferAfterMs);
    try {
      await this.deliver({ ...translated.event, respond });
    } catch (error) {
      logger.error(
        { err: error, event: translated.event.eventId },
        'discord interaction not handled',
      );
      if (!reply.answered) {
        await reply.send(render(notice('error', text('Something went wrong; please try again.'))));
      }
      return;
    } finally {
      clearTimeout(timer);
    }
    // The core answered nothing (it always should): close "thinking…" rather than leave it spinning.
    if (!reply.answered) await reply.send(render(notice('notice', text('Done.'))));
  }
}
