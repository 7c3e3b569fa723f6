/**
 * `npm run test:chaos`, part two: the same fleet under platform and database faults instead
 * of SIGKILLs. Both fakes answer 429 with Retry-After, 500s, posts that were accepted but
 * whose answer times out, and connection resets; PostgreSQL is stopped for a few seconds
 * under load; every Socket Mode and gateway connection is dropped. Afterwards nothing is lost
 * or doubled (./audit.ts) and every process has reconnected by itself.
 */
import { expect, it } from 'vitest';
import { ROUTES } from '../fakes/discord/routes.ts';
import { runScenario } from './scenario.ts';

const SLACK_POST = 'chat.postMessage';
const DISCORD_POST = ROUTES.createMessage;

it('loses and doubles nothing through 429s, 500s, timeouts, resets, a database restart and dropped sockets', {
  timeout: 600_000,
}, async () => {
  const result = await runScenario({
    name: 'faults',
    channelsPerPlatform: 6,
    processes: 3,
    disruptMs: 75_000,
    replyEveryMs: 100,
    settleMs: 70_000,
    async disrupt({ platforms, database, pause, log }) {
      const slack = platforms.slack.control;
      const discord = platforms.discord.control;
      await pause(4_000);
      await slack.failNext(SLACK_POST, { kind: 'rate_limit', retryAfterSeconds: 2 }, 4);
      await discord.fault(DISCORD_POST, { kind: 'rate_limit', retryAfterSeconds: 2 }, 4);
      await slack.failNext(
        'conversations.replies',
        { kind: 'rate_limit', retryAfterSeconds: 1 },
        2,
      );
      log('429 with Retry-After on the next 4 posts on each platform');
      await pause(8_000);
      await slack.failNext(SLACK_POST, { kind: 'server_error' }, 3);
      await discord.fault(DISCORD_POST, { kind: 'server_error', afterApply: true }, 3);
      log('500 on the next 3 posts on each platform (Discord: after the post took effect)');
      await pause(8_000);
      // Longer than each adapter's request timeout (Slack 10 s, Discord 15 s): the outcome of
      // the post is unknown to the bot, though the platform stored it.
      await slack.failNext(SLACK_POST, { kind: 'hang', answerAfterMs: 20_000 }, 2);
      await discord.fault(DISCORD_POST, { kind: 'hang', answerAfterMs: 20_000 }, 2);
      log('the next 2 posts on each platform accepted, their answers held past the timeout');
      await pause(8_000);
      await slack.failNext(SLACK_POST, { kind: 'reset', afterApply: true }, 2);
      await slack.failNext(SLACK_POST, { kind: 'reset' }, 2);
      await discord.fault(DISCORD_POST, { kind: 'reset', afterApply: true }, 2);
      await discord.fault(DISCORD_POST, { kind: 'reset' }, 2);
      log('connection resets on the next 4 posts on each platform (2 after the post took effect)');
      await pause(8_000);
      await database.down();
      log('PostgreSQL stopped');
      await pause(4_000);
      await database.up();
      log('PostgreSQL started again');
      await pause(8_000);
      await slack.disconnectSockets({ drop: true });
      const dropped = await discord.disconnect(undefined, true);
      log(`every Slack socket and ${dropped} Discord gateway connection(s) cut`);
    },
  });
  process.stdout.write(`\n${result.report}\n`);
  expect(result.audit.violations).toEqual([]);
  expect(result.fleet.crashes).toEqual([]);
  expect(result.exitCodes.every((code) => code === 0)).toBe(true);
  const { counts } = result.audit;
  expect(counts.slotsPosted).toBeGreaterThan(counts.slotsExpected * 0.7);
  expect(counts.repliesAcknowledged).toBeGreaterThan(200);
  // Reconnected by themselves: one socket per process on Slack, the gateway held once.
  expect(result.connections.slackSockets).toBe(3);
  expect(result.connections.discordLive).toBe(1);
});
