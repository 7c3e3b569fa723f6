/**
 * Question snapshots: one row per version of a question, keyed by (pack, question, content
 * hash). Syncing is idempotent and safe with several instances starting together.
 */
import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { questionSnapshots } from '../schema.ts';

export interface SnapshotVersion {
  packId: string;
  questionId: string;
  contentHash: string;
  body: Record<string, unknown>;
}

/** `pack/question` -> id of the snapshot holding the given version. */
export type SnapshotIds = Map<string, number>;

export const snapshotKey = (packId: string, questionId: string): string =>
  `${packId}/${questionId}`;

/**
 * Stores every version not stored yet and returns the snapshot id of each given version.
 * Existing rows are never changed: a drill keeps pointing at the text it asked.
 */
export async function syncSnapshots(db: DbOrTx, versions: SnapshotVersion[]): Promise<SnapshotIds> {
  const ids: SnapshotIds = new Map();
  if (versions.length === 0) return ids;
  await db
    .insert(questionSnapshots)
    .values(versions)
    .onConflictDoNothing({
      target: [
        questionSnapshots.packId,
        questionSnapshots.questionId,
        questionSnapshots.contentHash,
      ],
    });
  const rows = await db
    .select({
      id: questionSnapshots.id,
      packId: questionSnapshots.packId,
      questionId: questionSnapshots.questionId,
      contentHash: questionSnapshots.contentHash,
    })
    .from(questionSnapshots)
    .where(
      inArray(questionSnapshots.contentHash, [...new Set(versions.map((v) => v.contentHash))]),
    );
  const wanted = new Set(
    versions.map((v) => `${snapshotKey(v.packId, v.questionId)}#${v.contentHash}`),
  );
  for (const row of rows) {
    const key = snapshotKey(row.packId, row.questionId);
    if (wanted.has(`${key}#${row.contentHash}`)) ids.set(key, row.id);
  }
  return ids;
}

export async function getSnapshot(db: DbOrTx, id: number) {
  const [row] = await db.select().from(questionSnapshots).where(eq(questionSnapshots.id, id));
  return row;
}

/** Every stored version of one question, oldest first. */
export async function listVersions(db: DbOrTx, packId: string, questionId: string) {
  return db
    .select()
    .from(questionSnapshots)
    .where(and(eq(questionSnapshots.packId, packId), eq(questionSnapshots.questionId, questionId)))
    .orderBy(questionSnapshots.id);
}
