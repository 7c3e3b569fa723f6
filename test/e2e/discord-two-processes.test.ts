/**
 * Two real `drillbot start` processes on one PostgreSQL against the fake Discord: one holds
 * the gateway, the other stands by; SIGKILL on the holder hands the gateway to the other.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../fakes/common/wait.ts';
import { startFakeDiscord } from '../fakes/discord/index.ts';
import { type CapturedProcess, spawnDrillbot } from '../support/cli.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/db.ts';

const started = (bot: CapturedProcess) => bot.stdout.includes('connected to Discord');
const standingBy = (bot: CapturedProcess) => bot.stdout.includes('standby');

/** Polls `check` until it holds; 20 s covers two processes starting on a loaded machine. */
const until = (check: () => boolean, what: string) =>
  waitFor(() => (check() ? true : undefined), 20_000, what);

describe.skipIf(!TEST_DATABASE_URL)('two drillbot processes on Discord', () => {
  it('only one holds the gateway, and killing it hands the gateway to the other', {
    timeout: 90_000,
  }, async () => {
    const scratch = await createScratchDatabase();
    const fake = await startFakeDiscord();
    const dirs = [
      mkdtempSync(join(tmpdir(), 'drillbot-a-')),
      mkdtempSync(join(tmpdir(), 'drillbot-b-')),
    ];
    const env = (dataDir: string) => ({
      DATABASE_URL: scratch.url,
      DRILLBOT_DATA_DIR: dataDir,
      DISCORD_TOKEN: fake.token,
      DISCORD_APPLICATION_ID: fake.options.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    });
    const bots = dirs.map((dir) => spawnDrillbot(['start'], { env: env(dir) }));
    try {
      await until(() => bots.every(started), 'both processes to start');
      const live = () => fake.gateway.liveSessions().length;
      expect(bots.filter(standingBy)).toHaveLength(1);
      expect(live()).toBe(1);
      const holder = bots.find((bot) => !standingBy(bot));
      const standby = bots.find(standingBy);
      if (!holder || !standby) throw new Error('no holder or no standby');

      const killed = Date.now();
      holder.child.kill('SIGKILL');
      await holder.exited;
      await until(() => live() === 0, 'the killed holder’s session to end');
      await until(() => live() === 1, 'the standby to take the gateway over');
      // The standby tries every 2 s: the hand-over takes seconds, not minutes.
      expect(Date.now() - killed).toBeLessThan(15_000);
      expect(fake.gateway.sessions().length).toBeGreaterThanOrEqual(2);
      expect(standby.child.exitCode).toBeNull();
      standby.child.kill('SIGTERM');
      expect(await standby.exited).toBe(0);
    } finally {
      for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await Promise.all(bots.map((bot) => bot.exited));
      await fake.stop();
      await scratch.drop();
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });
});
