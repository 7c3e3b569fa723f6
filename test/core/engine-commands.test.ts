/**
 * Every /drill command through the engine: what it changes on success, that members are
 * refused admin commands with nothing changed, and that bad arguments are answered with the
 * usage. (Each kind of bad argument is covered exhaustively by the parser's own tests.)
 */
import { eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { channels, workspaceAdmins } from '../../db/schema.ts';
import { COMMAND_USAGE } from '../../src/core/commands/usage.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { Driver } from '../support/drive.ts';
import { buildEngine, type TestEngine } from '../support/engine.ts';
import { FakeClock } from '../support/fake-clock.ts';
import { FakePlatform } from '../support/fake-platform.ts';

const CHANNEL = 'slack:T1:C1';
const ADMIN = 'slack:UADMIN';
const MEMBER = 'slack:UMEMBER';

/** One valid invocation of every admin command. */
const ADMIN_INVOCATIONS: Record<string, string> = {
  now: 'now',
  reveal: 'reveal',
  skip: 'skip',
  schedule: 'schedule daily 10:00',
  zone: 'zone Europe/Berlin',
  window: 'window 30m',
  packs: 'packs cloud-security',
  mode: 'mode blind',
  remind: 'remind 15m',
  ping: 'ping <!subteam^S123>',
  'weekly-board': 'weekly-board on',
  pause: 'pause',
  resume: 'resume',
  stop: 'stop',
  status: 'status',
  admins: 'admins add <@UMEMBER>',
  reload: 'reload',
};

describe.each(ENGINES)('commands through the engine on %s', (engine) => {
  const database = useDatabase(engine);
  let clock: FakeClock;
  let platform: FakePlatform;
  let drive: Driver;
  let bot: TestEngine;

  beforeEach(async () => {
    clock = new FakeClock('2026-03-02T08:00:00Z'); // a Monday
    platform = new FakePlatform('slack');
    platform.platformAdmins.add(ADMIN);
    drive = new Driver(platform, clock);
    bot = await buildEngine({ db: database.db, clock, platform });
  });

  async function channelRow() {
    const [row] = await database.db.select().from(channels).where(eq(channels.id, CHANNEL));
    return row;
  }

  it('has an invocation for every admin command in the usage table', () => {
    const adminNames = Object.entries(COMMAND_USAGE)
      .filter(([, usage]) => usage.admin)
      .map(([name]) => name)
      .sort();
    expect(Object.keys(ADMIN_INVOCATIONS).sort()).toEqual(adminNames);
  });

  it.each(Object.entries(ADMIN_INVOCATIONS))(
    'refuses /drill %s to a member and changes nothing',
    async (name, invocation) => {
      await drive.command(CHANNEL, ADMIN, 'now');
      const before = { channel: await channelRow(), posts: platform.posts.length };
      const answer = await drive.command(CHANNEL, MEMBER, invocation);
      expect(answer).toContain(`Only drill admins can run /drill ${name}`);
      expect(await channelRow()).toEqual(before.channel);
      expect(platform.posts).toHaveLength(before.posts);
      expect(await database.db.select().from(workspaceAdmins)).toEqual([]);
    },
  );

  it('schedule sets the cron, label and zone and the next slot in that zone', async () => {
    const answer = await drive.command(CHANNEL, ADMIN, 'schedule mon,wed,fri 07:30 Asia/Kolkata');
    expect(answer).toContain('Schedule set: mon,wed,fri 07:30 (Asia/Kolkata)');
    const row = await channelRow();
    expect([row?.scheduleText, row?.zone, row?.nextRunAt?.toISOString()]).toEqual([
      'mon,wed,fri 07:30',
      'Asia/Kolkata',
      '2026-03-04T02:00:00.000Z', // Wednesday 07:30 IST; Monday's 07:30 IST has passed
    ]);
  });

  it('a cron schedule with seconds and a zone', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule "0 30 9 * * 1-5" America/New_York');
    const row = await channelRow();
    expect(row?.cron).toBe('0 30 9 * * 1-5');
    expect(row?.nextRunAt?.toISOString()).toBe('2026-03-02T14:30:00.000Z');
  });

  it('zone keeps the schedule and moves the next slot', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule weekdays 09:00');
    expect((await channelRow())?.nextRunAt?.toISOString()).toBe('2026-03-02T09:00:00.000Z');
    await drive.command(CHANNEL, ADMIN, 'zone Australia/Sydney');
    const row = await channelRow();
    expect([row?.zone, row?.nextRunAt?.toISOString()]).toEqual([
      'Australia/Sydney',
      '2026-03-02T22:00:00.000Z',
    ]);
  });

  it('window, mode, remind, ping and weekly-board change the channel row', async () => {
    await drive.command(CHANNEL, ADMIN, 'window 30m');
    await drive.command(CHANNEL, ADMIN, 'mode blind');
    await drive.command(CHANNEL, ADMIN, 'remind 15m');
    await drive.command(CHANNEL, ADMIN, 'ping <!subteam^S123>');
    await drive.command(CHANNEL, ADMIN, 'weekly-board on');
    let row = await channelRow();
    expect([
      row?.windowSeconds,
      row?.mode,
      row?.remindBeforeSeconds,
      row?.pingTarget,
      row?.weeklyBoard,
    ]).toEqual([1800, 'blind', 900, '<!subteam^S123>', true]);
    await drive.command(CHANNEL, ADMIN, 'remind off');
    await drive.command(CHANNEL, ADMIN, 'ping off');
    await drive.command(CHANNEL, ADMIN, 'weekly-board off');
    row = await channelRow();
    expect([row?.remindBeforeSeconds, row?.pingTarget, row?.weeklyBoard]).toEqual([
      null,
      null,
      false,
    ]);
  });

  it('the ping is the one mention on the question card', async () => {
    await drive.command(CHANNEL, ADMIN, 'ping <!subteam^S123>');
    await drive.command(CHANNEL, ADMIN, 'now');
    const card = platform.questions()[0]?.message;
    const pings = card?.blocks
      .flatMap((block) => ('spans' in block ? block.spans : []))
      .filter((span) => 'ping' in span);
    expect(pings).toEqual([{ ping: '<!subteam^S123>' }]);
  });

  it('packs narrows the questions, and all follows every pack again', async () => {
    await drive.command(CHANNEL, ADMIN, 'packs cloud-security,detection-response');
    let row = await channelRow();
    expect([row?.allPacks, row?.packs]).toEqual([false, ['cloud-security', 'detection-response']]);
    await drive.command(CHANNEL, ADMIN, 'now');
    expect(platform.questions()[0]?.text).toMatch(
      /Cloud Security Engineer|Detection and Incident Response/,
    );
    await drive.command(CHANNEL, ADMIN, 'packs all');
    row = await channelRow();
    expect([row?.allPacks, row?.packs]).toEqual([true, []]);
  });

  it('pause stops scheduled drills and resume brings the next slot back', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule daily 09:00');
    await drive.command(CHANNEL, ADMIN, 'pause');
    expect(await channelRow()).toMatchObject({ status: 'paused', nextRunAt: null });
    clock.set('2026-03-02T09:00:00Z');
    await bot.service.tick();
    expect(platform.questions()).toHaveLength(0);
    await drive.command(CHANNEL, ADMIN, 'resume');
    const row = await channelRow();
    expect([row?.status, row?.nextRunAt?.toISOString()]).toEqual([
      'active',
      '2026-03-03T09:00:00.000Z',
    ]);
  });

  it('status shows the settings and the next slot', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule weekdays 09:00 Europe/London');
    const answer = await drive.command(CHANNEL, ADMIN, 'status');
    expect(answer).toContain('schedule weekdays 09:00 (Europe/London)');
    expect(answer).toContain('window 8h');
    expect(answer).toContain('Next drill: 2026-03-02T09:00:00.000Z');
  });

  it('admins remove takes a stored admin away again', async () => {
    await drive.command(CHANNEL, ADMIN, 'admins add <@UMEMBER>');
    expect(await drive.command(CHANNEL, MEMBER, 'status')).toContain('This channel has no drills');
    expect(await drive.command(CHANNEL, ADMIN, 'admins remove <@UMEMBER>')).toContain('Removed');
    expect(await drive.command(CHANNEL, MEMBER, 'now')).toContain('Only drill admins');
  });

  it('DRILLBOT_ADMINS members are admins without a platform role', async () => {
    const configured = await buildEngine({
      db: database.db,
      clock,
      platform: new FakePlatform('slack'),
      settings: { bootstrapAdmins: [MEMBER] },
    });
    const ownDrive = new Driver(
      [...configured.context.platforms.values()][0] as FakePlatform,
      clock,
    );
    expect(await ownDrive.command(CHANNEL, MEMBER, 'schedule daily 09:00')).toContain(
      'Schedule set',
    );
  });

  it('reload reports the packs it read', async () => {
    expect(await drive.command(CHANNEL, ADMIN, 'reload')).toBe('Reloaded 5 packs, 79 questions.');
  });

  it('help shows members their commands and admins everything', async () => {
    const forMember = await drive.command(CHANNEL, MEMBER, 'help');
    expect(forMember).toContain('/drill practice');
    expect(forMember).not.toContain('/drill schedule');
    expect(await drive.command(CHANNEL, ADMIN, 'help')).toContain('/drill schedule <when> [zone]');
  });

  it('tips shows a pack’s preparation advice', async () => {
    const answer = await drive.command(CHANNEL, MEMBER, 'tips ai-security-engineer');
    expect(answer).toContain('AI Security Engineer: preparation');
    expect(answer).toContain('Questions worth asking your interviewer');
    expect(await drive.command(CHANNEL, MEMBER, 'tips nope')).toContain('Unknown pack "nope"');
  });

  it('answer and flag need an open drill', async () => {
    expect(await drive.command(CHANNEL, MEMBER, 'answer my answer')).toContain('no open drill');
    expect(await drive.command(CHANNEL, MEMBER, 'flag wrong')).toContain('no drills yet');
  });

  it.each([
    ['leaderboard', 'no drills yet, so there is no board'],
    ['stats', 'no drills yet, so there is no board'],
    ['practice', 'Practice · '],
    ['practice answer too soon', 'No practice question is waiting'],
    ['optout on', 'opted out'],
    ['export-me', '"member"'],
    ['forget-me', 'again within 5 minutes to confirm'],
  ])(
    'member command /drill %s answers privately without enrolling the channel',
    async (invocation, expected) => {
      expect(await drive.command(CHANNEL, MEMBER, invocation)).toContain(expected);
      expect(await channelRow()).toBeUndefined();
    },
  );

  it('answers bad arguments with the usage and changes nothing', async () => {
    await drive.command(CHANNEL, ADMIN, 'schedule daily 09:00');
    const before = await channelRow();
    for (const [invocation, usage] of [
      ['schedule daily 25:00', '/drill schedule <when> [zone]'],
      ['zone Mars/Olympus', '/drill zone <IANA zone>'],
      ['window 8d', '/drill window <duration>'],
      ['mode loud', '/drill mode thread|blind'],
      ['remind soon', '/drill remind <duration|off>'],
    ] as const) {
      expect(await drive.command(CHANNEL, ADMIN, invocation)).toContain(`Usage: ${usage}`);
    }
    expect(await channelRow()).toEqual(before);
  });

  it('channel commands from a direct message are refused', async () => {
    let answer = '';
    await platform.emit({
      type: 'command',
      eventId: platform.nextEventId(),
      channel: CHANNEL,
      at: clock.now(),
      member: ADMIN,
      text: 'now',
      direct: true,
      respond: async (message) => {
        answer = JSON.stringify(message);
      },
    });
    expect(answer).toContain('works in a channel');
    expect(platform.posts).toHaveLength(0);
  });
});
