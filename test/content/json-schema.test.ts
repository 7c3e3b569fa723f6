import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { packJsonSchemaFile, renderPackJsonSchema } from '../../src/content/json-schema.ts';

describe('content/pack.schema.json', () => {
  it('is what the zod schema generates now (run `npm run content:schema`)', async () => {
    expect(await readFile(packJsonSchemaFile, 'utf8')).toBe(renderPackJsonSchema());
  });

  it('forbids unknown fields and leaves defaulted fields optional', () => {
    const schema = JSON.parse(renderPackJsonSchema());
    expect(schema.additionalProperties).toBe(false);
    const question = schema.properties.questions.items;
    expect(question.additionalProperties).toBe(false);
    expect(question.properties.framework.properties.points.items.additionalProperties).toBe(false);
    expect(question.required).not.toContain('references');
    expect(question.required).toContain('framework');
  });
});
