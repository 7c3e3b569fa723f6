/**
 * Loads question packs: every `*.yaml`/`*.yml` in each given folder (the bundled `content/`
 * plus the folders an operator configured). YAML is read as plain data: core schema, no
 * custom tags, a cap on alias expansion. Every problem in every file is collected, so one
 * lint run shows them all.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { compilePhrase } from '../core/coverage.ts';
import { DrillError } from '../core/errors.ts';
import { questionContentHash } from './content-hash.ts';
import {
  displayPath,
  formatPackError,
  fromYamlError,
  fromZodIssues,
  locateNode,
  type PackError,
} from './pack-errors.ts';
import { type Pack, packSchema } from './schema.ts';

export type { PackError } from './pack-errors.ts';

/** The packs shipped with drillbot. */
export const bundledContentDir: string = fileURLToPath(new URL('../../content/', import.meta.url));

export interface LoadedPack {
  readonly pack: Pack;
  /** Absolute path of the pack's YAML file. */
  readonly file: string;
  /** Question id -> content hash (see `questionContentHash`). */
  readonly contentHashes: ReadonlyMap<string, string>;
}

export interface LoadedPacks {
  /** Every pack without errors, in folder order then file name order. A pack that reuses an
   * earlier pack's id or question id is left out (the error names both files). */
  readonly packs: LoadedPack[];
  readonly errors: PackError[];
}

/** Aliases may be used, but not to blow a small file up into a huge value. */
const MAX_ALIAS_COUNT = 100;
/** Far above any real pack; stops a stray huge file from being parsed at all. */
const MAX_PACK_BYTES = 2_000_000;
const PACK_FILE = /\.ya?ml$/i;

type IssuePath = ReadonlyArray<PropertyKey>;

export interface ParsedPackFile {
  readonly file: string;
  /** Set when the file is valid on its own. */
  readonly pack?: Pack;
  readonly errors: PackError[];
  /** Where a field of this file starts, for errors found later (duplicates across packs). */
  readonly locate: (keys: IssuePath) => Pick<PackError, 'line' | 'column'>;
}

/** Parses and validates one pack file's text, without looking at other packs. */
export function parsePackFile(file: string, source: string): ParsedPackFile {
  const lineCounter = new LineCounter();
  const doc: Document = parseDocument(source, { lineCounter, schema: 'core', uniqueKeys: true });
  const locate = (keys: IssuePath) => locateNode(doc, lineCounter, keys) ?? {};
  const yamlProblems = [...doc.errors, ...doc.warnings].map((error) => fromYamlError(file, error));
  if (yamlProblems.length > 0) return { file, errors: yamlProblems, locate };

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { file, errors: [{ file, message: `YAML: ${message}` }], locate };
  }
  const result = packSchema.safeParse(data);
  if (!result.success) {
    const errors = fromZodIssues(file, packSchema, result.error.issues, data, doc, lineCounter);
    return { file, errors, locate };
  }
  const errors = checkWithinPack(file, result.data, locate);
  return errors.length > 0 ? { file, errors, locate } : { file, pack: result.data, errors, locate };
}

/** Rules zod cannot express on one field: unique key point ids, phrases that can match. */
function checkWithinPack(file: string, pack: Pack, locate: ParsedPackFile['locate']): PackError[] {
  const errors: PackError[] = [];
  pack.questions.forEach((question, q) => {
    const seenPoints = new Set<string>();
    question.framework.points.forEach((point, p) => {
      const at = ['questions', q, 'framework', 'points', p];
      if (seenPoints.has(point.id)) {
        errors.push({
          file,
          ...locate([...at, 'id']),
          questionId: question.id,
          field: `framework.points[${p}].id`,
          message: `key point id "${point.id}" is used twice in this question`,
        });
      }
      seenPoints.add(point.id);
      point.rubric.forEach((phrase, r) => {
        if (compilePhrase(phrase).words.length > 0) return;
        errors.push({
          file,
          ...locate([...at, 'rubric', r]),
          questionId: question.id,
          keyPointId: point.id,
          field: `framework.points[${p}].rubric[${r}]`,
          message: `rubric phrase "${phrase}" has no words to match`,
        });
      });
    });
    question.mistake.markers.forEach((marker, m) => {
      if (compilePhrase(marker).words.length > 0) return;
      errors.push({
        file,
        ...locate(['questions', q, 'mistake', 'markers', m]),
        questionId: question.id,
        field: `mistake.markers[${m}]`,
        message: `mistake marker "${marker}" has no words to match`,
      });
    });
  });
  return errors;
}

/** Pack files of one folder, sorted; a missing folder is an error, not an empty list. */
async function packFilesIn(dir: string): Promise<{ files: string[]; errors: PackError[] }> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile() && PACK_FILE.test(entry.name))
      .map((entry) => path.join(dir, entry.name))
      .sort();
    return { files, errors: [] };
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : String(error);
    return { files: [], errors: [{ file: dir, message: `pack folder ${reason}` }] };
  }
}

async function readPackFile(file: string): Promise<ParsedPackFile> {
  const { size } = await stat(file);
  if (size > MAX_PACK_BYTES) {
    const message = `file is ${size} bytes; packs are limited to ${MAX_PACK_BYTES}`;
    return { file, errors: [{ file, message }], locate: () => ({}) };
  }
  return parsePackFile(file, await readFile(file, 'utf8'));
}

/** Pack ids and question ids are global: a drill refers to (pack, question) for good. */
function checkAcrossPacks(parsed: readonly ParsedPackFile[]): {
  packs: LoadedPack[];
  errors: PackError[];
} {
  const packFiles = new Map<string, string>();
  const questionFiles = new Map<string, string>();
  const packs: LoadedPack[] = [];
  const errors: PackError[] = [];
  for (const { file, pack, locate } of parsed) {
    if (!pack) continue;
    const clashes: PackError[] = [];
    const firstFile = packFiles.get(pack.id);
    if (firstFile !== undefined) {
      clashes.push({
        file,
        ...locate(['id']),
        field: 'id',
        message: `pack id "${pack.id}" is already used by ${displayPath(firstFile)}`,
      });
    }
    // Ids are claimed even by a pack that clashes, so a third copy is reported too.
    if (firstFile === undefined) packFiles.set(pack.id, file);
    pack.questions.forEach((question, q) => {
      const earlier = questionFiles.get(question.id);
      if (earlier === undefined) {
        questionFiles.set(question.id, file);
        return;
      }
      clashes.push({
        file,
        ...locate(['questions', q, 'id']),
        questionId: question.id,
        field: 'id',
        message: `question id "${question.id}" is already used in ${earlier === file ? 'this pack' : displayPath(earlier)}`,
      });
    });
    errors.push(...clashes);
    if (clashes.length > 0) continue;
    const contentHashes = new Map(pack.questions.map((q) => [q.id, questionContentHash(q)]));
    packs.push({ pack, file, contentHashes });
  }
  return { packs, errors };
}

/** Loads every pack in `dirs` (a folder given twice is read once); never throws for content. */
export async function loadPacks(dirs: readonly string[]): Promise<LoadedPacks> {
  const uniqueDirs = [...new Set(dirs.map((dir) => path.resolve(dir)))];
  const listed = await Promise.all(uniqueDirs.map(packFilesIn));
  const parsed = await Promise.all(listed.flatMap(({ files }) => files).map(readPackFile));
  const across = checkAcrossPacks(parsed);
  const errors = [
    ...listed.flatMap((dir) => dir.errors),
    ...parsed.flatMap((file) => file.errors),
    ...across.errors,
  ];
  return { packs: across.packs, errors };
}

/** Like `loadPacks`, but any error is a DrillError('PACK_INVALID') listing all of them. */
export async function loadPacksOrThrow(dirs: readonly string[]): Promise<LoadedPack[]> {
  const { packs, errors } = await loadPacks(dirs);
  if (errors.length > 0) {
    const lines = errors.map((error) => `  ${formatPackError(error)}`);
    const noun = errors.length === 1 ? 'problem' : 'problems';
    throw new DrillError(
      'PACK_INVALID',
      `${errors.length} ${noun} in question packs:\n${lines.join('\n')}`,
    );
  }
  return packs;
}
