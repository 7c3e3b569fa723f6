import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  type LoadedPacks,
  loadPacks,
  loadPacksOrThrow,
  type PackError,
  parsePackFile,
} from '../../src/content/load.ts';
import { formatPackError } from '../../src/content/pack-errors.ts';
import { isDrillError } from '../../src/core/errors.ts';

const fixtures = fileURLToPath(new URL('../fixtures/packs/', import.meta.url));
const broken = path.join(fixtures, 'broken');
const valid = path.join(fixtures, 'valid');

function errorsFor(result: LoadedPacks, file: string): PackError[] {
  return result.errors.filter((error) => path.basename(error.file) === file);
}

describe('loadPacks on broken fixture packs', () => {
  it('collects the errors of every file instead of stopping at the first', async () => {
    const result = await loadPacks([broken]);
    const files = new Set(result.errors.map((error) => path.basename(error.file)));
    expect([...files].sort()).toEqual([
      'bad-yaml.yaml',
      'duplicate-b.yaml',
      'empty-rubric.yaml',
      'unknown-field.yaml',
      'wrong-type.yaml',
    ]);
    // Only the first of the two duplicate files is valid on its own terms.
    expect(result.packs.map(({ file }) => path.basename(file))).toEqual(['duplicate-a.yaml']);
  });

  it('reports bad YAML with the line the parser names', async () => {
    const [error, ...rest] = errorsFor(await loadPacks([broken]), 'bad-yaml.yaml');
    expect(rest).toEqual([]);
    expect(error).toMatchObject({ line: 7, column: 5, message: 'YAML: Map keys must be unique' });
    expect(formatPackError(error as PackError, fixtures)).toBe(
      'broken/bad-yaml.yaml:7:5: YAML: Map keys must be unique',
    );
  });

  it('reports an unknown field with its question, line and a suggestion', async () => {
    const errors = errorsFor(await loadPacks([broken]), 'unknown-field.yaml');
    expect(errors).toEqual([
      expect.objectContaining({
        line: 23,
        questionId: 'fixture-unknown-field-q',
        field: 'refrences',
        message: 'unknown field "refrences" (did you mean "references"?)',
      }),
    ]);
    expect(formatPackError(errors[0] as PackError, fixtures)).toBe(
      'broken/unknown-field.yaml:23:5: question "fixture-unknown-field-q", field refrences: ' +
        'unknown field "refrences" (did you mean "references"?)',
    );
  });

  it('reports wrong types naming question, key point, field and what was expected', async () => {
    const errors = errorsFor(await loadPacks([broken]), 'wrong-type.yaml');
    expect(errors).toEqual([
      expect.objectContaining({
        line: 14,
        questionId: 'fixture-wrong-type-q',
        keyPointId: 'first',
        field: 'framework.points[0].rubric[1]',
        message: 'expected string, received number',
      }),
      expect.objectContaining({
        line: 21,
        questionId: 'fixture-wrong-type-q',
        field: 'difficulty',
        message: 'expected one of 1, 2, 3',
      }),
    ]);
  });

  it('rejects an empty rubric', async () => {
    const errors = errorsFor(await loadPacks([broken]), 'empty-rubric.yaml');
    expect(errors).toEqual([
      expect.objectContaining({
        line: 18,
        questionId: 'fixture-empty-rubric-q',
        keyPointId: 'unrecognisable',
        field: 'framework.points[1].rubric',
        message: 'a key point needs at least one rubric phrase',
      }),
    ]);
  });

  it('rejects a duplicate pack id and a duplicate question id, naming the first file', async () => {
    const errors = errorsFor(await loadPacks([broken]), 'duplicate-b.yaml');
    expect(errors.map(({ line, field, questionId }) => ({ line, field, questionId }))).toEqual([
      { line: 1, field: 'id', questionId: undefined },
      { line: 5, field: 'id', questionId: 'fixture-duplicate-q' },
    ]);
    for (const error of errors) expect(error.message).toContain('duplicate-a.yaml');
  });

  it('throws one PACK_INVALID error listing every problem', async () => {
    const failure = await loadPacksOrThrow([broken]).catch((error: unknown) => error);
    expect(isDrillError(failure, 'PACK_INVALID')).toBe(true);
    const message = (failure as Error).message;
    expect(message).toMatch(/^7 problems in question packs:/);
    for (const file of ['bad-yaml', 'unknown-field', 'wrong-type', 'empty-rubric', 'duplicate-b']) {
      expect(message).toContain(`${file}.yaml`);
    }
  });

  it('reports a missing folder rather than treating it as empty', async () => {
    const missing = path.join(fixtures, 'no-such-folder');
    const { errors } = await loadPacks([valid, missing]);
    expect(errors).toEqual([{ file: missing, message: 'pack folder not found' }]);
  });
});

describe('loadPacks on valid packs', () => {
  it('loads packs with defaults applied and a content hash per question', async () => {
    const { packs, errors } = await loadPacks([valid, valid]);
    expect(errors).toEqual([]);
    expect(packs).toHaveLength(1);
    const [loaded] = packs;
    expect(loaded?.pack.questions[0]?.references).toEqual([]);
    expect(loaded?.contentHashes.get('fixture-least-privilege')).toMatch(/^[0-9a-f]{64}$/);
  });
});

const minimalPack = (questionExtra: string) => `id: inline
title: Inline
description: Parsed from a string.
questions:
  - id: inline-q
    question: Q?
    evaluates: E.
    framework:
      lead: L.
      points:
        - { id: a, label: A, detail: alpha point, rubric: [alpha point] }
        - { id: b, label: B, detail: beta point, rubric: [beta point] }
    mistake: { text: M. }
    difficulty: 1
    tags: [t]
${questionExtra}`;

describe('parsePackFile', () => {
  it('accepts the minimal pack', () => {
    expect(parsePackFile('inline.yaml', minimalPack('')).errors).toEqual([]);
  });

  // Kept inline: a committed file with a syntax error would break `biome check .`.
  it('reports a YAML syntax error with its line', () => {
    const source = minimalPack('').replace('    evaluates: E.', '   evaluates: E.');
    const { pack, errors } = parsePackFile('inline.yaml', source);
    expect(pack).toBeUndefined();
    // The parser reports follow-on errors too; the first names the broken line.
    expect(errors[0]).toEqual({
      file: 'inline.yaml',
      line: 7,
      column: 1,
      message: 'YAML: Sequence item without - indicator',
    });
  });

  it('refuses custom tags: YAML is data only', () => {
    const source = minimalPack('    references: [{ id: !!js/function "function () {}" }]\n');
    const { pack, errors } = parsePackFile('inline.yaml', source);
    expect(pack).toBeUndefined();
    expect(errors[0]?.message).toMatch(/Unresolved tag/);
    expect(errors[0]?.line).toBe(16);
  });

  it('refuses an alias expansion bomb', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const { errors } = parsePackFile('bomb.yaml', bomb);
    expect(errors).toEqual([
      { file: 'bomb.yaml', message: expect.stringMatching(/^YAML: Excessive alias count/) },
    ]);
  });

  it('rejects duplicate key point ids and phrases with nothing to match', () => {
    const source = minimalPack('')
      .replace('{ id: b, label: B', '{ id: a, label: B')
      .replace('[beta point]', '["--"]');
    const { errors } = parsePackFile('inline.yaml', source);
    expect(errors.map(({ field, message }) => ({ field, message }))).toEqual([
      {
        field: 'framework.points[1].id',
        message: 'key point id "a" is used twice in this question',
      },
      {
        field: 'framework.points[1].rubric[0]',
        message: 'rubric phrase "--" has no words to match',
      },
    ]);
  });

  it('gives the line of a missing required field’s parent', () => {
    const { errors } = parsePackFile(
      'inline.yaml',
      minimalPack('').replace('    evaluates: E.\n', ''),
    );
    expect(errors).toEqual([
      expect.objectContaining({
        line: 5,
        questionId: 'inline-q',
        field: 'evaluates',
        message: 'required field is missing (expected string)',
      }),
    ]);
  });
});
