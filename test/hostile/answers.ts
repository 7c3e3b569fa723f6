/**
 * What the database holds for a drill's answers, per member: the stored message texts and,
 * after the reveal, the frozen text and the points. "No lost neighbour" is checked here.
 */
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Db } from '../../db/client.ts';
import { rawRows } from '../../db/raw.ts';
import { NEIGHBOUR_AFTER, NEIGHBOUR_BEFORE } from './cases.ts';

/**
 * The three members of a hostile row, as the core names them (`slack:U…`, `discord:…`): the
 * neighbour answering NEIGHBOUR_BEFORE, the hostile member, the neighbour answering
 * NEIGHBOUR_AFTER.
 */
export interface RowMembers {
  readonly before: string;
  readonly hostile: string;
  readonly after: string;
}

export interface StoredAnswer {
  frozen: string | null;
  points: number | null;
  parts: string[];
}

export async function answersByMember(db: Db): Promise<Map<string, StoredAnswer>> {
  const rows = await rawRows<{
    member: string;
    frozen: string | null;
    points: number | null;
    part: string | null;
  }>(
    db,
    sql`select a.member_id as member, a.frozen_text as frozen, a.points, m.text as part
        from answers a left join answer_messages m on m.answer_id = a.id
        order by a.member_id, m.sent_at, m.id`,
  );
  const byMember = new Map<string, StoredAnswer>();
  for (const row of rows) {
    const entry = byMember.get(row.member) ?? { frozen: row.frozen, points: row.points, parts: [] };
    if (row.part !== null) entry.parts.push(row.part);
    byMember.set(row.member, entry);
  }
  return byMember;
}

/** Both neighbours of a hostile answer are stored exactly, frozen at the reveal and scored. */
export function expectNeighboursScored(
  answers: ReadonlyMap<string, StoredAnswer>,
  members: RowMembers,
): void {
  const neighbours = [
    { member: members.before, text: NEIGHBOUR_BEFORE },
    { member: members.after, text: NEIGHBOUR_AFTER },
  ];
  for (const { member, text } of neighbours) {
    const answer = answers.get(member);
    expect(answer, `${member}'s answer`).toMatchObject({ frozen: text, parts: [text] });
    expect(answer?.points ?? 0, `${member}'s points`).toBeGreaterThanOrEqual(1);
  }
}

/** The hostile member's answer: stored as the adapter should have cleaned it, or absent. */
export function expectHostileStored(
  answers: ReadonlyMap<string, StoredAnswer>,
  member: string,
  expected: string | null,
): void {
  if (expected === null) {
    expect(answers.has(member), `${member} must have no answer (silent drop)`).toBe(false);
    return;
  }
  const answer = answers.get(member);
  expect(answer?.parts, `${member}'s stored text`).toEqual([expected]);
  expect(answer?.frozen === expected, `${member}'s frozen text equals what was stored`).toBe(true);
}

/**
 * The verdict on a row after the reveal, whatever path its answers came by: both neighbours
 * stored and scored, the hostile answer stored as `stored` says (`null`: not at all).
 */
export async function expectRowAnswers(
  db: Db,
  members: RowMembers,
  stored: string | null,
): Promise<void> {
  const answers = await answersByMember(db);
  expectNeighboursScored(answers, members);
  expectHostileStored(answers, members.hostile, stored);
}

/** How many practice questions `member` has answered (a scored practice answer is one row). */
export async function practised(db: Db, member: string): Promise<number> {
  const [row] = await rawRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from practice_state where member_id = ${member}`,
  );
  return row?.n ?? 0;
}

/** The id of the drill posted last (the suite posts one per row). */
export async function drillId(db: Db): Promise<number> {
  const [row] = await rawRows<{ id: number }>(
    db,
    sql`select id::int as id from drills order by id desc limit 1`,
  );
  if (!row) throw new Error('no drill');
  return row.id;
}

// A type, not an interface: rawRows wants a row type with an index signature.
export type ChannelSettings = {
  cron: string;
  zone: string;
  window: number;
  mode: string;
  remind: number | null;
  ping: string | null;
  packs: string[];
};

/** Every enrolled channel's settings, by id: what an admin command may change. */
export async function channelSettings(db: Db): Promise<Record<string, ChannelSettings>> {
  const rows = await rawRows<ChannelSettings & { id: string }>(
    db,
    sql`select id, cron, zone, window_seconds as window, mode,
               remind_before_seconds as remind, ping_target as ping, packs
        from channels order by id`,
  );
  return Object.fromEntries(rows.map(({ id, ...settings }) => [id, settings]));
}
