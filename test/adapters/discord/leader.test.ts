/**
 * One gateway session across drillbot instances (real PostgreSQL only): two adapters, each
 * with the real engine on its own postgres.js pool over one database, against one fake
 * Discord. One holds the gateway; a message is stored once; stopping the holder, or killing
 * its pinned database connection, hands the gateway to the other within seconds.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, openPostgres } from '../../../db/client.ts';
import { migrateDatabase } from '../../../db/migrate.ts';
import { openDrillRefs } from '../../../db/queries/open-drill-refs.ts';
import { rawRows } from '../../../db/raw.ts';
import { loadCatalog } from '../../../src/content/catalog.ts';
import { systemClock } from '../../../src/core/clock.ts';
import type { EngineContext } from '../../../src/core/context.ts';
import type { PlatformName } from '../../../src/core/ids.ts';
import { noMetrics } from '../../../src/core/metrics-port.ts';
import type { Platform } from '../../../src/core/platform.ts';
import { DrillService } from '../../../src/core/service.ts';
import {
  FAKE_IDS,
  FAKE_USERS,
  type FakeDiscord,
  MANAGE_SERVER_PERMISSIONS,
  ROUTES,
  startFakeDiscord,
} from '../../fakes/discord/index.ts';
import { createScratchDatabase, TEST_DATABASE_URL, truncateAll } from '../../support/db.ts';
import { command, until } from './engine.ts';
import { adapterOn, logger } from './harness.ts';

const INTERVAL_MS = 200;

async function instance(handle: DatabaseHandle, fake: FakeDiscord, id: string) {
  const catalog = await loadCatalog(handle.db, []);
  const adapter = adapterOn(fake, {
    gatewayLock: handle,
    leaderIntervalMs: INTERVAL_MS,
    openDrillRefs: () => openDrillRefs(handle.db, 'discord', new Date(Date.now() - 15 * 60_000)),
  });
  const context: EngineContext = {
    db: handle.db,
    clock: systemClock,
    logger,
    metrics: noMetrics,
    platforms: new Map<PlatformName, Platform>([['discord', adapter]]),
    instanceId: id,
    settings: { bootstrapAdmins: [], defaultWindowMs: () => 8 * 3_600_000, leaseMs: 60_000 },
    catalog: () => catalog,
    reloadCatalog: async () => catalog,
  };
  const service = new DrillService(context);
  await adapter.start((event) => service.handle(event));
  return adapter;
}

const live = (fake: FakeDiscord) => fake.gateway.liveSessions().length;

describe.skipIf(!TEST_DATABASE_URL)('one Discord gateway across instances (Postgres)', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let first: DatabaseHandle;
  let second: DatabaseHandle;
  let admin: postgres.Sql;
  let databaseName: string;

  beforeAll(async () => {
    scratch = await createScratchDatabase();
    databaseName = new URL(scratch.url).pathname.slice(1);
    first = openPostgres(scratch.url, { max: 3 });
    second = openPostgres(scratch.url, { max: 3 });
    await migrateDatabase(first);
    admin = postgres(TEST_DATABASE_URL as string, { max: 1, onnotice: () => {} });
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await admin?.end();
    await scratch?.drop();
  });

  /** The stored answer texts (each test starts from empty tables and runs one drill). */
  const answers = () =>
    rawRows<{ text: string }>(first.db, sql`select text from answer_messages order by text`);

  async function round(fake: FakeDiscord) {
    await command(fake, FAKE_USERS.admin, 'now', { permissions: MANAGE_SERVER_PERMISSIONS });
    const thread = await until(
      () => fake.requests.last(ROUTES.startThreadFromMessage)?.params.messageId,
      'the drill thread',
    );
    return thread;
  }

  async function answered(text: string, count = 1): Promise<string[]> {
    const deadline = Date.now() + 8_000;
    let rows: { text: string }[] = [];
    while (Date.now() < deadline) {
      rows = await answers();
      if (rows.filter((row) => row.text === text).length >= count) break;
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    // Give a second delivery the time to be (wrongly) stored too.
    await new Promise((resolve) => setTimeout(resolve, 300));
    return (await answers()).map((row) => row.text);
  }

  it('holds one session, stores a message once, and hands over when the holder stops', async () => {
    await truncateAll(first.db);
    const fake = await startFakeDiscord();
    const a = await instance(first, fake, 'a');
    const b = await instance(second, fake, 'b');
    try {
      expect(a.gatewayRole).toBe('leader');
      expect(a.connectionState()).toBe('connected');
      expect(b.gatewayRole).toBe('standby');
      expect(b.connectionState()).toBe('connecting');
      expect(b.botUserId).toBe(FAKE_IDS.botUserId);
      await new Promise((resolve) => setTimeout(resolve, INTERVAL_MS * 3));
      expect(live(fake)).toBe(1);
      expect(fake.gateway.sessions()).toHaveLength(1);

      const thread = await round(fake);
      fake.members.post({ channelId: thread, userId: FAKE_IDS.memberId, content: 'Once.' });
      expect(await answered('Once.')).toEqual(['Once.']);

      const stopped = Date.now();
      await a.stop();
      await until(() => (b.gatewayRole === 'leader' ? true : undefined), 'the takeover', 5_000);
      expect(Date.now() - stopped).toBeLessThan(5_000);
      await until(
        () => (b.connectionState() === 'connected' ? true : undefined),
        'b connected',
        3_000,
      );
      await until(() => (live(fake) === 1 ? true : undefined), 'one live session', 3_000);
      expect(fake.gateway.sessions()).toHaveLength(2);

      fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.secondMemberId,
        content: 'Through b.',
      });
      expect(await answered('Through b.')).toEqual(['Once.', 'Through b.']);
    } finally {
      await a.stop();
      await b.stop();
      await fake.stop();
    }
  });

  it('hands over when the holder’s pinned connection dies; a doubled event is stored once', async () => {
    await truncateAll(first.db);
    const fake = await startFakeDiscord();
    const a = await instance(first, fake, 'a');
    const b = await instance(second, fake, 'b');
    try {
      expect(a.gatewayRole).toBe('leader');
      expect(b.gatewayRole).toBe('standby');
      const thread = await round(fake);

      const killed = await admin<{ pid: number }[]>`
        select pg_terminate_backend(l.pid) as killed, l.pid from pg_locks l
        join pg_database d on d.oid = l.database
        where l.locktype = 'advisory' and l.granted and d.datname = ${databaseName}`;
      expect(killed).toHaveLength(1);
      const started = Date.now();
      await until(
        () => (b.gatewayRole === 'leader' && a.gatewayRole === 'standby' ? true : undefined),
        'the takeover',
        6_000,
      );
      expect(Date.now() - started).toBeLessThan(6_000);
      // The old holder closes its gateway client asynchronously after stepping down.
      await until(
        () => (a.connectionState() === 'connecting' ? true : undefined),
        'the old holder to report standby',
        3_000,
      );
      await until(() => (live(fake) === 1 ? true : undefined), 'one live session', 3_000);

      // The same dispatch delivered again (as around a takeover or a resume): stored once.
      const post = fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.memberId,
        content: 'After the kill.',
      });
      fake.dispatch('MESSAGE_CREATE', { ...post.message, guild_id: FAKE_IDS.guildId });
      expect(await answered('After the kill.')).toEqual(['After the kill.']);
    } finally {
      await a.stop();
      await b.stop();
      await fake.stop();
    }
  });

  it('a reply written while no instance held the gateway is read back after the takeover', async () => {
    await truncateAll(first.db);
    const fake = await startFakeDiscord();
    const a = await instance(first, fake, 'a');
    const b = await instance(second, fake, 'b');
    try {
      const thread = await round(fake);
      fake.members.post({ channelId: thread, userId: FAKE_IDS.memberId, content: 'Heard live.' });
      expect(await answered('Heard live.')).toEqual(['Heard live.']);

      await a.stop();
      // Nobody holds the gateway now: the dispatch reaches no session.
      expect(live(fake)).toBe(0);
      const unheard = fake.members.postTracked({
        channelId: thread,
        userId: FAKE_IDS.secondMemberId,
        content: 'Written while nobody listened.',
      });
      expect(unheard.dispatched.filter((d) => d.delivered)).toEqual([]);

      await until(() => (b.gatewayRole === 'leader' ? true : undefined), 'the takeover', 5_000);
      // Read back once, next to the reply that was heard live (stored once, not twice).
      expect(await answered('Written while nobody listened.')).toEqual([
        'Heard live.',
        'Written while nobody listened.',
      ]);
    } finally {
      await a.stop();
      await b.stop();
      await fake.stop();
    }
  });
});
