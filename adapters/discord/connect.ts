/**
 * The discord.js client and its log-in. discord.js is used for the gateway connection (with
 * resume) and for @discordjs/rest (buckets, 429s, retries); the adapter reads dispatches raw
 * and calls REST routes itself, so nothing depends on discord.js's caches.
 *
 * Intents (https://discord.com/developers/docs/events/gateway#gateway-intents): Guilds
 * (channels, threads, guild removal), GuildMessages and MessageContent (answers in threads;
 * MessageContent is privileged: without it answers arrive empty), GuildMessageReactions
 * (votes), DirectMessages (`/drill` in the bot's DMs).
 */
import { Client, Events, GatewayIntentBits, Options, type RESTOptions } from 'discord.js';
import { DrillError } from '../../src/core/errors.ts';

export const DISCORD_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.GuildMessageReactions,
  GatewayIntentBits.DirectMessages,
];

export interface ClientSettings {
  /** `DISCORD_API_URL`: REST base without the version; Discord's own when undefined. */
  apiUrl?: string | undefined;
  /** REST request timeout (default 15 s); a post timing out is an unknown outcome. */
  timeoutMs?: number;
  /** How often @discordjs/rest repeats a request after a 5xx, timeout or reset (default 3). */
  retries?: number;
  /** Discord's global limit for this bot (50 unless Discord raised it), for @discordjs/rest. */
  globalRequestsPerSecond?: number;
  /** Sends each HTTP request (./paced-rest.ts paces them); @discordjs/rest's own when unset. */
  makeRequest?: RESTOptions['makeRequest'];
}

export function buildClient(settings: ClientSettings): Client {
  return new Client({
    intents: DISCORD_INTENTS,
    rest: {
      ...(settings.apiUrl ? { api: settings.apiUrl } : {}),
      timeout: settings.timeoutMs ?? 15_000,
      retries: settings.retries ?? 3,
      ...(settings.globalRequestsPerSecond
        ? { globalRequestsPerSecond: settings.globalRequestsPerSecond }
        : {}),
      ...(settings.makeRequest ? { makeRequest: settings.makeRequest } : {}),
    },
    // The adapter reads dispatches raw and never looks in discord.js's caches; the message
    // cache alone would keep up to 200 messages per channel (the bot's own posts included),
    // memory that grows with every channel and only feeds the garbage collector.
    makeCache: Options.cacheWithLimits({ ...Options.DefaultMakeCacheSettings, MessageManager: 0 }),
    // Defence in depth: the renderer sets allowed_mentions on every payload anyway.
    allowedMentions: { parse: [] },
    // A READY listing many guilds would otherwise hold ClientReady up to 15 s per missing one.
    waitGuildTimeout: 5_000,
  });
}

/** Start-up failures a person can fix, as DrillErrors naming what to change. */
export function startError(error: unknown, apiUrl: string | undefined): DrillError {
  const code: unknown = error instanceof Error ? Reflect.get(error, 'code') : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'TokenInvalid' || /invalid token|401/i.test(message)) {
    return new DrillError(
      'CONFIG_INVALID',
      'DISCORD_TOKEN was rejected by Discord: copy the bot token from the developer portal (Bot, Reset Token) into DISCORD_TOKEN.',
      { cause: error },
    );
  }
  if (code === 'DisallowedIntents' || /disallowed intents|4014/i.test(message)) {
    return new DrillError(
      'CONFIG_INVALID',
      'Discord refused the Message Content intent (close 4014): enable "Message Content Intent" under Bot, Privileged Gateway Intents in the developer portal. Without it drillbot cannot read answers.',
      { cause: error },
    );
  }
  return new DrillError(
    'PLATFORM_UNAVAILABLE',
    `could not connect to Discord at ${apiUrl ?? 'https://discord.com/api'} (${message}); is Discord (or DISCORD_API_URL) reachable?`,
    { cause: error },
  );
}

/**
 * Logs in and resolves at ClientReady. `login()` resolves at READY, before the guilds
 * arrived and before ClientReady, so the ready listener is attached first and awaited too.
 * A 4014 close may surface as a rejected login or as a shard error: both stop start-up.
 */
export async function logIn(
  client: Client,
  token: string,
  apiUrl: string | undefined,
): Promise<void> {
  let fail: (error: unknown) => void = () => {};
  const failed = new Promise<never>((_, reject) => {
    fail = reject;
  });
  // Unhandled until raced below; a late rejection must not crash the process.
  failed.catch(() => {});
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  const onError = (error: unknown) => fail(error);
  client.on(Events.Error, onError);
  client.on(Events.ShardError, onError);
  try {
    await Promise.race([client.login(token), failed]);
    await Promise.race([ready, failed]);
  } catch (error) {
    await client.destroy().catch(() => {});
    throw startError(error, apiUrl);
  } finally {
    client.off(Events.Error, onError);
    client.off(Events.ShardError, onError);
  }
}
