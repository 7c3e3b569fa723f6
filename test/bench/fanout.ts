/**
 * `npm run bench -- fanout`: 2,000 channels due in the same minute, posted by the real bot
 * against the fakes enforcing each platform's documented limit (./fanout-discord.ts,
 * ./fanout-slack.ts). On PostgreSQL when TEST_DATABASE_URL is set, else on PGlite.
 */
import { discordFanout } from './fanout-discord.ts';
import { slackFanout } from './fanout-slack.ts';
import { TEST_DATABASE_URL } from './support/drillbot-database.ts';
import type { BenchRow } from './support/report.ts';

export async function run(): Promise<BenchRow[]> {
  const engine = TEST_DATABASE_URL ? 'postgres' : 'pglite';
  return [await discordFanout(engine), ...(await slackFanout(engine))];
}
