/**
 * PGlite happily lets two processes open one data folder and both write, which corrupts it.
 * A lock file holding the owner's pid makes the second process stop with a message that says
 * which process has the folder. A lock left by a process that no longer exists is taken over.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { DrillError } from '../src/core/errors.ts';

export const LOCK_FILE_NAME = 'drillbot.lock';

interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface DataDirLock {
  readonly path: string;
  release(): void;
}

function readOwner(path: string): LockOwner | undefined {
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed) {
      const { pid, host, startedAt } = parsed as Record<string, unknown>;
      if (typeof pid === 'number') {
        return { pid, host: String(host ?? ''), startedAt: String(startedAt ?? '') };
      }
    }
  } catch {
    // Unreadable or half-written: treated as no owner below.
  }
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock on `dataDir` (which must exist) or throws DrillError('DATA_DIR_LOCKED'). */
export function lockDataDir(dataDir: string): DataDirLock {
  const path = join(dataDir, LOCK_FILE_NAME);
  const me: LockOwner = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      const sameHost = owner === undefined || owner.host === me.host;
      if (owner && owner.pid !== process.pid && (!sameHost || isAlive(owner.pid))) {
        const where = sameHost ? '' : ` on ${owner.host}`;
        throw new DrillError(
          'DATA_DIR_LOCKED',
          `The data folder ${dataDir} is in use by drillbot process ${owner.pid}${where} (started ${owner.startedAt}). ` +
            'Stop that process, or point DRILLBOT_DATA_DIR at another folder.',
        );
      }
      // The owner is gone (or unreadable): remove its lock and try again.
      try {
        unlinkSync(path);
      } catch {
        // Another process removed it first; the next attempt settles who wins.
      }
      continue;
    }
    writeSync(fd, `${JSON.stringify(me)}\n`);
    closeSync(fd);
    return {
      path,
      release() {
        if (readOwner(path)?.pid === process.pid) unlinkSync(path);
      },
    };
  }
  throw new DrillError(
    'DATA_DIR_LOCKED',
    `Could not take the lock file ${path}; remove it if no drillbot is running.`,
  );
}
