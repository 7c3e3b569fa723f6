/**
 * A DiscordAdapter on real discord.js against the fake Discord, for the adapter's tests, and
 * the one place such an adapter is built (the end-to-end, leader and hostile tests use it too).
 */
import { pino } from 'pino';
import { DiscordAdapter, type DiscordAdapterOptions } from '../../../adapters/discord/index.ts';
import type { DbOrTx } from '../../../db/client.ts';
import { channelsOfWorkspace } from '../../../db/queries/channels.ts';
import {
  FAKE_IDS,
  type FakeDiscord,
  type FakeDiscordOptions,
  startFakeDiscord,
} from '../../fakes/discord/index.ts';

export const logger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

export const G = FAKE_IDS.guildId;
export const C = FAKE_IDS.channelId;
export const CHANNEL = `discord:${G}:${C}`;

export interface DiscordRig {
  fake: FakeDiscord;
  adapter: DiscordAdapter;
  close(): Promise<void>;
}

/**
 * A DiscordAdapter pointed at `fake` with its token and application id. The 3 s REST timeout
 * is short so a request the fake never answers fails inside a test's time, yet long enough for
 * a loaded CI machine; `options` may replace anything, the logger and timeout included.
 */
export function adapterOn(
  fake: FakeDiscord,
  options: Partial<DiscordAdapterOptions> = {},
): DiscordAdapter {
  return new DiscordAdapter({
    token: fake.token,
    applicationId: fake.options.applicationId,
    apiUrl: fake.apiUrl,
    logger,
    timeoutMs: 3_000,
    ...options,
  });
}

/** `channelsOf` read from the database, so a guild removal pauses the enrolled channels. */
export function channelsIn(db: DbOrTx): NonNullable<DiscordAdapterOptions['channelsOf']> {
  return async (workspace) =>
    (await channelsOfWorkspace(db, workspace)).map((channel) => channel.id);
}

export async function makeRig(
  options: { fake?: FakeDiscordOptions; adapter?: Partial<DiscordAdapterOptions> } = {},
): Promise<DiscordRig> {
  const fake = await startFakeDiscord(options.fake);
  const adapter = adapterOn(fake, { timeoutMs: 2_000, ...options.adapter });
  return {
    fake,
    adapter,
    async close() {
      await adapter.stop();
      await fake.stop();
    },
  };
}

/** The snowflake parts of a `discord:G:C:M` message id. */
export function refParts(ref: string): { guild: string; channel: string; message: string } {
  const [, guild = '', channel = '', message = ''] = ref.split(':');
  return { guild, channel, message };
}
