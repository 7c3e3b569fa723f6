/**
 * A running bot over real process boundaries: health and metrics over HTTP, SIGTERM ends it
 * cleanly with exit 0, and an answer stored just before SIGTERM is there after a restart.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, REPO_ROOT, runDrillbot } from '../support/cli.ts';
import { freePort } from '../support/free-port.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

class Bot {
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;
  readonly child: ChildProcessWithoutNullStreams;

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

  type(line: string): void {
    this.child.stdin.write(`${line}\n`);
  }

  /** Waits until stdout contains `text` `times` times (the terminal's own output). */
  async waitFor(text: string, times = 1): Promise<void> {
    for (let waited = 0; waited < 60_000; waited += 50) {
      if (this.stdout.split(text).length - 1 >= times) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `timed out waiting for ${JSON.stringify(text)}\n${this.stdout}\n${this.stderr}`,
    );
  }
}

describe('a running bot', () => {
  it('serves health and metrics, stops on SIGTERM with exit 0, and keeps the answer it took', async () => {
    const port = await freePort();
    const bot = new Bot({
      DRILLBOT_DATA_DIR: dataDir,
      PORT: String(port),
      DRILLBOT_TICK_SECONDS: '1',
    });
    await bot.waitFor('Type /drill help');
    bot.type('/drill now');
    await bot.waitFor('Daily drill');
    bot.type('/as alice My answer, typed just before the restart.');
    bot.type('/drill status');
    // Lines are handled one after another: once status answers, the answer is stored.
    await bot.waitFor('Drill settings');

    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      status: 'ok',
      database: { ok: true },
      platforms: { console: 'connected' },
    });
    const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(metrics).toContain('drillbot_drills_posted_total{platform="console"} 1');
    expect(metrics).toContain('drillbot_answers_stored_total{platform="console"} 1');
    expect(metrics).toMatch(/drillbot_tick_duration_seconds_count \d+/);

    const stopping = Date.now();
    bot.child.kill('SIGTERM');
    expect(await bot.exited).toBe(0);
    expect(Date.now() - stopping).toBeLessThan(10_000);
    expect(bot.stderr).toBe('');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();

    // The next process finds the open drill and the answer, and reveals it.
    const again = await runDrillbot(['start'], {
      env: { DRILLBOT_DATA_DIR: dataDir },
      stdin: '/drill reveal\n',
    });
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Answered (1)');
    expect(again.stdout).toContain('@alice');
  });
});
