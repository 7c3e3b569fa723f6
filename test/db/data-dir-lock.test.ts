import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openEmbedded } from '../../db/client.ts';
import { LOCK_FILE_NAME, lockDataDir } from '../../db/data-dir-lock.ts';
import { isDrillError } from '../../src/core/errors.ts';
import { runDrillbot } from '../support/cli.ts';

describe('embedded data folder lock', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'drillbot-lock-'));
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openEmbedded(dataDir);
  });
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('records this process as the owner', () => {
    const owner = JSON.parse(readFileSync(join(dataDir, LOCK_FILE_NAME), 'utf8')) as {
      pid: number;
    };
    expect(owner.pid).toBe(process.pid);
  });

  it('refuses a second process, naming the folder and the owning process', async () => {
    const result = await runDrillbot(['db', 'migrate'], { env: { DRILLBOT_DATA_DIR: dataDir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `The data folder ${dataDir} is in use by drillbot process ${process.pid}`,
    );
    expect(result.stderr).toContain('DRILLBOT_DATA_DIR');
    // The owner's database is untouched and still usable.
    await handle.ping();
  });

  it('takes over a lock left by a process that no longer exists', async () => {
    const staleDir = mkdtempSync(join(tmpdir(), 'drillbot-stale-'));
    try {
      // pid 2^22 + 1 is above Linux's pid_max limit, so no live process can have it.
      const dead = { pid: 4_194_305, host: hostname(), startedAt: '2026-01-01T00:00:00Z' };
      writeFileSync(join(staleDir, LOCK_FILE_NAME), JSON.stringify(dead));
      const lock = lockDataDir(staleDir);
      expect(JSON.parse(readFileSync(lock.path, 'utf8')).pid).toBe(process.pid);
      lock.release();
    } finally {
      rmSync(staleDir, { recursive: true, force: true });
    }
  });

  it('refuses in-process too, with a coded error', () => {
    let caught: unknown;
    try {
      // Same folder, but pretend another live process (our parent) owns it.
      writeFileSync(
        join(dataDir, LOCK_FILE_NAME),
        JSON.stringify({ pid: process.ppid, host: hostname(), startedAt: 'then' }),
      );
      lockDataDir(dataDir);
    } catch (error) {
      caught = error;
    } finally {
      writeFileSync(
        join(dataDir, LOCK_FILE_NAME),
        JSON.stringify({ pid: process.pid, host: hostname(), startedAt: 'now' }),
      );
    }
    expect(isDrillError(caught, 'DATA_DIR_LOCKED')).toBe(true);
    expect(String(caught)).toContain(`process ${process.ppid}`);
  });
});
