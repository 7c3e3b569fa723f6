/**
 * The question pack format. One YAML file per track in `content/`; this zod schema is the
 * single source of truth: the loader validates with it and `content/pack.schema.json`
 * (for editors) is generated from it.
 */
import { z } from 'zod';

/** Lower-case kebab-case: stable ids that survive in the database and in URLs. */
const slug = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'lower-case kebab-case, e.g. "prompt-injection"');

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Text the database can store. YAML's `"\0"` and `"\ud800"` escapes yield a NUL or an
 * unpaired surrogate, which Postgres refuses in `text` and `jsonb`: one such character in a
 * custom pack made storing the question snapshots fail, and with it the catalog load (start-up
 * and `/drill reload`) for every pack. Refused here instead, so the pack is left out with an
 * error naming the field, like any other invalid pack.
 */
function storable<T extends z.ZodType<string>>(schema: T): T {
  return schema
    .refine((text) => !text.includes('\u0000'), {
      message: 'contains a NUL character (a "\\0" escape), which cannot be stored: remove it',
    })
    .refine((text) => !LONE_SURROGATE.test(text), {
      message:
        'contains an unpaired surrogate (a lone "\\ud800" to "\\udfff" escape), which is not a character: remove it or write the whole character',
    });
}

const nonEmptyText = storable(z.string().trim().min(1, 'must not be empty'));

/**
 * A rubric phrase: one or more words that, found in an answer, show a key point was
 * covered. Words may appear in any order close together; spelling variants and small
 * typos are tolerated by the coverage function, but list real synonyms explicitly.
 */
const rubricPhrase = storable(z.string().trim().min(2, 'a phrase of at least two characters'));

export const referenceSchema = z
  .strictObject({
    /** A stable identifier: "OWASP LLM01:2025", "MITRE ATLAS AML.T0051", a paper title. */
    id: nonEmptyText,
    /** What the reference is about, in a few words. */
    title: nonEmptyText.optional(),
    /** Only where the address is certain; these machines cannot check links. */
    url: storable(z.url()).optional(),
  })
  .describe('A public reference backing the framework.');

export const keyPointSchema = z
  .strictObject({
    /** Stable within its question; scores and stats refer to it. */
    id: slug,
    /** Short name shown in the reveal and in stats, e.g. "Least privilege for tools". */
    label: nonEmptyText,
    /** One or two sentences a strong answer would say about this point. */
    detail: nonEmptyText,
    /** Words and phrases (with synonyms and common spellings) that show an answer covered it. */
    rubric: z.array(rubricPhrase).min(1, 'a key point needs at least one rubric phrase'),
  })
  .describe('One key point of the strong-answer framework, with the rubric that recognises it.');

export const questionSchema = z
  .strictObject({
    /** Stable and never reused, even after the question is retired. */
    id: slug,
    /** The question as an interviewer would ask it. */
    question: nonEmptyText,
    /** What the interviewer is probing with it. */
    evaluates: nonEmptyText,
    framework: z.strictObject({
      /** One or two sentences framing a strong answer. */
      lead: nonEmptyText,
      points: z.array(keyPointSchema).min(2, 'a framework needs at least two key points'),
    }),
    mistake: z.strictObject({
      /** The common mistake, as shown at the reveal. */
      text: nonEmptyText,
      /** Phrases that mark an answer as having fallen into it, where the mistake has a shape. */
      markers: z.array(rubricPhrase).default([]),
    }),
    difficulty: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    tags: z.array(slug).min(1, 'at least one tag'),
    references: z.array(referenceSchema).default([]),
  })
  .describe('One interview question.');

export const packSchema = z
  .strictObject({
    /** Editors' hint line is a YAML comment, so no $schema field is needed here. */
    id: slug,
    title: nonEmptyText,
    description: nonEmptyText,
    tips: z
      .strictObject({
        /** Preparation advice for the role. */
        preparation: z.array(nonEmptyText).default([]),
        /** Good questions for a candidate to ask the interviewer. */
        askTheInterviewer: z.array(nonEmptyText).default([]),
      })
      .optional(),
    questions: z.array(questionSchema).min(1, 'a pack needs at least one question'),
  })
  .describe('A drillbot question pack: one track of interview questions.');

export type Pack = z.infer<typeof packSchema>;
export type Question = z.infer<typeof questionSchema>;
export type KeyPoint = z.infer<typeof keyPointSchema>;
export type Reference = z.infer<typeof referenceSchema>;
