/**
 * Minimal valid rows for database tests: a workspace with a channel, a member, a question
 * snapshot and an open drill, each overridable.
 */
import type { Db } from '../../db/client.ts';
import {
  channels,
  drills,
  members,
  type NewDrill,
  questionSnapshots,
  workspaces,
} from '../../db/schema.ts';

export const WORKSPACE = 'slack:T0001';
export const CHANNEL = 'slack:T0001:C0001';
export const ALICE = 'slack:U000A';
export const BOB = 'slack:U000B';

export async function seedChannel(db: Db, channelId = CHANNEL): Promise<void> {
  await db.insert(workspaces).values({ id: WORKSPACE, platform: 'slack' }).onConflictDoNothing();
  await db.insert(channels).values({ id: channelId, workspaceId: WORKSPACE, enrolledBy: ALICE });
}

export async function seedMembers(db: Db, ids = [ALICE, BOB]): Promise<void> {
  await db.insert(members).values(ids.map((id) => ({ id, platform: 'slack' as const })));
}

export async function seedSnapshot(db: Db, hash = 'h1'): Promise<number> {
  const [row] = await db
    .insert(questionSnapshots)
    .values({
      packId: 'ai-security-engineer',
      questionId: 'aisec-q',
      contentHash: hash,
      body: { question: 'Why?' },
    })
    .returning({ id: questionSnapshots.id });
  if (!row) throw new Error('snapshot not inserted');
  return row.id;
}

export async function seedDrill(db: Db, overrides: Partial<NewDrill> = {}): Promise<number> {
  const [row] = await db
    .insert(drills)
    .values({
      channelId: CHANNEL,
      slotAt: new Date('2026-03-02T09:00:00Z'),
      trigger: 'schedule',
      status: 'open',
      revealAt: new Date('2026-03-02T17:00:00Z'),
      ...overrides,
    })
    .returning({ id: drills.id });
  if (!row) throw new Error('drill not inserted');
  return row.id;
}
