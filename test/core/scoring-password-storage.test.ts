/**
 * A whole drill on appsec-password-storage scored at once, as the reveal does: realistic
 * answers from eight members, with votes. The expected key points were checked by hand
 * against the pack's rubric; a rubric change that moves them should fail here.
 */
import { describe } from 'vitest';
import { answer, itScoresDrill, questionById } from './scoring-support.ts';

const question = questionById('appsec-password-storage');

const strong = `I'd never use a general-purpose hash for this. Use Argon2id, or bcrypt where the
platform lacks it: both are slow on purpose, so a stolen table costs an attacker years instead of
hours on a GPU rig. Every password gets its own random salt, which means two people with the same
password end up with different hashes and precomputed tables are useless. Pick the memory cost by
measuring on our login servers, aiming for a few hundred milliseconds, and keep the settings inside
the hash string so we can raise them later. For the old SHA-1 table I would not wait for people to
sign in: wrap every stored value now as Argon2id of the SHA-1, then rehash to plain Argon2id when
each user next logs in, and force a reset on accounts that stay dormant. On policy, follow NIST:
allow long passphrases, check new ones against breach corpora, and stop forcing rotation.`;

/** The strong answer with light edits: words swapped, a sentence moved, the opening dropped. */
const lightlyEditedCopy = `Use Argon2id, or bcrypt where the platform doesn't have it: both are slow
by design, so a stolen table costs an attacker years instead of hours on a GPU rig. Each password
gets its own random salt, meaning two people with the same password get different hashes and
precomputed tables are useless. For the old SHA-1 table I wouldn't wait for people to sign in: wrap
every stored value now as Argon2id of the SHA-1, then rehash to plain Argon2id when each user next
logs in, and force a reset on accounts that stay dormant. Pick the memory cost by measuring on our
login servers, aiming for a few hundred ms, and keep the settings in the hash string so we can
raise them later. Policy-wise, follow NIST: allow long passphrases, check new ones against breach
corpora, and stop forcing rotation.`;

const partial = `bcrypt, because it's built to be slow so brute forcing a leaked table takes
forever. The SHA-1 ones should be migrated when those users log in next time.`;

const mistake = `Hash them with SHA-256 with a salt: it's a secure hash and fast enough for our
login volume. The old SHA-1 rows just need the same treatment, adding the salt and hashing again.`;

const offTopic = `Honestly I'd move the whole login flow to our SSO provider and stop worrying
about it. The product team wants that anyway for the enterprise deals next quarter.`;

const bareTermList =
  'Argon2id, bcrypt, unique salt, rainbow tables, work factor, rehash, pepper, HIBP';

const questionPastedBack = `How should we store user passwords? And a legacy table still holds
unsalted SHA-1 hashes: what do you do about those?`;

const bulletPoints = `- Argon2id (bcrypt is fine too): slow on purpose, so cracking a dump costs real money
- A random salt for each user, so identical passwords never share a hash
- Benchmark the memory cost on our own hardware and keep it in the stored string
- SHA-1 table: wrap each hash in Argon2id today, rehash on the next login, reset the rest
- Pepper kept in the HSM, not in the database
- NIST 800-63B: allow passphrases, block breached ones, no forced rotation`;

const FULL = [
  'password-hashing-function',
  'unique-salt',
  'tuned-parameters',
  'legacy-migration',
  'password-policy',
];

describe('a drill on appsec-password-storage (6 key points)', () => {
  itScoresDrill(
    question,
    [
      {
        kind: 'strong, in other words: 5 of 6 key points is the full 3, plus a vote point',
        answer: answer('alice', 5, strong),
        expected: { covered: FULL, points: [1, 3, 1], total: 5, flags: [] },
      },
      {
        kind: 'partial: 2 of 6 key points, one upvote is below the threshold',
        answer: answer('bob', 12, partial),
        expected: {
          covered: ['password-hashing-function', 'legacy-migration'],
          points: [1, 1, 0],
          total: 2,
          flags: [],
        },
      },
      {
        kind: 'the common mistake: salted SHA-256 covers nothing',
        answer: answer('carol', 20, mistake),
        expected: {
          covered: [],
          points: [1, 0, 0],
          total: 1,
          flags: [],
          mistakeMarkers: ['salted SHA-256', 'SHA-256 with a salt', 'secure hash'],
        },
      },
      {
        kind: 'off-topic: participation only, no flag',
        answer: answer('dave', 31, offTopic),
        expected: { covered: [], points: [1, 0, 0], total: 1, flags: [] },
      },
      {
        kind: 'bare term list: the coverage is real but earns nothing, votes neither',
        answer: answer('erin', 44, bareTermList),
        expected: { covered: FULL, points: [1, 0, 0], total: 1, flags: ['bare-term-list'] },
      },
      {
        kind: "light edit of alice's answer: a copy, votes ignored",
        answer: answer('frank', 58, lightlyEditedCopy),
        expected: {
          covered: FULL,
          points: [1, 0, 0],
          total: 1,
          flags: ['copy'],
          copiedFrom: 'alice',
        },
      },
      {
        kind: 'the question pasted back',
        answer: answer('grace', 63, questionPastedBack),
        expected: { covered: [], points: [1, 0, 0], total: 1, flags: ['repeats-question'] },
      },
      {
        kind: 'strong bullet points with short explanations: not a term list',
        answer: answer('heidi', 90, bulletPoints),
        expected: {
          covered: [...FULL.slice(0, 4), 'pepper-pitfalls', 'password-policy'],
          points: [1, 3, 1],
          total: 5,
          flags: [],
        },
      },
    ],
    new Map([
      ['alice', 3],
      ['bob', 1],
      ['erin', 2],
      ['frank', 4],
      ['heidi', 2],
    ]),
  );
});
