/**
 * `npm run bench -- fanout`: 2,000 channels due in the same minute, posted by the real bot
 * against the fakes enforcing each platform's documented limit (./fanout-discord.ts,
 * ./fanout-slack.ts). Discord on every engine available (PGlite, the default, and PostgreSQL
 * with TEST_DATABASE_URL); Slack, whose two rounds take five minutes, on PostgreSQL when
 * available, else on PGlite.
 */
import { discordFanout } from './fanout-discord.ts';
import { slackFanout } from './fanout-slack.ts';
import { availableEngines } from './support/drillbot-database.ts';
import type { BenchRow } from './support/report.ts';

export async function run(): Promise<BenchRow[]> {
  const engines = availableEngines();
  const rows: BenchRow[] = [];
  for (const engine of engines) rows.push(await discordFanout(engine));
  rows.push(...(await slackFanout(engines.at(-1) ?? 'pglite')));
  return rows;
}
