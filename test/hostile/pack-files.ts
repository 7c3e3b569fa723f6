/**
 * Question packs carrying hostile text, written where the content loader reads them. The
 * pack is written as JSON, which is YAML too: every string, NUL and lone surrogates included,
 * reaches the loader through YAML's own `\u` escapes, exactly as a pack author could write it.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Catalog } from '../../src/content/catalog.ts';
import { formatPackError } from '../../src/content/pack-errors.ts';

/** Ordinary rubric phrases: hostile text in a rubric is a pack error of its own (no words). */
const RUBRIC = { a: ['least privilege'], b: ['audit log', 'logs', 'sandbox'] };

export interface PackText {
  /** Text for the pack-level fields: title, description, tips. */
  pack?: string;
  /** Text for the question-level fields: question, evaluates, lead, labels, details, mistake. */
  question?: string;
  /** A reference URL (stored with the question, shown nowhere). */
  url?: string;
}

/** A pack of one question, `hostile-<id>` / `hostile-q-<id>`, with `text` in its fields. */
export function hostilePack(id: string, text: PackText): Record<string, unknown> {
  const packText = text.pack ?? 'Hostile pack';
  const questionText = text.question ?? 'How do you secure an agent?';
  return {
    id: `hostile-${id}`,
    title: packText,
    description: packText,
    tips: { preparation: [packText], askTheInterviewer: [packText] },
    questions: [
      {
        id: `hostile-q-${id}`,
        question: questionText,
        evaluates: questionText,
        framework: {
          lead: questionText,
          points: [
            { id: 'a', label: questionText, detail: questionText, rubric: RUBRIC.a },
            { id: 'b', label: `${questionText} (2)`, detail: questionText, rubric: RUBRIC.b },
          ],
        },
        mistake: { text: questionText, markers: [] },
        difficulty: 1,
        tags: [`hostile-tag-${id}`],
        references: [{ id: 'REF-1', title: 'ref', ...(text.url ? { url: text.url } : {}) }],
      },
    ],
  };
}

/** A fresh folder holding one `<pack id>.yaml` per pack. */
export function writePackDir(packs: readonly Record<string, unknown>[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'drillbot-hostile-packs-'));
  for (const pack of packs) {
    writeFileSync(join(dir, `${String(pack.id)}.yaml`), JSON.stringify(pack, null, 1));
  }
  return dir;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
/** The loader's cap on a pack file (src/content/load.ts). */
const MAX_PACK_BYTES = 2_000_000;

/** The pack of one hostile row: its text in every pack and question text field. */
export function rowPack(row: { id: string; text: string }): Record<string, unknown> {
  return hostilePack(row.id, { pack: row.text, question: row.text });
}

/**
 * Whether the loader takes a row's pack, or the error it leaves the pack out with: text
 * the database cannot store, or a file over the size cap, is refused with a clear error.
 */
export function packRefusal(row: { id: string; text: string }): RegExp | undefined {
  if (row.text.includes('\u0000')) return /contains a NUL character .* remove it/;
  if (LONE_SURROGATE.test(row.text)) return /contains an unpaired surrogate/;
  const bytes = Buffer.byteLength(JSON.stringify(rowPack(row), null, 1));
  return bytes > MAX_PACK_BYTES ? /packs are limited to 2000000/ : undefined;
}

/**
 * A refused pack, on either platform: the catalog left `pack` out with the error `refusal`
 * expects, and choosing it got the admin `reply` naming it unknown.
 */
export function expectPackRefused(
  catalog: Catalog,
  pack: string,
  refusal: RegExp,
  reply: string,
): void {
  const errors = catalog.errors
    .filter((error) => error.file.endsWith(`${pack}.yaml`))
    .map((error) => formatPackError(error));
  expect(errors.join('\n')).toMatch(refusal);
  expect(reply).toMatch(/^Unknown pack "hostile-/);
}
