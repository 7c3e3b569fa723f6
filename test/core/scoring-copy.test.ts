/** The copy detector: shingles, Jaccard similarity, and who copied whom. */
import { describe, expect, it } from 'vitest';
import {
  COPY_MIN_SHINGLES,
  COPY_MIN_SIMILARITY,
  COPY_SHINGLE_SIZE,
  type CopyCandidate,
  findCopies,
  jaccard,
  shingles,
} from '../../src/core/scoring-copy.ts';
import { minutesIn } from './scoring-support.ts';

describe('shingles', () => {
  it('are runs of two content-word stems, grammar words and articles dropped', () => {
    expect(COPY_SHINGLE_SIZE).toBe(2);
    expect([...shingles('Rotating the keys is required, rotate them often!')]).toEqual([
      'rotat key',
      'key requir',
      'requir rotat',
      'rotat often',
    ]);
  });

  it('leave out the runs of the question, which everyone may quote', () => {
    const question = shingles('How do you rotate keys?');
    expect([...shingles('Rotate keys weekly', question)]).toEqual(['key weekli']);
  });

  it('are empty for one content word', () => {
    expect(shingles('bcrypt').size).toBe(0);
  });
});

describe('jaccard', () => {
  it('is shared / union, and 0 for two empty sets', () => {
    expect(jaccard(new Set(['a', 'b']), new Set(['a', 'b']))).toBe(1);
    expect(jaccard(new Set(['a', 'b', 'c']), new Set(['b', 'c', 'd']))).toBe(0.5);
    expect(jaccard(new Set(['a']), new Set(['b']))).toBe(0);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
});

/** A candidate whose shingles are the given numbers. */
function candidate(memberId: string, minute: number, items: readonly number[]): CopyCandidate {
  return { memberId, firstSentAt: minutesIn(minute), shingles: new Set(items.map(String)) };
}
const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, index) => from + index);

describe('findCopies', () => {
  it('uses the documented thresholds', () => {
    expect([COPY_MIN_SIMILARITY, COPY_MIN_SHINGLES]).toEqual([0.5, 6]);
  });

  it('flags the later of two near-duplicates and names the earlier author', () => {
    const found = findCopies([candidate('amy', 1, range(1, 8)), candidate('ben', 9, range(1, 8))]);
    expect(found).toEqual([undefined, { copiedFrom: 'amy', similarity: 1 }]);
  });

  it('flags exactly at the similarity threshold, not below it', () => {
    // 4 shared of 8 in the union: 0.5; 4 of 9: 0.44.
    const source = candidate('amy', 1, range(1, 6));
    expect(findCopies([source, candidate('ben', 2, [1, 2, 3, 4, 7, 8])])[1]).toEqual({
      copiedFrom: 'amy',
      similarity: 0.5,
    });
    expect(findCopies([source, candidate('ben', 2, [1, 2, 3, 4, 7, 8, 9])])[1]).toBeUndefined();
  });

  it('ignores answers below the minimum size, on either side', () => {
    expect(
      findCopies([candidate('amy', 1, range(1, 5)), candidate('ben', 2, range(1, 5))]),
    ).toEqual([undefined, undefined]);
    expect(
      findCopies([candidate('amy', 1, range(1, 5)), candidate('ben', 2, range(1, 6))]),
    ).toEqual([undefined, undefined]);
  });

  it('does not compare answers sent at the same instant, or a member with themselves', () => {
    expect(
      findCopies([candidate('amy', 3, range(1, 8)), candidate('ben', 3, range(1, 8))]),
    ).toEqual([undefined, undefined]);
    expect(
      findCopies([candidate('amy', 1, range(1, 8)), candidate('amy', 2, range(1, 8))]),
    ).toEqual([undefined, undefined]);
  });

  it('names the most similar earlier answer, and the earliest of equally similar ones', () => {
    const found = findCopies([
      candidate('far', 1, [...range(1, 6), 20, 21]),
      candidate('near', 2, range(1, 8)),
      candidate('twin', 3, range(1, 8)),
      candidate('copier', 4, range(1, 8)),
    ]);
    expect(found[3]).toEqual({ copiedFrom: 'near', similarity: 1 });
  });
});

describe('copies of real answers', () => {
  const original = `Revoke the key first, since bots scrape GitHub within minutes. Then pull CloudTrail
for everything that key ID did after the push, hunt for new IAM users or keys, rotate the secrets
it could read, and turn on push protection so it cannot happen again.`;

  const similarity = (text: string) => jaccard(shingles(original), shingles(text));

  it('still sees a copy after words are swapped and sentences moved', () => {
    const edited = `Then pull CloudTrail for everything that key ID did after the push, hunt for new
IAM users or access keys, rotate the secrets it could reach, and enable push protection so it can't
happen again. But revoke the key first, because bots scrape GitHub within minutes.`;
    expect(similarity(edited)).toBeGreaterThanOrEqual(COPY_MIN_SIMILARITY);
  });

  it('does not see a copy in an independent answer on the same steps', () => {
    const independent = `Disable the access key immediately and assume it was harvested. Check the
audit logs for what it touched, look for persistence like new users, issue the app a new
credential and add secret scanning to CI.`;
    expect(similarity(independent)).toBeLessThan(0.1);
  });
});
