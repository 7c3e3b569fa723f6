/**
 * A whole drill on cloud-leaked-access-key scored at once, as the reveal does. The expected
 * key points were checked by hand against the pack's rubric.
 */
import { describe } from 'vitest';
import { answer, itScoresDrill, questionById } from './scoring-support.ts';

const question = questionById('cloud-leaked-access-key');

const strong = `First thing: kill the key. Deactivate it in IAM and revoke the sessions it already
minted, because forty minutes on a public repo is plenty; scrapers pick up keys in minutes, so I'd
treat it as used. Then I go to CloudTrail and pull every call made with that access key ID since the
push, looking at where the calls came from and what was listed or read. Next I look for anything
the attacker left behind: new IAM users or keys, changed role trust, instances spun up in regions
we never touch. Once that's clean, the service that owned the key gets a replacement credential, and
we rotate whatever secrets it could reach. It's an incident from minute one, with a ticket, the
owner on the call and legal looped in if data went out. Afterwards: push protection on the org and
OIDC for the pipeline so there's no long-lived key to leak.`;

/** The strong answer lightly edited: an opening changed, a few words swapped, one line cut. */
const lightlyEditedCopy = `Step one: kill the key. Deactivate it in IAM and revoke the sessions it
already minted, because forty minutes on a public repo is plenty; scrapers pick up keys within
minutes, so I'd treat it as used. Then go to CloudTrail and pull every call made with that access
key ID since the push, looking at where calls came from and what was listed or read. Next look for
anything the attacker left behind: new IAM users or keys, changed role trust, instances launched in
regions we never use. Once that's clean, the service that owned the key gets a replacement
credential, and we rotate whatever secrets it could reach. Afterwards: push protection on the org
and OIDC for the pipeline so there's no long-lived key to leak.`;

const partial = `Revoke the key straight away and then check the CloudTrail logs to see if anyone
used it while it was public.`;

const mistake = `Force push a commit that drops the file so it's out of the history, make the repo
private for now, and tell the developer to create a fresh key and update the app config.`;

const offTopic = `This is why we need better onboarding. New developers don't get any training on
git and nobody reviews their first pull requests, so of course things slip through.`;

const bareTermList = `deactivate, revoke, CloudTrail, persistence, cryptomining, rotate, secret
scanning, OIDC, legal`;

const questionPastedBack = `A developer pushed a cloud access key to a public GitHub repository
forty minutes ago. Walk me through what you do, in order.`;

const bulletPoints = `1. Disable the key right now, since bots harvest GitHub in minutes and it's
   probably been used already
2. Query CloudTrail for that key ID: which APIs it called, from which IPs, before and after the push
3. Hunt for what an attacker would leave: new users, new access keys, miners in odd regions
4. Give the app a replacement credential and rotate any secrets the key could read
5. Open an incident and loop in legal if customer data was touched
6. Turn on secret scanning with push protection so it can't happen again`;

const ALL = [
  'deactivate',
  'assume-compromised',
  'scope-audit-trail',
  'persistence-impact',
  'rotate-restore',
  'prevent-recurrence',
  'incident-process',
];

describe('a drill on cloud-leaked-access-key (7 key points)', () => {
  itScoresDrill(
    question,
    [
      {
        kind: 'strong, in other words: all 7 key points, plus a vote point at exactly 2 votes',
        answer: answer('ana', 2, strong),
        expected: { covered: ALL, points: [1, 3, 1], total: 5, flags: [] },
      },
      {
        kind: 'partial: 2 of 7 key points, with a vote point',
        answer: answer('ben', 6, partial),
        expected: {
          covered: ['deactivate', 'scope-audit-trail'],
          points: [1, 1, 1],
          total: 3,
          flags: [],
        },
      },
      {
        kind: 'the common mistake: force push and a private repo',
        answer: answer('chloe', 9, mistake),
        expected: {
          covered: [],
          points: [1, 0, 0],
          total: 1,
          flags: [],
          mistakeMarkers: ['make the repo private', 'force push'],
        },
      },
      {
        kind: 'off-topic',
        answer: answer('dmitri', 15, offTopic),
        expected: { covered: [], points: [1, 0, 0], total: 1, flags: [] },
      },
      {
        kind: 'bare term list over two lines',
        answer: answer('eve', 21, bareTermList),
        expected: {
          covered: ALL.filter((id) => id !== 'assume-compromised'),
          points: [1, 0, 0],
          total: 1,
          flags: ['bare-term-list'],
        },
      },
      {
        kind: "light edit of ana's answer, one sentence cut: a copy",
        answer: answer('farid', 26, lightlyEditedCopy),
        expected: {
          covered: ALL,
          points: [1, 0, 0],
          total: 1,
          flags: ['copy'],
          copiedFrom: 'ana',
        },
      },
      {
        kind: 'the question pasted back',
        answer: answer('gus', 33, questionPastedBack),
        expected: { covered: [], points: [1, 0, 0], total: 1, flags: ['repeats-question'] },
      },
      {
        kind: 'strong numbered steps with short reasons: not a term list; one vote is not enough',
        answer: answer('hana', 40, bulletPoints),
        expected: { covered: ALL, points: [1, 3, 0], total: 4, flags: [] },
      },
    ],
    new Map([
      ['ana', 2],
      ['ben', 5],
      ['farid', 3],
      ['hana', 1],
    ]),
  );
});
