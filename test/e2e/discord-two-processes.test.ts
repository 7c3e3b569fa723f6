/**
 * Two real `drillbot start` processes on one PostgreSQL against the fake Discord: one holds
 * the gateway, the other stands by; SIGKILL on the holder hands the gateway to the other.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFakeDiscord } from '../fakes/discord/index.ts';
import { BIN, REPO_ROOT } from '../support/cli.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from '../support/db.ts';

class Bot {
  stdout = '';
  stderr = '';
  readonly child: ChildProcessWithoutNullStreams;
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [BIN, 'start'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        LOG_LEVEL: 'warn',
        ...env,
      },
    });
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString();
    });
    this.child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    this.exited = new Promise((resolve) => this.child.on('close', resolve));
  }

  get started(): boolean {
    return this.stdout.includes('connected to Discord');
  }

  get standby(): boolean {
    return this.stdout.includes('standby');
  }
}

async function until<T>(read: () => T | undefined, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

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
    const bots = dirs.map((dir) => new Bot(env(dir)));
    try {
      await until(
        () => (bots.every((bot) => bot.started) ? true : undefined),
        'both processes to start',
      );
      const live = () => fake.gateway.liveSessions().length;
      expect(bots.filter((bot) => bot.standby)).toHaveLength(1);
      expect(live()).toBe(1);
      const holder = bots.find((bot) => !bot.standby);
      const standby = bots.find((bot) => bot.standby);
      if (!holder || !standby) throw new Error('no holder or no standby');

      const killed = Date.now();
      holder.child.kill('SIGKILL');
      await holder.exited;
      await until(() => (live() === 0 ? true : undefined), 'the killed holder’s session to end');
      await until(() => (live() === 1 ? true : undefined), 'the standby to take the gateway over');
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
