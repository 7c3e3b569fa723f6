/**
 * The question catalog the bot runs with: the valid packs, each question's current snapshot
 * id in the database. Built at start-up and again on `/drill reload`; a pack with errors is
 * left out (and reported) so one bad custom pack never stops the bot.
 */
import type { DbOrTx } from '../../db/client.ts';
import { type SnapshotIds, snapshotKey, syncSnapshots } from '../../db/queries/snapshots.ts';
import { DrillError } from '../core/errors.ts';
import { prepareScoring } from '../core/scoring-pass.ts';
import { bundledContentDir, type LoadedPack, loadPacks, type PackError } from './load.ts';
import type { Pack, Question } from './schema.ts';

export interface Catalog {
  readonly packs: readonly Pack[];
  /** Problems in pack files that were left out, for the log and for `/drill reload`. */
  readonly errors: readonly PackError[];
  /** The snapshot id of the current version of a question, if the pack is loaded. */
  snapshotId(packId: string, questionId: string): number | undefined;
  question(packId: string, questionId: string): Question | undefined;
}

function versionsOf(loaded: readonly LoadedPack[]) {
  return loaded.flatMap(({ pack, contentHashes }) =>
    pack.questions.map((question) => ({
      packId: pack.id,
      questionId: question.id,
      contentHash: contentHashes.get(question.id) ?? '',
      body: question as unknown as Record<string, unknown>,
    })),
  );
}

function catalogOf(
  loaded: readonly LoadedPack[],
  errors: readonly PackError[],
  ids: SnapshotIds,
): Catalog {
  const questions = new Map<string, Question>();
  for (const { pack } of loaded) {
    for (const question of pack.questions)
      questions.set(snapshotKey(pack.id, question.id), question);
  }
  return {
    packs: loaded.map(({ pack }) => pack),
    errors,
    snapshotId: (packId, questionId) => ids.get(snapshotKey(packId, questionId)),
    question: (packId, questionId) => questions.get(snapshotKey(packId, questionId)),
  };
}

/**
 * Loads the bundled packs plus `extraDirs`, stores any new question versions, and returns
 * the catalog. Throws DrillError('PACK_INVALID') only when no valid pack is left at all.
 */
export async function loadCatalog(db: DbOrTx, extraDirs: readonly string[]): Promise<Catalog> {
  const { packs, errors } = await loadPacks([bundledContentDir, ...extraDirs]);
  if (packs.length === 0) {
    throw new DrillError(
      'PACK_INVALID',
      `No valid question pack found in ${[bundledContentDir, ...extraDirs].join(', ')} (${errors.length} problems; run drillbot content lint)`,
    );
  }
  const ids = await syncSnapshots(db, versionsOf(packs));
  // What scoring needs of each question is worked out now rather than at its first reveal.
  prepareScoring(packs.flatMap(({ pack }) => pack.questions));
  return catalogOf(packs, errors, ids);
}
