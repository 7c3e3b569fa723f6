/**
 * What a running fake tells its driver: where it listens and who the bot is. The standalone
 * process prints this as its one ready line and serves it at `/_fake/info`, so a chaos test
 * in another process can configure drillbot from it without hard-coding ports or ids.
 */
import { z } from 'zod';
import type { FakeSlack } from './server.ts';

export const fakeSlackInfoSchema = z.object({
  port: z.number(),
  socketPort: z.number(),
  baseUrl: z.string(),
  apiUrl: z.string(),
  teamId: z.string(),
  appId: z.string(),
  botId: z.string(),
  botUserId: z.string(),
  botTokens: z.array(z.string()),
  appTokens: z.array(z.string()),
});
export type FakeSlackInfo = z.infer<typeof fakeSlackInfoSchema>;

export function describeFake(fake: FakeSlack): FakeSlackInfo {
  const { options } = fake;
  return {
    port: fake.port,
    socketPort: fake.socketPort,
    baseUrl: fake.baseUrl,
    apiUrl: fake.apiUrl,
    teamId: options.teamId,
    appId: options.appId,
    botId: options.botId,
    botUserId: options.botUserId,
    botTokens: [...options.botTokens],
    appTokens: [...options.appTokens],
  };
}
