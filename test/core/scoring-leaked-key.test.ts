/**
 * A whole drill on cloud-leaked-access-key scored at once, as the reveal does. The expected
 * key points were checked by hand against the pack's rubric.
 */
import { describe } from 'vitest';
import { answer, itScoresDrill, questionById } from './scoring-support.ts';

const question = questionById('cloud-leaked-access-key');

import {
  bareTermList,
  bulletPoints,
  lightlyEditedCopy,
  mistake,
  offTopic,
  partial,
  questionPastedBack,
  strong,
} from './fixtures/leaked-key-answers.ts';

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
