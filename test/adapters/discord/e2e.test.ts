/**
 * End to end through real discord.js, the real drill engine and a real database: a Discord
 * guild (the fake) runs a drill round from `/drill now` to the reveal in the question's
 * thread, survives a resumed gateway, a 429 and the bot's removal from the guild.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw.ts';
import {
  FAKE_IDS,
  FAKE_USERS,
  MANAGE_SERVER_PERMISSIONS,
  type RecordedRequest,
  ROUTES,
  startFakeDiscord,
} from '../../fakes/discord/index.ts';
import { ENGINES, useDatabase } from '../../support/db.ts';
import { command, until, withEngine } from './engine.ts';
import { C, G } from './harness.ts';

const ADMIN = { permissions: MANAGE_SERVER_PERMISSIONS };

interface Body {
  nonce?: string;
  enforce_nonce?: boolean;
  allowed_mentions?: { parse: unknown[] };
  embeds?: { footer?: { text: string } }[];
  content?: string;
}
const bodyOf = (request: RecordedRequest | undefined): Body => (request?.body ?? {}) as Body;
const creates = (fake: Awaited<ReturnType<typeof startFakeDiscord>>, channel: string) =>
  fake.requests.all(ROUTES.createMessage).filter((request) => request.params.channelId === channel);

describe.each(ENGINES)('Discord end to end on %s', (engine) => {
  const database = useDatabase(engine);

  it('runs a round: /drill now, a thread, answers edited and deleted, a replay, the reveal', async () => {
    const fake = await startFakeDiscord();
    const run = await withEngine(database.db, fake);
    try {
      const refused = await command(fake, FAKE_USERS.member, 'now');
      expect(refused.text).toContain('Only drill admins');
      expect(creates(fake, C)).toHaveLength(0);

      const posted = await command(fake, FAKE_USERS.admin, 'now', ADMIN);
      expect(posted.text).toContain('Drill posted.');
      expect(posted.ephemeral).toBe(true);
      const [question] = creates(fake, C);
      const body = bodyOf(question);
      expect(body.enforce_nonce).toBe(true);
      expect(body.nonce?.length).toBeLessThanOrEqual(25);
      expect(body.allowed_mentions).toEqual({ parse: [] });
      expect(body.embeds?.at(-1)?.footer?.text).toMatch(/^drillbot drill:\d+$/);
      const start = fake.requests.last(ROUTES.startThreadFromMessage);
      expect(start?.params.channelId).toBe(C);
      const thread = start?.params.messageId ?? '';
      expect(fake.messages.get(thread)?.message.channel_id).toBe(C);

      const alice = fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.memberId,
        content: 'Least privilege.',
      });
      const bob = fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.secondMemberId,
        content: 'Sandbox generated code @everyone',
      });
      const carol = fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.ownerId,
        content: 'Take this back.',
      });
      fake.members.edit(alice.message.id, 'Least privilege, and a human approves deletes.');
      fake.members.delete(carol.message.id);

      // The gateway drops and resumes; Bob's MESSAGE_CREATE arrives again and is stored once.
      fake.disconnect();
      await fake.waitForResume();
      fake.dispatch('MESSAGE_CREATE', { ...bob.message, guild_id: G });

      const answers = () =>
        rawRows<{ member: string; text: string; deleted: boolean }>(
          database.db,
          sql`select a.member_id as member, m.text, m.deleted_at is not null as deleted
              from answer_messages m join answers a on a.id = m.answer_id order by a.member_id`,
        );
      let parts: Awaited<ReturnType<typeof answers>> = [];
      const deadline = Date.now() + 8_000;
      while (Date.now() < deadline) {
        parts = await answers();
        if (parts.length === 3 && parts[2]?.deleted && parts[0]?.text.includes('human')) break;
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      expect(parts).toEqual([
        {
          member: `discord:${FAKE_IDS.memberId}`,
          text: 'Least privilege, and a human approves deletes.',
          deleted: false,
        },
        {
          member: `discord:${FAKE_IDS.secondMemberId}`,
          text: 'Sandbox generated code @everyone',
          deleted: false,
        },
        { member: `discord:${FAKE_IDS.ownerId}`, text: 'Take this back.', deleted: true },
      ]);

      const revealed = await command(fake, FAKE_USERS.admin, 'reveal', ADMIN);
      expect(revealed.text).toContain('Revealed.');
      const reveal = await until(() => creates(fake, thread).at(-1), 'the reveal in the thread');
      expect(bodyOf(reveal).embeds?.at(-1)?.footer?.text).toMatch(/^drillbot reveal:\d+$/);
      expect(bodyOf(reveal).allowed_mentions).toEqual({ parse: [] });
      expect(JSON.stringify(bodyOf(reveal))).toMatch(/pts?/);
      // Nothing the bot posted could notify anyone: no @everyone, no member, no role.
      for (const request of fake.requests.all(ROUTES.createMessage)) {
        expect(bodyOf(request).allowed_mentions).toEqual({ parse: [] });
      }
      const stored = [...fake.messages.list(C, {}), ...fake.messages.list(thread, {})];
      const bots = stored.filter((message) => message.message.author.id === FAKE_IDS.botUserId);
      expect(bots.length).toBeGreaterThanOrEqual(2);
      for (const message of bots) expect(message.message.mention_everyone).toBe(false);
    } finally {
      await run.close();
    }
  });

  it('waits out a 429 on the question post', async () => {
    const fake = await startFakeDiscord();
    const run = await withEngine(database.db, fake);
    try {
      fake.faults.next(ROUTES.createMessage, { kind: 'rate_limit', retryAfterSeconds: 0.3 });
      const posted = await command(fake, FAKE_USERS.admin, 'now', ADMIN);
      expect(posted.text).toContain('Drill posted.');
      const attempts = creates(fake, C);
      expect(attempts.map((request) => request.status)).toEqual([429, 200]);
    } finally {
      await run.close();
    }
  });

  it('pauses the guild’s channels when the bot is removed from it', async () => {
    const fake = await startFakeDiscord();
    const run = await withEngine(database.db, fake);
    try {
      await command(fake, FAKE_USERS.admin, 'now', ADMIN);
      fake.members.removeBotFromGuild();
      const status = async () =>
        (
          await rawRows<{ status: string }>(
            database.db,
            sql`select status from channels where id = ${`discord:${G}:${C}`}`,
          )
        )[0]?.status;
      let seen: string | undefined;
      const deadline = Date.now() + 8_000;
      while (Date.now() < deadline && seen !== 'paused') {
        seen = await status();
        await new Promise((resolve) => setTimeout(resolve, 30));
      }
      expect(seen).toBe('paused');
    } finally {
      await run.close();
    }
  });
});
