import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openEmbedded, openPostgres } from '../db/client.ts';
import { rawRows } from '../db/raw.ts';
import { runDrillbot } from './support/cli.ts';
import { createScratchDatabase, TEST_DATABASE_URL } from './support/db.ts';

const dataDirs: string[] = [];
function freshDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'drillbot-cli-'));
  dataDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

const countTables = sql`select count(*)::int as n from pg_tables where schemaname = 'public'`;

describe('drillbot CLI', () => {
  it('start with no chat tokens migrates the embedded database, names the variables and exits 0', async () => {
    const dataDir = freshDataDir();
    const result = await runDrillbot(['start'], { env: { DRILLBOT_DATA_DIR: dataDir } });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'no chat platform configured (looked for SLACK_BOT_TOKEN and DISCORD_TOKEN)',
    );
    const handle = await openEmbedded(dataDir);
    try {
      const [row] = await rawRows<{ n: number }>(handle.db, countTables);
      expect(row?.n).toBe(18);
    } finally {
      await handle.close();
    }
  });

  it.skipIf(!TEST_DATABASE_URL)('start uses DATABASE_URL when it is set', async () => {
    const scratch = await createScratchDatabase();
    try {
      const result = await runDrillbot(['start'], {
        env: { DATABASE_URL: scratch.url, DRILLBOT_DATA_DIR: freshDataDir() },
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('starting the terminal channel on PostgreSQL (DATABASE_URL)');
      const handle = openPostgres(scratch.url, { max: 1 });
      const [row] = await rawRows<{ n: number }>(handle.db, countTables);
      await handle.close();
      expect(row?.n).toBe(18);
    } finally {
      await scratch.drop();
    }
  });

  it('db migrate reports the engine', async () => {
    const result = await runDrillbot(['db', 'migrate'], {
      env: { DRILLBOT_DATA_DIR: freshDataDir() },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('migrations applied (pglite)');
  });

  it.each([['start'], ['practice'], ['db', 'migrate'], ['content', 'lint']])(
    '%s --help prints its usage',
    async (...command) => {
      const result = await runDrillbot([...command, '--help']);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`Usage: drillbot ${command.join(' ')}`);
    },
  );

  it('practice asks a private question and scores the next line', async () => {
    const result = await runDrillbot(['practice', 'prompt-injection'], {
      env: { DRILLBOT_DATA_DIR: freshDataDir() },
      stdin:
        'Instructions and data share one channel, so nothing like a parameterised query exists.\n',
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Practice · AI Security Engineer');
    expect(result.stdout).toMatch(/You covered [1-9] of \d+ key points/);
  });

  it('lists the commands and rejects an unknown one', async () => {
    const help = await runDrillbot(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /drillbot start[\s\S]*drillbot db migrate[\s\S]*drillbot content lint/,
    );
    const unknown = await runDrillbot(['deploy']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "deploy"');
  });

  it('a half-configured platform stops start-up instead of falling back', async () => {
    const result = await runDrillbot(['start'], {
      env: { DISCORD_TOKEN: 'token', DRILLBOT_DATA_DIR: freshDataDir() },
    });
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'DISCORD_TOKEN is set but DISCORD_APPLICATION_ID is missing: copy it from the Discord developer portal',
    );
    expect(result.stdout).toBe('');
  });
});
