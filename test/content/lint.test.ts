import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintPacks } from '../../src/content/lint.ts';

const fixtures = fileURLToPath(new URL('../fixtures/packs/', import.meta.url));

async function lint(...dirs: string[]): Promise<{ code: number; text: string }> {
  let text = '';
  const code = await lintPacks(
    dirs.map((dir) => `${fixtures}${dir}`),
    { write: (chunk: string) => (text += chunk) },
  );
  return { code, text };
}

describe('lintPacks', () => {
  it('prints a summary per pack and exits 0 when all packs are valid', async () => {
    const { code, text } = await lint('valid');
    expect(code).toBe(0);
    expect(text).toContain(
      'fixture-valid (test/fixtures/packs/valid/fixture-valid.yaml): 1 question, difficulty 1:0 2:1 3:0, 2 key points, 5 rubric phrases',
    );
    expect(text).toContain('tags (2): ci-cd, least-privilege');
    expect(text).toMatch(/^1 pack, 1 question valid; 0 errors, 0 rubric warnings$/m);
  });

  it('prints every error with file, line, question and field, and exits 1', async () => {
    const { code, text } = await lint('valid', 'broken');
    expect(code).toBe(1);
    const errors = text.split('\n').filter((line) => line.startsWith('error: '));
    expect(errors).toHaveLength(7);
    expect(text).toContain(
      'error: test/fixtures/packs/broken/wrong-type.yaml:21:17: question "fixture-wrong-type-q", field difficulty: expected one of 1, 2, 3',
    );
    expect(text).toMatch(/2 packs, 2 questions valid; 7 errors/);
  });
});
