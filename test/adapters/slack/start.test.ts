/**
 * `drillbot start` with Slack tokens, as a real process against the fake Slack: HTTP mode
 * serves `/slack/events` on the one HTTP server beside `/healthz`, a signed `/drill now`
 * posts a drill, SIGTERM stops it cleanly; a rejected bot token stops start-up with a line
 * naming SLACK_BOT_TOKEN.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  drillCommand,
  FAKE_APP_TOKEN,
  FAKE_BOT_TOKEN,
  FAKE_SIGNING_SECRET,
  signedRequest,
  startFakeSlack,
} from '../../fakes/slack/index.ts';
import { runDrillbot, spawnDrillbot } from '../../support/cli.ts';
import { freePort } from '../../support/free-port.ts';

// One data folder for the file: creating the embedded database is the slow part.
const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-slack-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function until(probe: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('drillbot start with Slack', () => {
  it('stops with a line naming SLACK_BOT_TOKEN when Slack rejects it', async () => {
    const fake = await startFakeSlack();
    try {
      const result = await runDrillbot(['start'], {
        env: {
          SLACK_BOT_TOKEN: 'xoxb-not-this-one',
          SLACK_APP_TOKEN: FAKE_APP_TOKEN,
          SLACK_API_URL: fake.apiUrl,
          DRILLBOT_DATA_DIR: dataDir,
        },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('SLACK_BOT_TOKEN was rejected by Slack (invalid_auth)');
      expect(result.stdout).not.toContain('terminal channel');
    } finally {
      await fake.stop();
    }
  });

  it('serves /slack/events in HTTP mode on the one HTTP server and stops on SIGTERM', async () => {
    const fake = await startFakeSlack({ users: [{ id: 'U0ADMIN001', is_admin: true }] });
    const port = await freePort();
    const bot = spawnDrillbot(['start'], {
      env: {
        SLACK_BOT_TOKEN: FAKE_BOT_TOKEN,
        SLACK_SIGNING_SECRET: FAKE_SIGNING_SECRET,
        SLACK_API_URL: fake.apiUrl,
        PORT: String(port),
        DRILLBOT_DATA_DIR: dataDir,
      },
    });
    try {
      await until(() => bot.stdout.includes('connected to Slack workspace'), 'the Slack banner');
      expect(bot.stdout).toContain(`HTTP mode, Slack posts to /slack/events on port ${port}`);
      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(await health.json()).toMatchObject({ platforms: { slack: 'connected' } });

      const responseUrl = fake.responseUrls.create();
      const res = await signedRequest(
        `http://127.0.0.1:${port}/slack/events`,
        drillCommand({ text: 'now', channelId: 'C0PROCESS01', userId: 'U0ADMIN001', responseUrl }),
        FAKE_SIGNING_SECRET,
      );
      expect(res.status).toBe(200);
      expect((await fake.responseUrls.waitFor(responseUrl, 10_000)).body.text).toBe(
        'Drill posted.',
      );
      expect(fake.messages.all('C0PROCESS01')).toHaveLength(1);

      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
      expect(bot.stderr).toBe('');
    } finally {
      bot.child.kill('SIGKILL');
      await fake.stop();
    }
  });
});
