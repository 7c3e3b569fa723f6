/** Members' reports of problems with a question, kept for pack maintainers. */
import type { DbOrTx } from '../client.ts';
import { questionFlags } from '../schema.ts';

export async function addFlag(
  db: DbOrTx,
  flag: { snapshotId: number; drillId: number | null; memberId: string; reason: string },
): Promise<void> {
  await db.insert(questionFlags).values(flag);
}
