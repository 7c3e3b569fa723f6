import { describe, expect, it } from 'vitest';
import { canonicalJson, questionContentHash } from '../../src/content/content-hash.ts';
import { type Question, questionSchema } from '../../src/content/schema.ts';

const question: Question = questionSchema.parse({
  id: 'hash-q',
  question: 'Q?',
  evaluates: 'E.',
  framework: {
    lead: 'L.',
    points: [
      { id: 'a', label: 'A', detail: 'D', rubric: ['alpha'] },
      { id: 'b', label: 'B', detail: 'D', rubric: ['beta'] },
    ],
  },
  mistake: { text: 'M.' },
  difficulty: 1,
  tags: ['t'],
});

describe('questionContentHash', () => {
  it('ignores key order but not content', () => {
    const reordered = JSON.parse(canonicalJson(question)) as Question;
    expect(questionContentHash({ ...reordered })).toBe(questionContentHash(question));
    expect(canonicalJson({ b: 1, a: [2, { d: 3, c: 4 }] })).toBe('{"a":[2,{"c":4,"d":3}],"b":1}');
    const edited = { ...question, mistake: { ...question.mistake, text: 'M!' } };
    expect(questionContentHash(edited)).not.toBe(questionContentHash(question));
  });
});
