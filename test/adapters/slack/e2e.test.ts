/**
 * End to end through real Bolt, the real drill engine and a real database: a Slack workspace
 * (the fake) runs a drill round from `/drill now` to the reveal, in Socket Mode and in HTTP
 * mode, and survives a missing invitation and a post whose outcome is unknown.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw.ts';
import { type Catalog, loadCatalog } from '../../../src/content/catalog.ts';
import { systemClock } from '../../../src/core/clock.ts';
import type { EngineContext } from '../../../src/core/context.ts';
import type { PlatformName } from '../../../src/core/ids.ts';
import { noMetrics } from '../../../src/core/metrics-port.ts';
import type { Platform } from '../../../src/core/platform.ts';
import { DrillService } from '../../../src/core/service.ts';
import {
  blockActions,
  drillCommand,
  FAKE_IDS,
  FAKE_SIGNING_SECRET,
  type FakeSlack,
  messageChanged,
  messageDeleted,
  type RecordedRequest,
  reactionAdded,
  signedRequest,
  threadReply,
  viewSubmission,
} from '../../fakes/slack/index.ts';
import { ENGINES, useDatabase } from '../../support/db.ts';
import { logger, makeRig, type SlackRig, slackChannelId } from './harness.ts';

const C = 'C0DRILLS001';
const ADMIN = 'U0ADMIN001';
const [ALICE, BOB, CAROL] = ['U0ALICE001', 'U0BOB00001', 'U0CAROL001'] as const;
const users = [{ id: ADMIN, is_admin: true, name: 'ada' }];

async function withEngine(
  db: EngineContext['db'],
  rig: SlackRig,
): Promise<{ service: DrillService; close(): Promise<void> }> {
  let catalog: Catalog = await loadCatalog(db, []);
  const context: EngineContext = {
    db,
    clock: systemClock,
    logger,
    metrics: noMetrics,
    platforms: new Map<PlatformName, Platform>([['slack', rig.adapter]]),
    instanceId: 'slack-e2e',
    settings: { bootstrapAdmins: [], defaultWindowMs: () => 8 * 3_600_000, leaseMs: 60_000 },
    catalog: () => catalog,
    async reloadCatalog() {
      catalog = await loadCatalog(db, []);
      return catalog;
    },
  };
  const service = new DrillService(context);
  await rig.adapter.start((event) => service.handle(event));
  return { service, close: () => rig.close() };
}

/** `/drill <text>` from `user` over Socket Mode; resolves with what `respond` answered. */
async function command(fake: FakeSlack, text: string, user: string, channel = C) {
  const responseUrl = fake.responseUrls.create();
  await fake.deliver({
    payload: drillCommand({ text, channelId: channel, userId: user, responseUrl }),
  });
  return (await fake.responseUrls.waitFor(responseUrl, 10_000)).body;
}

/** A member's reply in the thread: stored in the fake workspace, then delivered as an event. */
async function reply(fake: FakeSlack, user: string, text: string, rootTs: string) {
  const stored = fake.postAsUser({ channel: C, user, text, threadTs: rootTs });
  const payload = threadReply({ channel: C, user, text, threadTs: rootTs, ts: stored.ts });
  await fake.deliver({ payload });
  return { ts: stored.ts, payload };
}

const posts = (fake: FakeSlack, where: (request: RecordedRequest) => boolean = () => true) =>
  fake.requests.all('chat.postMessage').filter(where);

const markerOf = (request: RecordedRequest | undefined): unknown =>
  JSON.parse(JSON.stringify(request?.body.metadata ?? {})).event_payload?.marker;

describe.each(ENGINES)('Slack end to end on %s', (engine) => {
  const database = useDatabase(engine);

  it('runs a round in Socket Mode: question, answers edited and deleted, a retry, a vote, the reveal', async () => {
    const rig = await makeRig('socket', { fake: { users } });
    const { fake } = rig;
    const engineRun = await withEngine(database.db, rig);
    try {
      const refused = await command(fake, 'now', BOB);
      expect(String(refused.text)).toContain('Only drill admins');
      expect(posts(fake)).toHaveLength(0);

      const answered = await command(fake, 'now', ADMIN);
      expect(answered).toMatchObject({ response_type: 'ephemeral', text: 'Drill posted.' });
      const [question] = posts(fake);
      expect(question?.body.channel).toBe(C);
      expect(question?.body.metadata).toMatchObject({ event_type: 'drillbot_post' });
      expect(String(markerOf(question))).toMatch(/^drill:\d+$/);
      expect(question?.body.blocks).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'header' })]),
      );
      const root = fake.messages.all(C)[0];
      const rootTs = root?.ts ?? '';
      expect(root?.metadata?.event_payload.marker).toBe(markerOf(question));

      const alice = await reply(fake, ALICE, 'Least privilege for each tool.', rootTs);
      const bob = await reply(fake, BOB, 'Sandbox generated code and keep an audit log.', rootTs);
      const carol = await reply(fake, CAROL, 'Something I will take back.', rootTs);
      await fake.deliver({
        payload: messageChanged({
          channel: C,
          user: ALICE,
          ts: alice.ts,
          threadTs: rootTs,
          text: 'Least privilege for each tool, and a human approves deletes.',
          previousText: 'Least privilege for each tool.',
        }),
      });
      await fake.deliver({
        payload: messageDeleted({
          channel: C,
          user: CAROL,
          deletedTs: carol.ts,
          threadTs: rootTs,
          previousText: 'Something I will take back.',
        }),
      });
      // Slack's retry of Bob's delivery (same event_id, another envelope) is stored once.
      await fake.deliver({ payload: bob.payload, retryAttempt: 1, retryReason: 'timeout' });
      await fake.deliver({
        payload: reactionAdded({
          channel: C,
          user: BOB,
          reaction: '+1',
          itemTs: alice.ts,
          itemUser: ALICE,
        }),
      });

      const parts = await rawRows<{ member: string; text: string; deleted: boolean }>(
        database.db,
        sql`select a.member_id as member, m.text, m.deleted_at is not null as deleted
            from answer_messages m join answers a on a.id = m.answer_id order by m.sent_at`,
      );
      expect(parts).toEqual([
        {
          member: `slack:${ALICE}`,
          text: 'Least privilege for each tool, and a human approves deletes.',
          deleted: false,
        },
        {
          member: `slack:${BOB}`,
          text: 'Sandbox generated code and keep an audit log.',
          deleted: false,
        },
        { member: `slack:${CAROL}`, text: 'Something I will take back.', deleted: true },
      ]);
      const [votes] = await rawRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from votes`,
      );
      expect(votes?.n).toBe(1);

      expect(await command(fake, 'reveal', ADMIN)).toMatchObject({ text: 'Revealed.' });
      const reveal = posts(fake, (request) => request.body.thread_ts === rootTs).at(-1);
      expect(String(markerOf(reveal))).toMatch(/^reveal:\d+$/);
      const revealText = String(reveal?.body.text);
      expect(revealText).toContain('Answered (2)');
      expect(revealText).toContain(`<@${ALICE}>`);
      expect(revealText).toContain(`<@${BOB}>`);
      expect(revealText).not.toContain(CAROL);
      expect(revealText).toMatch(/<@U0\w+> \d+ pts?/);
      const scored = await rawRows<{ member: string }>(
        database.db,
        sql`select member_id as member from answers where points > 0 order by member_id`,
      );
      expect(scored).toEqual([{ member: `slack:${ALICE}` }, { member: `slack:${BOB}` }]);

      const board = await command(fake, 'leaderboard', ALICE);
      expect(board.response_type).toBe('ephemeral');
      expect(String(board.text)).toContain('Leaderboard');
    } finally {
      await engineRun.close();
    }
  });

  it('runs a blind drill through the answer modal and escapes mentions in the reveal', async () => {
    const rig = await makeRig('socket', { fake: { users } });
    const { fake } = rig;
    const engineRun = await withEngine(database.db, rig);
    try {
      await command(fake, 'mode blind', ADMIN);
      await command(fake, 'now', ADMIN);
      const question = posts(fake)[0];
      const rootTs = fake.messages.all(C)[0]?.ts ?? '';
      const button = JSON.stringify(question?.body.blocks);
      expect(button).toContain('drill-answer');
      const drillId = String(markerOf(question)).replace('drill:', '');

      await fake.deliver({
        payload: blockActions({
          userId: ALICE,
          channelId: C,
          messageTs: rootTs,
          actionId: 'drill-answer',
          value: drillId,
        }),
      });
      const opened = await fake.requests.waitFor('views.open');
      const metadata = JSON.parse(JSON.stringify(opened.body.view)).private_metadata;
      await fake.deliver({
        payload: viewSubmission({
          userId: ALICE,
          callbackId: 'drillbot-answer',
          privateMetadata: String(metadata),
          values: { answer: { answer: '<!channel> rotate the keys, then revoke <@U0BOB00001>' } },
        }),
      });
      await fake.requests.waitFor('chat.postEphemeral', {
        where: (request) => request.body.user === ALICE,
      });
      await command(
        fake,
        'answer <!here> sandbox every tool call, ask <!subteam^S0SECTEAM1> and read <https://evil.example|the docs>',
        BOB,
      );

      await command(fake, 'reveal', ADMIN);
      const reveal = posts(fake, (request) => request.body.thread_ts === rootTs).at(-1);
      const blocks = JSON.stringify(reveal?.body.blocks);
      expect(blocks).toContain('&lt;!channel&gt; rotate the keys');
      expect(blocks).toContain('&lt;!here&gt; sandbox');
      expect(blocks).toContain('&lt;!subteam^S0SECTEAM1&gt;');
      for (const raw of ['<!channel>', '<!here>', '<!subteam', '<https://evil']) {
        expect(blocks).not.toContain(raw);
        expect(String(reveal?.body.text)).not.toContain(raw);
      }
      expect(blocks).toContain('revoke &lt;@U0BOB00001&gt;');
    } finally {
      await engineRun.close();
    }
  });

  it('takes a signed /drill now in HTTP mode and refuses a forged one without a trace', async () => {
    const rig = await makeRig('http', { fake: { users } });
    const { fake, eventsUrl } = rig;
    const engineRun = await withEngine(database.db, rig);
    try {
      const url = eventsUrl ?? '';
      const forged = await signedRequest(
        url,
        drillCommand({
          text: 'now',
          channelId: C,
          userId: ADMIN,
          responseUrl: fake.responseUrls.create(),
        }),
        'not-the-signing-secret',
      );
      expect(forged.status).toBe(401);
      const [enrolled] = await rawRows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from channels`,
      );
      expect(enrolled?.n).toBe(0);
      expect(posts(fake)).toHaveLength(0);

      const responseUrl = fake.responseUrls.create();
      const signed = await signedRequest(
        url,
        drillCommand({ text: 'now', channelId: C, userId: ADMIN, responseUrl }),
        FAKE_SIGNING_SECRET,
      );
      expect(signed.status).toBe(200);
      expect((await fake.responseUrls.waitFor(responseUrl)).body.text).toBe('Drill posted.');
      expect(posts(fake)).toHaveLength(1);
      expect(fake.messages.all(C)[0]?.user).toBe(FAKE_IDS.botUserId);
    } finally {
      await engineRun.close();
    }
  });

  it('pauses the channel and tells the admin privately when the bot is not in the channel', async () => {
    const rig = await makeRig('socket', {
      fake: { users, channels: [{ id: C, botIsMember: false }] },
    });
    const { fake } = rig;
    const engineRun = await withEngine(database.db, rig);
    try {
      await command(fake, 'now', ADMIN);
      const [channel] = await rawRows<{ status: string }>(
        database.db,
        sql`select status from channels where id = ${slackChannelId(C)}`,
      );
      expect(channel?.status).toBe('paused');
      // The ephemeral note cannot go to a channel the bot is not in: it arrives as a DM.
      const dm = fake.messages.all(ADMIN)[0];
      expect(dm?.text).toContain('not_in_channel');
      expect(dm?.text).toContain('Invite the bot');
      expect(fake.messages.all(C)).toHaveLength(0);
    } finally {
      await engineRun.close();
    }
  });

  it('finds a post whose outcome was unknown through its metadata and does not post it twice', async () => {
    const rig = await makeRig('socket', { fake: { users }, adapter: { timeoutMs: 300 } });
    const { fake } = rig;
    const engineRun = await withEngine(database.db, rig);
    try {
      fake.faults.next('chat.postMessage', { kind: 'hang' });
      const answer = await command(fake, 'now', ADMIN);
      expect(String(answer.text)).toContain('retried automatically');
      expect(fake.messages.all(C)).toHaveLength(1);

      await engineRun.service.tick();
      expect(fake.requests.count('conversations.history')).toBeGreaterThan(0);
      expect(fake.messages.all(C)).toHaveLength(1);
      expect(fake.requests.count('chat.postMessage')).toBe(1);
      const [drill] = await rawRows<{ status: string; ref: string }>(
        database.db,
        sql`select status, message_ref as ref from drills`,
      );
      expect(drill).toEqual({
        status: 'open',
        ref: `${slackChannelId(C)}:${fake.messages.all(C)[0]?.ts}`,
      });
    } finally {
      await engineRun.close();
    }
  });
});
