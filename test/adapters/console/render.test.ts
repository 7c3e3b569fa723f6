/**
 * Terminal rendering: every block type, every place (channel, thread, private), the framed
 * question card and reveal, errors, times in a named zone, mentions as @name. Exact text
 * with colour off; ANSI escapes only with colour on.
 */
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { type Placement, renderMessage, renderNote } from '../../../adapters/console/render.ts';
import { formatTime } from '../../../adapters/console/time.ts';
import { type Question, questionSchema } from '../../../src/content/schema.ts';
import { questionCard, revealCard } from '../../../src/core/cards.ts';
import {
  type Block,
  context,
  heading,
  type Message,
  notice,
  paragraph,
  text,
} from '../../../src/core/messages.ts';

const ESC = '\u001b[';
const CHANNEL: Placement = { in: 'channel' };
const plain = { color: false };

const one = (block: Block): Message => ({ kind: 'notice', blocks: [block] });
const render = (message: Message, placement: Placement = CHANNEL) =>
  renderMessage(message, placement, plain);

const QUESTION: Question = questionSchema.parse({
  id: 'secret-in-git',
  question: 'A secret was pushed to a public repo. What do you do?',
  evaluates: 'Incident triage order',
  framework: {
    lead: 'Rotate first, then clean up.',
    points: [
      { id: 'rotate', label: 'Rotate', detail: 'Revoke the secret now.', rubric: ['rotate'] },
      { id: 'audit', label: 'Audit use', detail: 'Check the logs for use.', rubric: ['logs'] },
    ],
  },
  mistake: { text: 'Only rewriting history.', markers: ['force push'] },
  difficulty: 2,
  tags: ['secrets', 'git'],
});

describe('blocks, colour off', () => {
  it.each<[string, Block, string]>([
    ['heading', heading('Daily drill'), 'drillbot: Daily drill'],
    [
      'paragraph with styles',
      paragraph(
        text('a '),
        text('bold', 'bold'),
        text(' '),
        text('it', 'italic'),
        text(' '),
        text('x()', 'code'),
      ),
      'drillbot: a bold it x()',
    ],
    ['paragraph over two lines', paragraph(text('one\ntwo')), 'drillbot: one\n  two'],
    ['context', context(text('small print')), 'drillbot: small print'],
    [
      'bullets',
      { type: 'bullets', items: [[text('first')], [text('second\nmore')]] },
      'drillbot: • first\n  • second\n    more',
    ],
    ['quote', { type: 'quote', spans: [text('line 1\nline 2')] }, 'drillbot: > line 1\n  > line 2'],
    ['divider', { type: 'divider' }, `drillbot: ${'─'.repeat(48)}`],
    [
      'actions',
      {
        type: 'actions',
        buttons: [
          { id: 'drill-answer', label: 'Answer privately', value: '7' },
          { id: 'practice-answer', label: 'Answer', value: 'p1' },
          { id: 'other', label: 'Open' },
        ],
      },
      'drillbot: [Answer privately: /drill answer <your answer>]  ' +
        '[Answer: type your answer on the next line]  [Open]',
    ],
    [
      'member and ping spans as @name',
      paragraph({ ping: 'security-team' }, text(' and '), { member: 'console:alice' }, text(', '), {
        member: 'console:bob',
        name: 'Bob B',
      }),
      'drillbot: @security-team and @alice, @Bob B',
    ],
    [
      'member text without control characters',
      paragraph(text('evil\u001b[2J\u0007 text\tok\r')),
      'drillbot: evil[2J text\tok',
    ],
  ])('%s', (_name, block, expected) => {
    expect(render(one(block))).toBe(expected);
  });

  it('shows a time in the span’s zone, named, with seconds only when set', () => {
    const at = new Date('2026-03-03T08:02:00Z');
    const message = one(paragraph(text('closes '), { time: at, zone: 'Europe/Berlin' }));
    expect(render(message)).toBe('drillbot: closes Tue 2026-03-03 09:02 Europe/Berlin');
    expect(renderMessage(message, CHANNEL, { color: false, zone: 'UTC' })).toBe(
      'drillbot: closes Tue 2026-03-03 08:02 UTC',
    );
    expect(formatTime(new Date('2026-03-03T23:59:07Z'), 'UTC')).toBe('Tue 2026-03-03 23:59:07 UTC');
    expect(formatTime(new Date('2026-03-04T00:00:00Z'), 'UTC')).toBe('Wed 2026-03-04 00:00 UTC');
    expect(formatTime(at, 'Not/AZone')).toBe('Tue 2026-03-03 08:02 UTC');
  });
});

describe('places and kinds, colour off', () => {
  const two = notice('notice', text('first\nsecond'));

  it('marks a thread reply with an indented arrow', () => {
    expect(render(two, { in: 'thread' })).toBe('  ↳ drillbot: first\n      second');
  });

  it('labels a private message with who sees it', () => {
    expect(render(two, { in: 'private' })).toBe('(only you see this) first\n  second');
    expect(render(two, { in: 'private', to: 'alice' })).toBe(
      '(only @alice sees this) first\n  second',
    );
  });

  it('marks errors', () => {
    const error = notice('error', text('Only admins can run /drill now.'));
    expect(render(error)).toBe('drillbot: ✖ Only admins can run /drill now.');
    expect(render(error, { in: 'private' })).toBe(
      '(only you see this) ✖ Only admins can run /drill now.',
    );
  });

  it('marks an edited message', () => {
    expect(renderMessage(two, CHANNEL, { color: false, edited: true })).toBe(
      'drillbot (edited): first\n  second',
    );
  });

  it('frames the question card', () => {
    const card = questionCard({
      packTitle: 'Cloud security',
      question: QUESTION,
      closesAt: new Date('2026-03-02T09:02:30Z'),
      zone: 'UTC',
      mode: 'thread',
      ping: 'sec',
      drillId: 7,
    });
    expect(render(card)).toBe(
      [
        `╭─ drillbot · question ${'─'.repeat(25)}`,
        '│ @sec today’s drill is up.',
        '│ Daily drill · Cloud security',
        '│ A secret was pushed to a public repo. What do you do?',
        '│ Difficulty: solid · tags: secrets, git · closes Mon 2026-03-02 09:02:30 UTC',
        '│ Answer in this thread: all your replies before the close count as one answer, and you can edit them.',
        `╰${'─'.repeat(47)}`,
      ].join('\n'),
    );
  });

  it('frames the reveal with a double line, indented when in the thread', () => {
    const scored = (covered: string[], points: number) => ({
      covered,
      ratio: covered.length / 2,
      fellIntoMistake: false,
      points,
      votes: 0,
      flags: [],
    });
    const reveal = revealCard({
      question: QUESTION,
      mode: 'thread',
      answers: [
        {
          memberId: 'console:alice',
          name: 'alice',
          text: 'rotate',
          ...scored(['rotate'], 2),
          lateReplies: 0,
        },
        {
          memberId: 'console:bob',
          name: 'bob',
          text: 'rotate, logs',
          ...scored(['rotate', 'audit'], 4),
          lateReplies: 1,
        },
      ],
    });
    expect(render(reveal, { in: 'thread' })).toBe(
      [
        `  ↳ ╔═ drillbot · reveal ${'═'.repeat(27)}`,
        '    ║ Reveal: what a strong answer covers',
        '    ║ Rotate first, then clean up.',
        '    ║ • Rotate — Revoke the secret now. (2/2 answers)',
        '    ║ • Audit use — Check the logs for use. (1/2 answers)',
        '    ║ Common mistake: Only rewriting history. (0 of 2 answers fell into it)',
        '    ║ Best answers: @bob (2/2 key points), @alice (1/2 key points)',
        '    ║ Answered (2): @bob 4 pts · @alice 2 pts',
        '    ║ Late, kept but not scored: @bob',
        `    ╚${'═'.repeat(47)}`,
      ].join('\n'),
    );
  });

  it('puts the private marker on its own line above a framed card', () => {
    const card: Message = { kind: 'question', blocks: [paragraph(text('Q?'))] };
    expect(render(card, { in: 'private', to: 'bob' })).toBe(
      [
        '(only @bob sees this)',
        `╭─ drillbot · question ${'─'.repeat(25)}`,
        '│ Q?',
        `╰${'─'.repeat(47)}`,
      ].join('\n'),
    );
  });

  it('renders local notes', () => {
    expect(renderNote('no open drill yet', 'hint', false)).toBe('· no open drill yet');
    expect(renderNote('@bob replied', 'receipt', false)).toBe('  ↳ @bob replied');
    expect(renderNote('bad', 'error', false)).toBe('✖ bad');
  });
});

describe('colour on', () => {
  const colour = { color: true };
  const strip = stripVTControlCharacters;

  it.each<[string, Message, Placement]>([
    [
      'a channel notice',
      notice('notice', text('hello ', 'bold'), { member: 'console:a' }),
      CHANNEL,
    ],
    ['a thread reply', notice('reminder', text('closes soon')), { in: 'thread' }],
    ['a private message', notice('help', text('help text')), { in: 'private' }],
    ['an error', notice('error', text('nope')), CHANNEL],
    [
      'a question card',
      { kind: 'question', blocks: [heading('Q'), context(text('small'))] },
      CHANNEL,
    ],
    [
      'a reveal',
      { kind: 'reveal', blocks: [paragraph({ time: new Date(0), zone: 'UTC' })] },
      CHANNEL,
    ],
  ])('colours %s, and the text is the plain text underneath', (_name, message, placement) => {
    const coloured = renderMessage(message, placement, colour);
    expect(coloured).toContain(ESC);
    expect(strip(coloured)).toBe(renderMessage(message, placement, plain));
  });

  it('styles each line on its own, so no escape code runs into the next line’s prefix', () => {
    const coloured = renderMessage(
      notice('notice', text('a\nb', 'bold')),
      { in: 'thread' },
      colour,
    );
    expect(coloured.split('\n')[1]).toBe(`      ${ESC}1mb${ESC}22m`);
  });

  it('colours notes', () => {
    expect(renderNote('x', 'error', true)).toContain(ESC);
    expect(renderNote('x', 'hint', true)).toContain(ESC);
  });
});
