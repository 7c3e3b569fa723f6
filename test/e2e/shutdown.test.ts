/**
 * A running bot over real process boundaries: health and metrics over HTTP, SIGTERM ends it
 * cleanly with exit 0, and an answer stored just before SIGTERM is there after a restart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type CapturedProcess, runDrillbot, spawnDrillbot } from '../support/cli.ts';
import { freePort } from '../support/free-port.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-shutdown-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Waits until stdout contains `text` `times` times (the terminal's own output). */
async function waitForOutput(bot: CapturedProcess, text: string, times = 1): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 50) {
    if (bot.stdout.split(text).length - 1 >= times) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${JSON.stringify(text)}\n${bot.stdout}\n${bot.stderr}`);
}

describe('a running bot', () => {
  it('serves health and metrics, stops on SIGTERM with exit 0, and keeps the answer it took', async () => {
    const port = await freePort();
    const bot = spawnDrillbot(['start'], {
      env: { DRILLBOT_DATA_DIR: dataDir, PORT: String(port), DRILLBOT_TICK_SECONDS: '1' },
    });
    const type = (line: string) => bot.child.stdin.write(`${line}\n`);
    await waitForOutput(bot, 'Type /drill help');
    type('/drill now');
    await waitForOutput(bot, 'Daily drill');
    type('/as alice My answer, typed just before the restart.');
    type('/drill status');
    // Lines are handled one after another: once status answers, the answer is stored.
    await waitForOutput(bot, 'Drill settings');

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
