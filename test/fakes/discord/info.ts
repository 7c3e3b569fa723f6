/**
 * What a running fake tells its driver: where it listens and who the bot is. The standalone
 * process prints this as its one ready line and serves it at `/_fake/info`, so a chaos test
 * in another process can configure drillbot (`DISCORD_API_URL`, `DISCORD_TOKEN`,
 * `DISCORD_APPLICATION_ID`) without hard-coding ports or ids.
 */
import { z } from 'zod';
import type { FakeDiscord } from './server.ts';

export const fakeDiscordInfoSchema = z.object({
  port: z.number(),
  baseUrl: z.string(),
  apiUrl: z.string(),
  gatewayUrl: z.string(),
  token: z.string(),
  applicationId: z.string(),
  botUserId: z.string(),
  guildIds: z.array(z.string()),
});
export type FakeDiscordInfo = z.infer<typeof fakeDiscordInfoSchema>;

export function describeFake(fake: FakeDiscord): FakeDiscordInfo {
  return {
    port: fake.port,
    baseUrl: fake.baseUrl,
    apiUrl: fake.apiUrl,
    gatewayUrl: fake.gatewayUrl,
    token: fake.token,
    applicationId: fake.options.applicationId,
    botUserId: fake.options.botUserId,
    guildIds: [...fake.world.guilds.keys()],
  };
}
