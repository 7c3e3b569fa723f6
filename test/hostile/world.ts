/**
 * The hooks every hostile test file registers, whatever the platform: a fake platform and a
 * real adapter opened once per file with the engine on top, the engine reset after each
 * wipe of the tables, and "never a crash" checked after each test. Only opening the rig
 * differs per platform (./slack-drive.ts, ./discord-drive.ts, Slack's HTTP mode).
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Platform } from '../../src/core/platform.ts';
import type { Logger } from '../../src/logger.ts';
import { type HostileEngine, startEngine, type TestDatabase } from './engine.ts';
import { errorLog } from './error-log.ts';

/** A fake platform and the adapter pointed at it: what a world opens and closes. */
export interface WorldRig {
  readonly fake: unknown;
  readonly adapter: Platform;
  close(): Promise<void>;
}

export interface World<Rig extends WorldRig> {
  readonly rig: Rig;
  /** The rig's fake platform, which most tests drive. */
  readonly fake: Rig['fake'];
  readonly engine: HostileEngine;
}

/**
 * Registers the hooks. Call it after `useDatabase`, so that each test's wipe of the tables
 * runs before the engine puts back what must outlive it. `open` gets the logger the adapter
 * must log to, so that its errors count as the engine's do.
 */
export function useWorld<Rig extends WorldRig>(
  name: string,
  database: TestDatabase,
  open: (logger: Logger) => Promise<Rig>,
  extraContentDirs: readonly string[] = [],
): World<Rig> {
  let rig: Rig | undefined;
  let engine: HostileEngine | undefined;
  const errors = errorLog();
  beforeAll(async () => {
    rig = await open(errors.logger);
    engine = await startEngine(database.db, rig.adapter, extraContentDirs, errors);
  });
  afterAll(async () => {
    await rig?.close();
  });
  beforeEach(async () => {
    await engine?.reset();
  });
  // Never a crash: nothing the test sent made the adapter or the engine log an error.
  afterEach(() => {
    expect(errors.take()).toEqual([]);
  });
  const started = () => {
    if (!rig || !engine) throw new Error(`${name} world not started`);
    return { rig, engine };
  };
  return {
    get rig() {
      return started().rig;
    },
    get fake() {
      return started().rig.fake;
    },
    get engine() {
      return started().engine;
    },
  };
}
