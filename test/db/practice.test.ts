import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  deletePracticeHistory,
  getPending,
  type PendingPractice,
  practiceCards,
  saveReview,
  setPending,
  takePending,
} from '../../db/queries/practice.ts';
import { members, practicePending, practiceState, questionSnapshots } from '../../db/schema.ts';
import { reviewCard } from '../../src/core/practice.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { ALICE, BOB, seedMembers, seedSnapshot } from '../support/rows.ts';

const NOW = new Date('2026-03-02T10:00:00Z');
const DAY = 86_400_000;
const at = (days: number): Date => new Date(NOW.getTime() + days * DAY);

describe.each(ENGINES)('practice storage on %s', (engine) => {
  const database = useDatabase(engine);

  it('loads exactly the card it saved, keyed by question, and a review updates it in place', async () => {
    const { db } = database;
    await seedMembers(db);
    const first = reviewCard(undefined, 0.75, NOW);
    await saveReview(db, ALICE, 'appsec', 'xss', first);
    await saveReview(db, ALICE, 'cloud', 'iam', reviewCard(undefined, 0.1, NOW));
    await saveReview(db, BOB, 'appsec', 'xss', reviewCard(undefined, 1, NOW));

    const loaded = await practiceCards(db, ALICE);
    expect([...loaded.keys()].sort()).toEqual(['appsec/xss', 'cloud/iam']);
    expect(loaded.get('appsec/xss')).toEqual(first);

    // Stored precision is enough for the next review to match one made from memory.
    const stored = loaded.get('appsec/xss');
    const second = reviewCard(stored, 0.5, at(3));
    expect(second).toEqual(reviewCard(first, 0.5, at(3)));
    await saveReview(db, ALICE, 'appsec', 'xss', second);
    const reloaded = await practiceCards(db, ALICE);
    expect(reloaded.size).toBe(2);
    expect(reloaded.get('appsec/xss')).toEqual(second);
    expect((await practiceCards(db, BOB)).get('appsec/xss')?.lastCoverage).toBe(1);
  });

  it('a member with no practice has no cards', async () => {
    expect((await practiceCards(database.db, ALICE)).size).toBe(0);
  });

  it('a pending question is read any number of times but taken only once', async () => {
    const { db } = database;
    await seedMembers(db);
    const snapshotId = await seedSnapshot(db);
    const pending: PendingPractice = {
      packId: 'ai-security-engineer',
      questionId: 'aisec-q',
      snapshotId,
      askedAt: NOW,
    };
    expect(await getPending(db, ALICE)).toBeUndefined();
    await setPending(db, ALICE, pending);
    expect(await getPending(db, ALICE)).toEqual(pending);
    expect(await getPending(db, ALICE)).toEqual(pending);
    expect(await getPending(db, BOB)).toBeUndefined();

    const taken = await Promise.all([takePending(db, ALICE), takePending(db, ALICE)]);
    expect(taken.filter((each) => each !== undefined)).toEqual([pending]);
    expect(await takePending(db, ALICE)).toBeUndefined();
    expect(await getPending(db, ALICE)).toBeUndefined();
  });

  it('a new practice question replaces the pending one', async () => {
    const { db } = database;
    await seedMembers(db);
    await setPending(db, ALICE, { packId: 'a', questionId: 'q1', snapshotId: null, askedAt: NOW });
    const later = { packId: 'b', questionId: 'q2', snapshotId: null, askedAt: at(1) };
    await setPending(db, ALICE, later);
    expect(await takePending(db, ALICE)).toEqual(later);
  });

  it('a pending question outlives its snapshot, without the link', async () => {
    const { db } = database;
    await seedMembers(db);
    const snapshotId = await seedSnapshot(db);
    await setPending(db, ALICE, { packId: 'p', questionId: 'q', snapshotId, askedAt: NOW });
    await db.delete(questionSnapshots).where(eq(questionSnapshots.id, snapshotId));
    expect(await getPending(db, ALICE)).toEqual({
      packId: 'p',
      questionId: 'q',
      snapshotId: null,
      askedAt: NOW,
    });
  });

  it('deletePracticeHistory removes the member cards and pending question, nobody else', async () => {
    const { db } = database;
    await seedMembers(db);
    for (const member of [ALICE, BOB]) {
      await saveReview(db, member, 'appsec', 'xss', reviewCard(undefined, 0.5, NOW));
      await setPending(db, member, {
        packId: 'p',
        questionId: 'q',
        snapshotId: null,
        askedAt: NOW,
      });
    }
    await saveReview(db, ALICE, 'cloud', 'iam', reviewCard(undefined, 0.5, NOW));

    expect(await deletePracticeHistory(db, ALICE)).toEqual({ cards: 2, pending: 1 });
    expect((await practiceCards(db, ALICE)).size).toBe(0);
    expect(await getPending(db, ALICE)).toBeUndefined();
    expect((await practiceCards(db, BOB)).size).toBe(1);
    expect(await getPending(db, BOB)).toBeDefined();
    expect(await deletePracticeHistory(db, ALICE)).toEqual({ cards: 0, pending: 0 });
  });

  it('deleting the member row cascades to their practice rows', async () => {
    const { db } = database;
    await seedMembers(db);
    for (const member of [ALICE, BOB]) {
      await saveReview(db, member, 'appsec', 'xss', reviewCard(undefined, 0.5, NOW));
      await setPending(db, member, {
        packId: 'p',
        questionId: 'q',
        snapshotId: null,
        askedAt: NOW,
      });
    }
    await db.delete(members).where(eq(members.id, ALICE));

    const states = await db.select().from(practiceState);
    const pendings = await db.select().from(practicePending);
    expect(states.map((row) => row.memberId)).toEqual([BOB]);
    expect(pendings.map((row) => row.memberId)).toEqual([BOB]);
  });

  it('refuses practice rows for an unknown member', async () => {
    const { db } = database;
    await expect(
      saveReview(db, 'slack:UNKNOWN', 'p', 'q', reviewCard(undefined, 0.5, NOW)),
    ).rejects.toThrow();
    await expect(
      setPending(db, 'slack:UNKNOWN', {
        packId: 'p',
        questionId: 'q',
        snapshotId: null,
        askedAt: NOW,
      }),
    ).rejects.toThrow();
  });
});
