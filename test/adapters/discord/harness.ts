/**
 * A DiscordAdapter on real discord.js against the fake Discord, for the adapter's tests.
 */
import { pino } from 'pino';
import { DiscordAdapter, type DiscordAdapterOptions } from '../../../adapters/discord/index.ts';
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

export async function makeRig(
  options: { fake?: FakeDiscordOptions; adapter?: Partial<DiscordAdapterOptions> } = {},
): Promise<DiscordRig> {
  const fake = await startFakeDiscord(options.fake);
  const adapter = new DiscordAdapter({
    token: fake.token,
    applicationId: fake.options.applicationId,
    apiUrl: fake.apiUrl,
    logger,
    timeoutMs: 2_000,
    ...options.adapter,
  });
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
