/**
 * The JSON Schema editors use to complete and check pack files (the first line of a pack is
 * `# yaml-language-server: $schema=./pack.schema.json`). Generated from the zod schema, so
 * the two never disagree; a test keeps the committed file current.
 */
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { packSchema } from './schema.ts';

export const packJsonSchemaFile: string = fileURLToPath(
  new URL('../../content/pack.schema.json', import.meta.url),
);

/** The file's exact text. `io: 'input'` describes what an author writes: defaulted fields
 * are optional. Strict objects come out with `additionalProperties: false`. */
export function renderPackJsonSchema(): string {
  const { $schema, ...schema } = z.toJSONSchema(packSchema, {
    io: 'input',
    target: 'draft-2020-12',
  });
  return `${JSON.stringify({ $schema, title: 'drillbot question pack', ...schema }, null, 2)}\n`;
}
