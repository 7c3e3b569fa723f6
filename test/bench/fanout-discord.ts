/**
 * Fan-out on Discord: 2,000 enrolled channels (in 8 guilds of 250, Discord's guilds hold at
 * most 500 channels) all due in the same minute, posted by the real `drillbot start` process
 * through the real discord.js adapter against the fake Discord enforcing the documented global
 * limit of 50 requests per second per bot. Each drill is two requests (the question, then its
 * thread). The figure is the bot's REST request rate over the fan-out as a share of 50/s, and
 * it only counts with zero 429s.
 */
import {
  type FakeDiscord,
  type FakeGuildConfig,
  startFakeDiscord,
} from '../fakes/discord/index.ts';
import { DEFAULT_GUILD, DEFAULT_USERS, FAKE_IDS } from '../fakes/discord/options.ts';
import { ROUTES } from '../fakes/discord/routes.ts';
import { type BenchEngine, ENGINE_LABEL, prepareDatabase } from './support/drillbot-database.ts';
import { startDrillbot } from './support/drillbot-process.ts';
import { pollUntil, sleepUntil } from './support/poll.ts';
import type { BenchRow } from './support/report.ts';
import { dailyAt, nextMinuteAfter, seedChannels } from './support/seed-channels.ts';

const GUILDS = 8;
const CHANNELS_PER_GUILD = 250;
const DRILLS = GUILDS * CHANNELS_PER_GUILD;
/** https://discord.com/developers/docs/topics/rate-limits#global-rate-limit */
const GLOBAL_LIMIT = 50;
/** Time for the database, the bot's start and its gateway READY before the slot. */
const LEAD_MS = 25_000;
/** Four times what the limit needs (80 s): enough for a slow bot to show up as slow. */
const FANOUT_TIMEOUT_MS = 4 * ((DRILLS * 2) / GLOBAL_LIMIT) * 1000;
/** Seldom: the fake shares this process, and its clock stamps what the limit counts. */
const POLL_MS = 500;

function snowflake(base: bigint, index: number): string {
  return String(base + BigInt(index));
}

/** Guilds shaped like the fake's default one (roles, members, the bot's role), many channels. */
function guilds(): FakeGuildConfig[] {
  return Array.from({ length: GUILDS }, (_, g) => ({
    ...DEFAULT_GUILD,
    id: snowflake(1_200_000_000_000_100_000n, g),
    name: `Bench guild ${g + 1}`,
    channels: Array.from({ length: CHANNELS_PER_GUILD }, (_, c) => ({
      id: snowflake(1_300_000_000_001_000_000n, g * CHANNELS_PER_GUILD + c),
      name: `drills-${g * CHANNELS_PER_GUILD + c + 1}`,
    })),
  }));
}

function botRequests(fake: FakeDiscord, from: number) {
  return fake.requests
    .all()
    .filter(
      (request) => request.receivedAt >= from && /^Bot /.test(request.headers.authorization ?? ''),
    );
}

export async function discordFanout(engine: BenchEngine): Promise<BenchRow> {
  const world = guilds();
  const fake = await startFakeDiscord({
    guilds: world,
    users: DEFAULT_USERS,
    globalRateLimitPerSecond: GLOBAL_LIMIT,
  });
  let slot = new Date();
  const database = await prepareDatabase(engine, async (db) => {
    slot = nextMinuteAfter(LEAD_MS);
    await seedChannels(db, {
      platform: 'discord',
      workspaces: world.map((guild) => ({
        id: guild.id,
        channels: guild.channels.map((c) => c.id),
      })),
      ...dailyAt(slot),
      zone: 'UTC',
      windowSeconds: 8 * 3600,
      enrolledBy: `discord:${FAKE_IDS.adminId}`,
      nextRunAt: slot,
    });
  });
  const bot = await startDrillbot({
    env: {
      ...database.env,
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    },
  });
  try {
    process.stderr.write(`   ${DRILLS} Discord channels due at ${slot.toISOString()}\n`);
    await sleepUntil(slot);
    const threads = () =>
      fake.requests
        .all()
        .filter(
          (r) =>
            r.route === ROUTES.startThreadFromMessage && r.status !== undefined && r.status < 300,
        );
    const done = await pollUntil(
      () => (threads().length >= DRILLS ? true : undefined),
      FANOUT_TIMEOUT_MS,
      POLL_MS,
    );
    const requests = botRequests(fake, slot.getTime());
    const first = requests[0]?.receivedAt ?? slot.getTime();
    const last = requests.at(-1)?.receivedAt ?? first;
    const seconds = Math.max(0.001, (last - first) / 1000);
    const rate = Math.max(0, requests.length - 1) / seconds;
    const limited = fake.requests.all().filter((request) => request.status === 429).length;
    const ratio = rate / GLOBAL_LIMIT;
    const posted = threads().length;
    return {
      bench: `fanout (Discord, ${ENGINE_LABEL[engine]})`,
      figure: `REST requests/s while ${DRILLS} due drills post (question + thread each)`,
      measured: `${rate.toFixed(1)} /s; ${posted}/${DRILLS} drills in ${seconds.toFixed(1)} s; ${limited} × 429`,
      reference: `${GLOBAL_LIMIT} /s (global limit per bot)`,
      ratio,
      target: '>= 0.9, 0 × 429',
      pass: done === true && ratio >= 0.9 && limited === 0,
    };
  } finally {
    await bot.stop();
    await fake.stop();
    await database.dispose();
  }
}
