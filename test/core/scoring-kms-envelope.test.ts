/**
 * A drill on cloud-kms-envelope-encryption, whose question names five of its own seven key
 * points ("envelope encryption", "decrypt", "BYOK", "HYOK", "provider-managed"): pasting it
 * back would earn 2 coverage points if the repeat were not caught. Quoting it before a real
 * answer is fine.
 */
import { describe } from 'vitest';
import { answer, itScoresDrill, questionById } from './scoring-support.ts';

const question = questionById('cloud-kms-envelope-encryption');

const SELF_COVERED = ['envelope', 'key-policy', 'byok', 'hyok', 'threat-model'];

const strong = `KMS hands you a fresh data key per object; you encrypt locally, throw the plaintext
copy away and store the wrapped copy next to the ciphertext, while the root key stays in the HSM.
So reading data comes down to who may call Decrypt: the key policy and grants decide, with an
encryption context pinning each use, and key admins kept apart from key users. Every call lands in
CloudTrail, and per-tenant keys let you crypto-shred one customer. Rotation only gives new material
for new writes, it doesn't re-encrypt what's there. Importing your own material buys escrow and
the right to delete it, not much more; an external key store lets you refuse decrypts, at the
price of availability coupling. I'd only push for that where sovereignty rules demand it.`;

const questionPastedBack = `How does envelope encryption with a cloud KMS work, who can decrypt
what, and when would you push for BYOK or HYOK instead of provider-managed keys?`;

const questionQuotedThenAnswered = `> How does envelope encryption with a cloud KMS work, who can
decrypt what, and when would you push for BYOK or HYOK instead of provider-managed keys?
The KMS key never leaves the HSM and only wraps per-object data keys. Whoever the key policy lets
call Decrypt can read the data. I'd want BYOK only for escrow, HYOK only for sovereignty.`;

const questionWithAShrug = `How does envelope encryption with a cloud KMS work, who can decrypt
what, and when would you push for BYOK or HYOK instead of provider-managed keys? Good one, no idea.`;

const bareTermList = `envelope encryption
DEK
KEK
key policy
CloudTrail
automatic rotation
BYOK
HYOK`;

describe('a drill on cloud-kms-envelope-encryption (7 key points)', () => {
  itScoresDrill(
    question,
    [
      {
        kind: 'strong, in other words: all 7 key points',
        answer: answer('ada', 4, strong),
        expected: {
          covered: [
            'envelope',
            'key-policy',
            'audit-blast-radius',
            'rotation',
            'byok',
            'hyok',
            'threat-model',
          ],
          points: [1, 3, 0],
          total: 4,
          flags: [],
        },
      },
      {
        kind: 'the question pasted back: 5 key points "covered", none earned',
        answer: answer('bo', 7, questionPastedBack),
        expected: {
          covered: SELF_COVERED,
          points: [1, 0, 0],
          total: 1,
          flags: ['repeats-question'],
        },
      },
      {
        kind: 'the question quoted, then answered in three sentences: not a repeat',
        answer: answer('cy', 11, questionQuotedThenAnswered),
        expected: { covered: SELF_COVERED, points: [1, 2, 1], total: 4, flags: [] },
      },
      {
        kind: 'the question with a shrug: a repeat',
        answer: answer('di', 16, questionWithAShrug),
        expected: {
          covered: SELF_COVERED,
          points: [1, 0, 0],
          total: 1,
          flags: ['repeats-question'],
        },
      },
      {
        kind: 'bare term list, one term a line',
        answer: answer('ed', 19, bareTermList),
        expected: {
          covered: ['envelope', 'key-policy', 'rotation', 'byok', 'hyok'],
          points: [1, 0, 0],
          total: 1,
          flags: ['bare-term-list'],
        },
      },
    ],
    new Map([
      ['ada', 1],
      ['bo', 2],
      ['cy', 2],
      ['di', 3],
    ]),
  );
});
