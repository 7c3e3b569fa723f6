import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getSnapshot, listVersions } from '../../db/queries/snapshots.ts';
import { drills, questionSnapshots } from '../../db/schema.ts';
import { loadCatalog } from '../../src/content/catalog.ts';
import { ENGINES, useDatabase } from '../support/db.ts';
import { seedChannel, seedDrill } from '../support/rows.ts';

/** A team's own pack folder with one small pack, which the test edits like a maintainer would. */
const teamDir = mkdtempSync(join(tmpdir(), 'drillbot-team-packs-'));
const teamPack = join(teamDir, 'team.yaml');
const QUESTION_ID = 'team-secret-rotation';
const original = `id: team-drills
title: Team drills
description: Our own questions.
questions:
  - id: ${QUESTION_ID}
    question: How would you rotate a leaked database password without downtime?
    evaluates: Operational credential hygiene.
    framework:
      lead: Rotate through a dual-credential window.
      points:
        - id: dual-credentials
          label: Two valid credentials during the switch
          detail: Create the new credential before revoking the old one.
          rubric: [dual credential, two credentials]
        - id: revoke-old
          label: Revoke the leaked one
          detail: Revoke the leaked credential once clients use the new one.
          rubric: [revoke, invalidate old]
    mistake:
      text: Changing the password in place and breaking every client.
    difficulty: 1
    tags: [secrets]
`;
writeFileSync(teamPack, original);
afterAll(() => rmSync(teamDir, { recursive: true, force: true }));

describe.each(ENGINES)('question snapshots on %s', (engine) => {
  const database = useDatabase(engine);

  it('stores every bundled question once, however often the catalog is loaded', async () => {
    const first = await loadCatalog(database.db, []);
    const count = (await database.db.select().from(questionSnapshots)).length;
    const total = first.packs.reduce((sum, pack) => sum + pack.questions.length, 0);
    expect(first.errors).toEqual([]);
    expect(count).toBe(total);
    const again = await loadCatalog(database.db, []);
    expect((await database.db.select().from(questionSnapshots)).length).toBe(count);
    const pack = first.packs[0];
    const question = pack?.questions[0];
    if (!pack || !question) throw new Error('no bundled question');
    expect(again.snapshotId(pack.id, question.id)).toBe(first.snapshotId(pack.id, question.id));
  });

  it('an edited question gets a new snapshot while the open drill keeps the version it asked', async () => {
    const { db } = database;
    writeFileSync(teamPack, original);
    const before = await loadCatalog(db, [teamDir]);
    const askedId = before.snapshotId('team-drills', QUESTION_ID);
    expect(askedId).toBeTypeOf('number');
    await seedChannel(db);
    const drillId = await seedDrill(db, { snapshotId: askedId, status: 'open' });

    // A maintainer rewords the question while the drill is open, then /drill reload runs.
    writeFileSync(
      teamPack,
      original.replace('without downtime', 'with zero downtime, step by step'),
    );
    const after = await loadCatalog(db, [teamDir]);
    const newId = after.snapshotId('team-drills', QUESTION_ID);
    expect(newId).toBeTypeOf('number');
    expect(newId).not.toBe(askedId);
    expect(after.question('team-drills', QUESTION_ID)?.question).toContain('zero downtime');

    const [drill] = await db.select().from(drills).where(eq(drills.id, drillId));
    expect(drill?.snapshotId).toBe(askedId);
    const asked = await getSnapshot(db, drill?.snapshotId ?? -1);
    expect(asked?.body.question).toBe(
      'How would you rotate a leaked database password without downtime?',
    );
    expect((await listVersions(db, 'team-drills', QUESTION_ID)).map((row) => row.id)).toEqual([
      askedId,
      newId,
    ]);
  });

  it('leaves a broken custom pack out, reports it, and keeps the bundled packs', async () => {
    const brokenDir = mkdtempSync(join(tmpdir(), 'drillbot-broken-'));
    try {
      writeFileSync(
        join(brokenDir, 'team.yaml'),
        original.replace('difficulty: 1', 'difficulty: 9'),
      );
      const catalog = await loadCatalog(database.db, [brokenDir]);
      expect(catalog.packs.map((pack) => pack.id)).not.toContain('team-drills');
      expect(catalog.packs.length).toBeGreaterThanOrEqual(1);
      expect(catalog.errors.length).toBeGreaterThan(0);
      expect(JSON.stringify(catalog.errors)).toContain(QUESTION_ID);
      expect(catalog.snapshotId('team-drills', QUESTION_ID)).toBeUndefined();
    } finally {
      rmSync(brokenDir, { recursive: true, force: true });
    }
  });
});
