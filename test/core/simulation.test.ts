import { gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openPostgres } from '../../db/client.ts';
import { drills } from '../../db/schema.ts';
import { ENGINES, TEST_DATABASE_URL, useDatabase } from '../support/db.ts';
import { buildEngine } from '../support/engine.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';
import { HangingPlatform } from '../support/hanging-platform.ts';
import { checkSimulation, runSimulation, START } from './simulation.ts';

describe.each(ENGINES)('30 simulated days on %s', (engine) => {
  const database = useDatabase(engine);

  it('posts one drill per slot and one reveal per drill, across DST changes and downtime', {
    timeout: 600_000,
  }, async () => {
    const clock = new FakeClock(START);
    const platform = new FakePlatform('slack');
    const bot = await buildEngine({ db: database.db, clock, platform });
    await runSimulation({ db: database.db, clock, platform, engines: [bot] });
    await checkSimulation(database.db, platform);
  });
});

describe.skipIf(!TEST_DATABASE_URL)('30 simulated days with two engines on one PostgreSQL', () => {
  const database = useDatabase('postgres');

  it('never doubles or misses a post, a reveal or an answer when one engine stops midway', {
    timeout: 600_000,
  }, async () => {
    const clock = new FakeClock(START);
    const platform = new FakePlatform('slack');
    const first = await buildEngine({ db: database.db, clock, platform, instanceId: 'engine-a' });
    // The second engine has its own connection pool, as a second process would.
    const url = database.url;
    if (!url) throw new Error('postgres test database has no url');
    const secondHandle = openPostgres(url, { max: 4 });
    try {
      const secondOutbound = new HangingPlatform(platform);
      const second = await buildEngine({
        db: secondHandle.db,
        clock,
        platform,
        outbound: secondOutbound,
        instanceId: 'engine-b',
        catalog: first.context.catalog(),
      });
      await runSimulation({
        db: database.db,
        clock,
        platform,
        engines: [first, second],
        // Engine B freezes in the middle of whatever platform call comes next, keeping its
        // lease: engine A must take the work over once the lease runs out.
        atMidpoint: () => {
          secondOutbound.hang();
          second.detach();
          return [first];
        },
      });
      await checkSimulation(
        database.db,
        platform,
        secondOutbound.frozenKinds.filter((kind) => kind === 'reminder').length,
      );
      const stolen = await database.db.select().from(drills).where(gt(drills.attempts, 1));
      expect(stolen.length).toBeGreaterThanOrEqual(1);
    } finally {
      await secondHandle.close();
    }
  });
});
