/**
 * End to end on Discord: a blind-mode drill answered through the button and its modal, the
 * reveal quoting the answer without pinging anyone, and the leaderboard as an ephemeral reply.
 */
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/raw.ts';
import {
  buttonClick,
  FAKE_IDS,
  FAKE_USERS,
  MANAGE_SERVER_PERMISSIONS,
  modalSubmit,
  ROUTES,
  startFakeDiscord,
} from '../../fakes/discord/index.ts';
import { useDatabase } from '../../support/db.ts';
import { command, until, withEngine } from './engine.ts';
import { C } from './harness.ts';

const ADMIN = { permissions: MANAGE_SERVER_PERMISSIONS };

/** Polls an async read until it gives a value (database state written by the adapter). */
async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('Discord blind mode and boards', () => {
  const database = useDatabase('pglite');

  it('takes a blind answer through the modal, reveals it quoted, and shows the board privately', async () => {
    const fake = await startFakeDiscord();
    const run = await withEngine(database.db, fake);
    try {
      expect(
        (await command(fake, FAKE_USERS.admin, 'mode', { ...ADMIN, values: { mode: 'blind' } }))
          .text,
      ).toContain('Mode set: blind');
      await command(fake, FAKE_USERS.admin, 'now', ADMIN);
      const question = await until(
        () =>
          fake.messages.list(C, {}).find((stored) => (stored.message.components ?? []).length > 0),
        'the blind question with its answer button',
      );
      const customId =
        /"custom_id":"(drill-answer:[^"]+)"/.exec(
          JSON.stringify(question.message.components),
        )?.[1] ?? '';
      expect(customId).toMatch(/^drill-answer:/);

      // The click opens the modal (callback type 9); the submission is the answer.
      const click = fake.interact(
        buttonClick({ user: FAKE_USERS.member, customId, message: question.message }),
      );
      await until(() => (click.response?.type === 9 ? click : undefined), 'the answer modal');
      const answer =
        'Rate limits per key and top-k labels only @everyone <@&1> [x](https://evil.example)';
      fake.interact(
        modalSubmit({
          user: FAKE_USERS.member,
          customId,
          fields: { answer },
        }),
      );
      await eventually(async () => {
        const rows = await rawRows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from answer_messages`,
        );
        return (rows[0]?.n ?? 0) === 1 ? true : undefined;
      }, 'the stored private answer');

      await new Promise((resolve) => setTimeout(resolve, 20));
      await command(fake, FAKE_USERS.admin, 'reveal', ADMIN);
      const thread = fake.requests.last(ROUTES.startThreadFromMessage)?.params.messageId ?? '';
      const reveal = await until(
        () =>
          fake.requests
            .all(ROUTES.createMessage)
            .find((request) => request.params.channelId === thread),
        'the reveal in the thread',
      );
      const body = JSON.stringify(reveal.body);
      expect(body).toContain('Rate limits per key');
      expect((reveal.body as { allowed_mentions?: unknown }).allowed_mentions).toEqual({
        parse: [],
      });
      const stored = fake.messages.list(thread, {}).at(-1);
      expect(stored?.message.mention_everyone).toBe(false);
      expect(stored?.message.mention_roles).toEqual([]);

      const board = await command(fake, FAKE_USERS.member, 'leaderboard');
      expect(board.ephemeral).toBe(true);
      expect(board.text).toContain('Leaderboard');
      expect(board.text).toContain(`<@${FAKE_IDS.memberId}> — 1 pt · streak 1`);
    } finally {
      await run.close();
    }
  });

  it('counts a reaction on another member’s answer as a vote', async () => {
    const fake = await startFakeDiscord();
    const run = await withEngine(database.db, fake);
    try {
      await command(fake, FAKE_USERS.admin, 'now', ADMIN);
      const thread = fake.requests.last(ROUTES.startThreadFromMessage)?.params.messageId ?? '';
      const ada = fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.memberId,
        content: 'Least privilege.',
      });
      fake.members.post({
        channelId: thread,
        userId: FAKE_IDS.secondMemberId,
        content: 'Sandboxing.',
      });
      const answers = async () =>
        (
          await rawRows<{ n: number }>(
            database.db,
            sql`select count(*)::int as n from answer_messages`,
          )
        )[0]?.n ?? 0;
      await eventually(async () => ((await answers()) === 2 ? true : undefined), 'both answers');
      // Linus (who answered) upvotes Ada; Ada upvoting herself does not count.
      fake.members.react({ messageId: ada.message.id, userId: FAKE_IDS.secondMemberId });
      fake.members.react({ messageId: ada.message.id, userId: FAKE_IDS.memberId });
      const votes = async () =>
        rawRows<{ voter: string }>(database.db, sql`select voter_id as voter from votes`);
      const stored = await eventually(async () => {
        const rows = await votes();
        return rows.length > 0 ? rows : undefined;
      }, 'the vote');
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await votes()).toEqual([{ voter: `discord:${FAKE_IDS.secondMemberId}` }]);
      expect(stored).toHaveLength(1);
    } finally {
      await run.close();
    }
  });
});
