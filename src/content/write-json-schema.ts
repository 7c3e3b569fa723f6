/** `npm run content:schema`: regenerates content/pack.schema.json from the zod schema. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { packJsonSchemaFile, renderPackJsonSchema } from './json-schema.ts';

await writeFile(packJsonSchemaFile, renderPackJsonSchema());
process.stdout.write(`wrote ${path.relative(process.cwd(), packJsonSchemaFile)}\n`);
