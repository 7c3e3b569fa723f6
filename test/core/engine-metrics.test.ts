import { describe, expect, it } from 'vitest';
import { DrillMetrics } from '../../src/metrics.ts';
import { useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine } from '../support/engine.ts';
import { FakeClock, MINUTE } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';

describe('engine metrics', () => {
  const database = useDatabase('pglite');

  it('counts posts, reveals, stored answers, platform errors and events', async () => {
    const clock = new FakeClock('2026-03-02T08:00:00Z');
    const platform = new FakePlatform('slack');
    platform.platformAdmins.add('slack:UADMIN');
    const metrics = new DrillMetrics();
    const bot = await buildEngine({ db: database.db, clock, platform, metrics });
    const drive = new Driver(platform, clock);
    platform.failNext('postMessage', 'rate_limited', 1_000);
    await drive.command('slack:T1:C1', 'slack:UADMIN', 'now');
    clock.advance(MINUTE);
    await bot.service.tick(); // the rate-limited post is retried after its back-off
    const root = platform.questions()[0]?.ref ?? '';
    await drive.reply(root, 'slack:UALICE', 'an answer');
    clock.advance(MINUTE);
    await drive.command('slack:T1:C1', 'slack:UADMIN', 'reveal');
    const text = await metrics.text();
    expect(text).toContain('drillbot_drills_posted_total{platform="slack"} 1');
    expect(text).toContain('drillbot_reveals_total{platform="slack"} 1');
    expect(text).toContain('drillbot_answers_stored_total{platform="slack"} 1');
    expect(text).toContain(
      'drillbot_platform_errors_total{platform="slack",kind="rate_limited"} 1',
    );
    expect(text).toContain('drillbot_events_total{type="command"} 2');
    expect(text).toContain('drillbot_events_total{type="thread_reply"} 1');
  });
});
