/**
 * Fan-out on Slack: 2,000 enrolled channels on a two-minute schedule with a ten-minute window,
 * posted by the real `drillbot start` process (Socket Mode, real Bolt) against the fake Slack
 * enforcing chat.postMessage's documented one message per second per channel. Round 1 posts
 * the first question everywhere; in round 2 each channel's open drill is closed by the next
 * slot, so every channel gets two posts at once: the reveal (in the thread) and the new
 * question. That pair is where the per-channel limit binds.
 *
 * The figure: per channel, how fast the second post followed the first, as a share of the
 * one per second the limit allows (the median channel), with zero 429s over the whole run.
 * Beside it, for the record, round 2's aggregate posting rate against round 1's (one post per
 * channel, nothing to wait for): what the per-channel pace costs the fan-out as a whole.
 */
import { FAKE_APP_TOKEN, FAKE_BOT_TOKEN, FAKE_IDS, startFakeSlack } from '../fakes/slack/index.ts';
import type { RecordedRequest } from '../fakes/slack/request-log.ts';
import { type BenchEngine, ENGINE_LABEL, prepareDatabase } from './support/drillbot-database.ts';
import { startDrillbot } from './support/drillbot-process.ts';
import { pollUntil, sleepUntil } from './support/poll.ts';
import { type BenchRow, percentile } from './support/report.ts';
import { nextBoundaryAfter, seedChannels } from './support/seed-channels.ts';

const CHANNELS = 2_000;
/** https://docs.slack.dev/apis/web-api/rate-limits#posting-messages: one per second. */
const CHANNEL_INTERVAL_MS = 1_000;
const EVERY_MS = 120_000;
const CRON = '*/2 * * * *';
const LEAD_MS = 25_000;
/** A round must be done before the next slot (two minutes on). */
const ROUND_TIMEOUT_MS = EVERY_MS - 5_000;
/** Seldom: the fake shares this process, and its clock stamps what the limit counts. */
const POLL_MS = 500;

const channelIds = Array.from({ length: CHANNELS }, (_, i) => `CB${String(i).padStart(8, '0')}`);

interface Post {
  channel: string;
  thread: boolean;
  at: number;
}

/** Accepted chat.postMessage calls (a 429 is recorded as a `rate_limit` fault). */
function accepted(requests: readonly RecordedRequest[], from: number, to: number): Post[] {
  return requests.flatMap((request) => {
    const channel = request.body.channel;
    if (request.fault !== undefined || typeof channel !== 'string') return [];
    if (request.receivedAt < from || request.receivedAt >= to) return [];
    return [{ channel, thread: request.body.thread_ts !== undefined, at: request.receivedAt }];
  });
}

function ratePerSecond(posts: readonly Post[]): { rate: number; seconds: number } {
  const first = posts[0]?.at ?? 0;
  const seconds = Math.max(0.001, ((posts.at(-1)?.at ?? first) - first) / 1000);
  return { rate: Math.max(0, posts.length - 1) / seconds, seconds };
}

/** Per channel, the gaps between its consecutive posts in the round. */
function channelGaps(posts: readonly Post[]): number[] {
  const last = new Map<string, number>();
  const gaps: number[] = [];
  for (const post of posts) {
    const before = last.get(post.channel);
    if (before !== undefined) gaps.push(post.at - before);
    last.set(post.channel, post.at);
  }
  return gaps;
}

export async function slackFanout(engine: BenchEngine): Promise<BenchRow[]> {
  const fake = await startFakeSlack({ channelRateLimitMs: CHANNEL_INTERVAL_MS });
  let slot = new Date();
  const database = await prepareDatabase(engine, async (db) => {
    slot = nextBoundaryAfter(LEAD_MS, EVERY_MS);
    await seedChannels(db, {
      platform: 'slack',
      workspaces: [{ id: FAKE_IDS.teamId, channels: channelIds }],
      // `/drill schedule "*/2 * * * *"` stores the cron as its own label; `/drill window 10m`.
      scheduleText: CRON,
      cron: CRON,
      zone: 'UTC',
      windowSeconds: 600,
      enrolledBy: 'slack:U0BENCHADM',
      nextRunAt: slot,
    });
  });
  const bot = await startDrillbot({
    env: {
      ...database.env,
      SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
      SLACK_APP_TOKEN: FAKE_APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
    },
  });
  try {
    const round1 = slot.getTime();
    const round2 = round1 + EVERY_MS;
    const posts = (from: number, to: number) =>
      accepted(fake.requests.all('chat.postMessage'), from, to);
    process.stderr.write(
      `   ${CHANNELS} Slack channels due at ${slot.toISOString()}, again 2 min on\n`,
    );
    await sleepUntil(slot);
    const first = await pollUntil(
      () => (posts(round1, round2).length >= CHANNELS ? true : undefined),
      ROUND_TIMEOUT_MS,
      POLL_MS,
    );
    await sleepUntil(new Date(round2));
    const second = await pollUntil(
      () => (posts(round2, round2 + EVERY_MS).length >= 2 * CHANNELS ? true : undefined),
      ROUND_TIMEOUT_MS,
      POLL_MS,
    );
    const one = posts(round1, round2);
    const two = posts(round2, round2 + EVERY_MS);
    const gaps = channelGaps(two);
    const medianGap = gaps.length > 0 ? percentile(gaps, 50) : Number.POSITIVE_INFINITY;
    const slowestGap = gaps.length > 0 ? percentile(gaps, 100) : Number.POSITIVE_INFINITY;
    const limited = fake.requests
      .all('chat.postMessage')
      .filter((request) => request.fault === 'rate_limit').length;
    const complete = first === true && second === true;
    const perChannel = CHANNEL_INTERVAL_MS / medianGap;
    const aggregate1 = ratePerSecond(one);
    const aggregate2 = ratePerSecond(two);
    const bench = `fanout (Slack, ${ENGINE_LABEL[engine]})`;
    return [
      {
        bench,
        figure: `posts/s per channel, reveal then next question in each of ${CHANNELS} channels`,
        measured: `${(1000 / medianGap).toFixed(3)} /s median (slowest ${(1000 / slowestGap).toFixed(3)} /s); ${gaps.length} channels; ${limited} × 429`,
        reference: '1 /s per channel (chat.postMessage limit)',
        ratio: perChannel,
        target: '>= 0.9, 0 × 429',
        pass: complete && perChannel >= 0.9 && limited === 0,
      },
      {
        bench,
        figure: 'aggregate posts/s, round 2 (reveal + question) against round 1 (question only)',
        measured: `${aggregate2.rate.toFixed(1)} /s (${two.length} posts in ${aggregate2.seconds.toFixed(1)} s)`,
        reference: `${aggregate1.rate.toFixed(1)} /s (${one.length} posts in ${aggregate1.seconds.toFixed(1)} s)`,
        ratio: aggregate2.rate / aggregate1.rate,
        target: 'report',
        pass: complete && limited === 0,
      },
    ];
  } finally {
    await bot.stop();
    await fake.stop();
    await database.dispose();
  }
}
