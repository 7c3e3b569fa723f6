/**
 * Slack rendering: every block type as exact Block Kit, the escaping rules, splitting to
 * Slack's limits without losing text, the text fallback, hostile member text that must ping,
 * link and format nothing, and the core's real question and reveal cards.
 */
import type { KnownBlock } from '@slack/types';
import { describe, expect, it } from 'vitest';
import {
  renderSlackMessage,
  SLACK_LIMITS,
  type SlackBlock,
  type SlackPayload,
} from '../../../adapters/slack/render.ts';
import { escapeMrkdwn } from '../../../adapters/slack/render-escape.ts';
import { type Question, questionSchema } from '../../../src/content/schema.ts';
import { questionCard, type RevealedAnswer, revealCard } from '../../../src/core/cards.ts';
import {
  type Block,
  context,
  heading,
  type Message,
  paragraph,
  type Span,
  text,
} from '../../../src/core/messages.ts';

const one = (block: Block): Message => ({ kind: 'notice', blocks: [block] });
const render = (message: Message, maxBlocks?: number): SlackPayload[] =>
  checked(renderSlackMessage(message, maxBlocks === undefined ? {} : { maxBlocks }));
const blocksOf = (message: Message): SlackBlock[] => render(message).flatMap((p) => p.blocks);
const onlyBlock = (message: Message): SlackBlock => {
  const blocks = blocksOf(message);
  expect(blocks).toHaveLength(1);
  const [block] = blocks;
  if (!block) throw new Error('no block');
  return block;
};
const section = (mrkdwn: string): SlackBlock => ({
  type: 'section',
  text: { type: 'mrkdwn', text: mrkdwn, verbatim: true },
});

/** The text of every text object in a block, in order. */
function blockTexts(block: SlackBlock): string[] {
  switch (block.type) {
    case 'header':
    case 'section':
      return [block.text.text];
    case 'context':
      return block.elements.map((element) => element.text);
    case 'actions':
      return block.elements.map((button) => button.text.text);
    default:
      return [];
  }
}

const sectionTexts = (payloads: SlackPayload[]): string[] =>
  payloads.flatMap((p) => p.blocks).flatMap((b) => (b.type === 'section' ? [b.text.text] : []));

/** Fails the test unless every payload keeps within Slack's documented limits. */
function checked(payloads: SlackPayload[]): SlackPayload[] {
  for (const payload of payloads) {
    // Compile-time: Slack's own types accept every block.
    const known: KnownBlock[] = payload.blocks;
    expect(known.length).toBeGreaterThan(0);
    expect(payload.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocks);
    expect(payload.text.trim()).not.toBe('');
    expect(payload.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallback);
    for (const block of payload.blocks) {
      if (block.type === 'header') expect(block.text.text.length).toBeLessThanOrEqual(150);
      if (block.type === 'section') expect(block.text.verbatim).toBe(true);
      if (block.type === 'context') {
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(10);
        for (const element of block.elements) expect(element.verbatim).toBe(true);
      }
      if (block.type === 'actions') {
        expect(block.elements.length).toBeGreaterThan(0);
        expect(block.elements.length).toBeLessThanOrEqual(25);
        for (const button of block.elements) {
          expect(button.text.text.length).toBeLessThanOrEqual(75);
          expect(button.action_id.length).toBeLessThanOrEqual(255);
          expect((button.value ?? '').length).toBeLessThanOrEqual(2000);
        }
      }
      for (const value of blockTexts(block)) {
        expect(value.trim()).not.toBe('');
        expect(value.length).toBeLessThanOrEqual(SLACK_LIMITS.text);
      }
    }
  }
  return payloads;
}

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

const CLOSES = new Date('2026-03-03T09:00:00Z');
const DATE = '<!date^1772528400^{date_short_pretty} {time}|Tue 3 Mar 09:00 UTC>';

describe('block types', () => {
  it('heading -> header, plain_text, escaped, on one line', () => {
    expect(onlyBlock(one(heading('Daily drill · Q&A <b>\nsecond line')))).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: 'Daily drill · Q&amp;A &lt;b&gt; second line',
        emoji: true,
      },
    });
  });

  it('a heading over 150 characters is cut at a word, and goes on in a bold section', () => {
    const long = `${'word '.repeat(40)}end`;
    const [header, rest] = blocksOf(one(heading(long)));
    expect(header).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: `${'word '.repeat(28)}word…`, emoji: true },
    });
    expect(rest).toEqual(section(`*…${'word '.repeat(11)}end*`));
  });

  it('paragraph -> section with bold, italic and code, edge spaces outside the markers', () => {
    const block = paragraph(
      text('Nobody covered: ', 'bold'),
      text('a'),
      text(' it ', 'italic'),
      text('x()', 'code'),
      text(' two\nlines', 'bold'),
    );
    expect(onlyBlock(one(block))).toEqual(section('*Nobody covered:* a _it_ `x()` *two*\n*lines*'));
  });

  it('code over several lines becomes one preformatted block, indentation kept', () => {
    const json = '{\n  "snake_case": "*x* ~y~ `z`"\n}';
    expect(onlyBlock(one(paragraph(text(json, 'code'))))).toEqual(
      section('```{\n  "snake_case": "*x* ~y~ ˋzˋ"\n}```'),
    );
  });

  it('bullets -> one section of • lines, later lines of an item indented', () => {
    const block: Block = {
      type: 'bullets',
      items: [[text('Rotate', 'bold'), text(' — now')], [text('two\nlines')]],
    };
    expect(onlyBlock(one(block))).toEqual(section('• *Rotate* — now\n• two\n   lines'));
  });

  it('quote -> section with every line behind >', () => {
    const block: Block = { type: 'quote', spans: [text('first\nsecond')] };
    expect(onlyBlock(one(block))).toEqual(section('> first\n> second'));
  });

  it('context -> context block with one mrkdwn element', () => {
    expect(onlyBlock(one(context(text('closes '), { time: CLOSES, zone: 'UTC' })))).toEqual({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `closes ${DATE}`, verbatim: true }],
    });
  });

  it('divider -> divider', () => {
    const [payload] = render({ kind: 'notice', blocks: [heading('a'), { type: 'divider' }] });
    expect(payload?.blocks[1]).toEqual({ type: 'divider' });
  });

  it('actions -> buttons with action_id and value; no value when there is none', () => {
    const block: Block = {
      type: 'actions',
      buttons: [
        { id: 'drill-answer', label: 'Answer privately', value: '7' },
        { id: 'skip', label: 'Skip' },
      ],
    };
    expect(onlyBlock(one(block))).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Answer privately', emoji: true },
          action_id: 'drill-answer',
          value: '7',
        },
        {
          type: 'button',
          text: { type: 'plain_text', text: 'Skip', emoji: true },
          action_id: 'skip',
        },
      ],
    });
  });

  it('more than 25 buttons take several actions blocks; labels are cut at 75', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ id: `b${i}`, label: 'x'.repeat(80) }));
    const blocks = blocksOf(one({ type: 'actions', buttons }));
    expect(blocks.map((b) => (b.type === 'actions' ? b.elements.length : 0))).toEqual([25, 5]);
    expect(blockTexts(blocks[0] as SlackBlock)[0]).toBe(`${'x'.repeat(74)}…`);
  });

  it('refuses buttons Slack would refuse, naming the id', () => {
    const bad = (buttons: { id: string; label: string; value?: string }[]) => () =>
      renderSlackMessage(one({ type: 'actions', buttons }));
    expect(bad([{ id: 'a', label: 'A', value: 'v'.repeat(2001) }])).toThrow(/"a".*2000/);
    expect(bad([{ id: 'a'.repeat(256), label: 'A' }])).toThrow(/1 to 255/);
    expect(bad([{ id: '', label: 'A' }])).toThrow(/1 to 255/);
    expect(
      bad([
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ]),
    ).toThrow(/"a" is used twice/);
    expect(bad([{ id: 'a', label: 'A', value: 'v'.repeat(2000) }])).not.toThrow();
  });

  it('a message with nothing to show renders as no payload', () => {
    expect(renderSlackMessage({ kind: 'notice', blocks: [] })).toEqual([]);
    expect(renderSlackMessage(one(paragraph(text('\u0000 \n '))))).toEqual([]);
  });
});

describe('spans', () => {
  const rendered = (span: Span): string => {
    const block = onlyBlock(one(paragraph(span)));
    return block.type === 'section' ? block.text.text : '';
  };

  it.each<[string, Date, string, string]>([
    ['UTC', CLOSES, 'UTC', DATE],
    [
      'the channel zone, named',
      CLOSES,
      'Europe/Paris',
      '<!date^1772528400^{date_short_pretty} {time}|Tue 3 Mar 10:00 Europe/Paris>',
    ],
    [
      'UTC for an unknown zone',
      new Date('2026-03-03T00:00:59Z'),
      'Not/AZone',
      '<!date^1772496059^{date_short_pretty} {time}|Tue 3 Mar 00:00 UTC>',
    ],
  ])('time in %s', (_name, time, zone, expected) => {
    expect(rendered({ time, zone })).toBe(expected);
  });

  it.each<[string, Span, string]>([
    ['a Slack member as a mention', { member: 'slack:U0123ABC', name: 'alice' }, '<@U0123ABC>'],
    ['a Slack workspace user', { member: 'slack:W0123ABC' }, '<@W0123ABC>'],
    ['another platform by name', { member: 'discord:42', name: 'bob' }, '@bob'],
    ['a malformed Slack id by name', { member: 'slack:u01', name: '<!here>' }, '@&lt;!here&gt;'],
    ['an id without a name', { member: 'console:carol' }, '@carol'],
    ['a name that is a broadcast', { member: 'discord:42', name: 'here' }, '@\u2060here'],
  ])('member: %s', (_name, span, expected) => {
    expect(rendered(span)).toBe(expected);
  });

  it.each<[string, string]>([
    ['<!subteam^S0123ABC>', '<!subteam^S0123ABC>'],
    ['<!subteam^S0123ABC|@security-team>', '<!subteam^S0123ABC>'],
    ['<!here>', '<!here>'],
    ['<!here|here>', '<!here>'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!everyone>', '&lt;!everyone&gt;'],
    ['<@U0123ABC>', '&lt;@U0123ABC&gt;'],
    ['@security-team', '@security-team'],
    ['@here', '@\u2060here'],
    ['<!subteam^s0123>', '&lt;!subteam^s0123&gt;'],
    ['<!subteam^S0123> <!channel>', '&lt;!subteam^S0123&gt; &lt;!channel&gt;'],
    ['<!subteam^S0123|<!channel>>', '&lt;!subteam^S0123|&lt;!channel&gt;&gt;'],
    ['<!subteam^S0123|a|b>', '&lt;!subteam^S0123|a|b&gt;'],
    ['<https://evil|ok>', '&lt;https://evil|ok&gt;'],
  ])('ping %s', (ping, expected) => {
    expect(rendered({ ping })).toBe(expected);
  });
});

describe('escaping member text', () => {
  it.each<[string, string, 'text' | 'bold' | 'italic' | 'code', string]>([
    [
      'control characters',
      '<!channel> & <@U1> <https://x|ok>',
      'text',
      '&lt;!channel&gt; &amp; &lt;@U1&gt; &lt;https://x|ok&gt;',
    ],
    ['entities typed by a member stay literal', '&lt;!here&gt;', 'text', '&amp;lt;!here&amp;gt;'],
    [
      'broadcasts, any case',
      '@channel @Here @EVERYONE',
      'text',
      '@\u2060channel @\u2060Here @\u2060EVERYONE',
    ],
    [
      'bidi overrides that hid a broadcast',
      '@every\u202Eone \u2066x\u2069',
      'text',
      '@\u2060everyone x',
    ],
    ['NUL and other controls; CRLF', 'a\u0000b\u001b[2J\r\nc\td', 'text', 'ab[2J\nc\td'],
    ['formatting marks', '*b* _i_ ~s~ `c`', 'text', '∗b∗ ˍiˍ ∼s∼ ˋcˋ'],
    [
      'underscores inside a word stay',
      'API_KEY snake_case _x a_',
      'text',
      'API_KEY snake_case ˍx aˍ',
    ],
    [
      'a quote at a line start',
      '> a\n  > b\nc > d',
      'text',
      '\u00ad&gt; a\n  \u00ad&gt; b\nc &gt; d',
    ],
    ['italic: its own marker is always replaced', 'snake_case', 'italic', 'snakeˍcase'],
    ['bold: stars', 'a*b', 'bold', 'a∗b'],
    [
      'code keeps marks but not backticks',
      '*a* _b_ ~c~ `d` @here',
      'code',
      '*a* _b_ ~c~ ˋdˋ @\u2060here',
    ],
  ])('%s', (_name, input, style, expected) => {
    expect(escapeMrkdwn(input, style)).toBe(expected);
  });

  it('a member cannot break out of a bold span or into formatting around it', () => {
    const block = onlyBlock(one(paragraph(text('Q: ', 'bold'), text('x* *y `z` _w_'))));
    expect(block).toEqual(section('*Q:* x∗ ∗y ˋzˋ ˍwˍ'));
  });
});

const family = '👨‍👩‍👧‍👦';
const HOSTILE: [string, string][] = [
  ['<!channel>', '<!channel>'],
  ['<!here>', '<!here>'],
  ['<!everyone>', '<!everyone>'],
  ['<!subteam^S1>', '<!subteam^S1>'],
  ['<@U1>', '<@U1>'],
  ['a labelled user', '<@U1|admin> <!channel|channel>'],
  ['<https://evil|ok>', '<https://evil|ok>'],
  ['a mailto and a channel link', '<mailto:a@b.c|x> <#C123>'],
  ['bare broadcasts', '@channel @here @everyone @EveryOne'],
  ['RTL override inside @everyone', '@every\u202Eone and \u202E@here\u202C'],
  ['isolates inside @channel', '@chan\u2066nel\u2069'],
  ['backticks around a mention', '```<!here>``` `<@U1>`'],
  ['formatting around mentions', '*<!channel>* _@here_ ~@everyone~'],
  ['entities typed by a member', '&lt;!here&gt; &amp;'],
  ['a quote with a mention', '> <!channel>\n>> @here'],
  ['NUL', 'a\u0000b<!here>\u0000'],
  ['a NUL flood', `${'\u0000'.repeat(10_000)}<!here>`],
  ['emoji flood', '🔥'.repeat(20_000)],
  ['family emoji flood', family.repeat(4_000)],
  ['flag flood', '🇺🇦'.repeat(10_000)],
  ['combining marks flood', `a${'\u0301'.repeat(5_000)}`],
  ['40,001 characters', '<!channel> & @here '.repeat(2_200).slice(0, 40_001)],
  ['1,000,000 characters', '<!everyone> '.repeat(83_334).slice(0, 1_000_000)],
];

/** The hostile text in every place member text can reach. */
function hostileMessage(input: string): Message {
  return {
    kind: 'reveal',
    blocks: [
      heading(input),
      paragraph(text(input)),
      paragraph(text(input, 'bold')),
      paragraph(text(input, 'italic')),
      paragraph(text(input, 'code')),
      { type: 'bullets', items: [[text(input)], [text('second')]] },
      { type: 'quote', spans: [text(input)] },
      context(text(input)),
      paragraph({ member: 'discord:42', name: input }, text(' answered')),
      { type: 'actions', buttons: [{ id: 'vote', label: input, value: '1' }] },
    ],
  };
}

describe.each(HOSTILE)('hostile member text: %s', (_name, input) => {
  const payloads = render(hostileMessage(input));
  const everything = payloads.flatMap((p) => [p.text, ...p.blocks.flatMap(blockTexts)]);

  it('pings, links and mentions nobody', () => {
    for (const value of everything) {
      expect(value).not.toMatch(/</);
      // The only `>` left is a quote's own prefix at a line start.
      expect(value.replace(/(^|\n)> /g, '$1')).not.toMatch(/>/);
      expect(value).not.toMatch(/@(?:channel|here|everyone)/i);
      // biome-ignore lint/suspicious/noControlCharactersInRegex: asserting none are left.
      expect(value).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u202a-\u202e\u2066-\u2069]/);
    }
  });

  it('keeps within every limit, at most 50 blocks per payload', () => {
    expect(payloads.length).toBeGreaterThan(0);
    for (const payload of payloads) expect(payload.blocks.length).toBeLessThanOrEqual(50);
  });

  it('leaves no formatting mark but the renderer’s own', () => {
    const [plain, bold, italic, code] = [
      text(input),
      text(input, 'bold'),
      text(input, 'italic'),
      text(input, 'code'),
    ].map((span) => sectionTexts(render(one(paragraph(span)))));
    for (const value of plain ?? [])
      expect(value.replace(/[A-Za-z0-9]_[A-Za-z0-9]/g, '')).not.toMatch(/[*_~`]/);
    const strip = (mark: string) => (value: string) =>
      value
        .split('\n')
        .map((line) => line.replace(new RegExp(`^(\\s*)\\${mark}(.*)\\${mark}(\\s*)$`), '$1$2$3'))
        .join('\n');
    for (const value of (bold ?? []).map(strip('*'))) expect(value).not.toMatch(/\*/);
    for (const value of (italic ?? []).map(strip('_'))) expect(value).not.toMatch(/_/);
    for (const value of code ?? []) {
      const body = value.startsWith('```') ? value.slice(3, -3) : strip('`')(value);
      expect(body).not.toMatch(/`/);
    }
  });

  it('loses no content: the sections join up to the escaped input', () => {
    expect(sectionTexts(render(one(paragraph(text(input))))).join('')).toBe(escapeMrkdwn(input));
  });
});

describe('splitting to Slack limits', () => {
  it('cuts long prose after a space, within 3,000 characters', () => {
    const words = 'lorem ipsum & dolor '.repeat(500);
    const texts = sectionTexts(render(one(paragraph(text(words)))));
    expect(texts.length).toBe(4);
    for (const value of texts.slice(0, -1)) expect(value.endsWith(' ')).toBe(true);
    expect(texts.join('')).toBe(escapeMrkdwn(words));
  });

  it('cuts at a line break where there is one, replacing it', () => {
    const lines = Array.from({ length: 80 }, (_, i) => `${i} ${'x'.repeat(95)}`);
    const texts = sectionTexts(render(one(paragraph(text(lines.join('\n'))))));
    expect(texts.length).toBe(3);
    expect(texts.join('\n')).toBe(lines.join('\n'));
  });

  it('never splits a grapheme cluster', () => {
    const texts = sectionTexts(render(one(paragraph(text(family.repeat(4_000))))));
    expect(texts.length).toBeGreaterThan(1);
    for (const value of texts) expect(value).toMatch(/^(?:👨‍👩‍👧‍👦)+$/u);
  });

  it('keeps bullet items whole and continues a long one, indented', () => {
    const item = (i: number) => [text(`${i} ${'y'.repeat(200)}`)];
    const texts = sectionTexts(
      render(
        one({
          type: 'bullets',
          items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15].map(item),
        }),
      ),
    );
    expect(texts.map((value) => value.split('\n').length)).toEqual([14, 1]);
    for (const value of texts)
      for (const line of value.split('\n')) expect(line).toMatch(/^• \d+ y+$/);
    const long = sectionTexts(
      render(one({ type: 'bullets', items: [[text('z '.repeat(2_000))]] })),
    );
    expect(long.map((value) => value.slice(0, 3))).toEqual(['• z', '   ']);
  });

  it('keeps every line of a long quote behind >', () => {
    const texts = sectionTexts(
      render(one({ type: 'quote', spans: [text('word '.repeat(1_500))] })),
    );
    expect(texts.length).toBe(3);
    for (const value of texts) for (const line of value.split('\n')) expect(line).toMatch(/^> /);
  });

  it('styles each part of a long bold text on its own', () => {
    const texts = sectionTexts(render(one(paragraph(text('bold words '.repeat(600), 'bold')))));
    expect(texts.length).toBe(3);
    for (const value of texts) expect(value).toMatch(/^\*[^*]+\* ?$/);
  });

  it('never cuts inside a mention or a date token', () => {
    const spans: Span[] = [];
    for (let i = 0; i < 300; i += 1)
      spans.push(
        { member: 'slack:U0123ABC' },
        text(' · '),
        { time: CLOSES, zone: 'UTC' },
        text(' '),
      );
    const texts = sectionTexts(render(one(paragraph(...spans))));
    expect(texts.length).toBeGreaterThan(5);
    const tokens = texts.join('').match(/<[^<>]*>/g) ?? [];
    expect(tokens).toHaveLength(600);
    expect(new Set(tokens)).toEqual(new Set(['<@U0123ABC>', DATE]));
    for (const value of texts) expect(value.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
  });

  it('splits a long context into elements of 3,000 and blocks of 10 elements', () => {
    const blocks = blocksOf(one(context(text('note '.repeat(8_000)))));
    expect(blocks.map((b) => (b.type === 'context' ? b.elements.length : 0))).toEqual([10, 4]);
  });

  it('splits more than 50 blocks into follow-up payloads, in order, each with its own text', () => {
    const blocks = Array.from({ length: 120 }, (_, i) => paragraph(text(`p${i}`)));
    const payloads = render({ kind: 'notice', blocks });
    expect(payloads.map((p) => p.blocks.length)).toEqual([50, 50, 20]);
    expect(payloads.flatMap((p) => p.blocks)).toEqual(blocks.map((_, i) => section(`p${i}`)));
    expect(payloads[2]?.text.split('\n')[0]).toBe('p100');
  });

  it('honours a smaller maxBlocks and never leaves a header last', () => {
    const message: Message = {
      kind: 'notice',
      blocks: [paragraph(text('a')), heading('H'), paragraph(text('b'))],
    };
    const payloads = render(message, 2);
    expect(payloads.map((p) => p.blocks.map((b) => b.type))).toEqual([
      ['section'],
      ['header', 'section'],
    ]);
    const many: Message = {
      kind: 'notice',
      blocks: Array.from({ length: 120 }, () => paragraph(text('p'))),
    };
    expect(render(many, 500).map((p) => p.blocks.length)).toEqual([50, 50, 20]);
    expect(render(many, 0)).toHaveLength(120);
  });
});

describe('text fallback', () => {
  it('is the escaped plain text: no markers, the time in words, mentions kept', () => {
    const [payload] = render({
      kind: 'question',
      blocks: [
        heading('Drill <1>'),
        paragraph(text('Q ', 'bold'), text('*x*')),
        context(text('closes '), { time: CLOSES, zone: 'UTC' }, text(' · '), {
          member: 'slack:U0123',
        }),
        { type: 'bullets', items: [[text('one')]] },
        { type: 'quote', spans: [text('q')] },
        { type: 'divider' },
        { type: 'actions', buttons: [{ id: 'a', label: 'Answer' }] },
      ],
    });
    expect(payload?.text).toBe(
      'Drill &lt;1&gt;\nQ ∗x∗\ncloses Tue 3 Mar 09:00 UTC · <@U0123>\n• one\n> q\n[Answer]',
    );
  });

  it('is trimmed to 3,000 characters, never inside an escape', () => {
    const [payload] = render(one(paragraph(text('&'.repeat(2_000)))));
    expect(payload?.text.length).toBeLessThanOrEqual(3_000);
    expect(payload?.text).toMatch(/^(?:&amp;)+…$/);
  });
});

describe('the core’s cards', () => {
  it('renders the question card with the ping, the close time and the blind-mode button', () => {
    const card = questionCard({
      packTitle: 'Cloud security',
      question: QUESTION,
      closesAt: CLOSES,
      zone: 'UTC',
      mode: 'blind',
      ping: '<!subteam^S0123ABC|@security>',
      drillId: 7,
    });
    const payloads = render(card);
    expect(payloads).toEqual([
      {
        text: [
          '<!subteam^S0123ABC> today’s drill is up.',
          'Daily drill · Cloud security',
          'A secret was pushed to a public repo. What do you do?',
          'Difficulty: solid · tags: secrets, git · closes Tue 3 Mar 09:00 UTC',
          'Blind mode: answer privately with /drill answer &lt;your answer&gt;; all answers are shown together at the reveal.',
          '[Answer privately]',
        ].join('\n'),
        blocks: [
          section('<!subteam^S0123ABC> today’s drill is up.'),
          {
            type: 'header',
            text: { type: 'plain_text', text: 'Daily drill · Cloud security', emoji: true },
          },
          section('*A secret was pushed to a public repo. What do you do?*'),
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: `Difficulty: solid · tags: secrets, git · closes ${DATE}`,
                verbatim: true,
              },
            ],
          },
          {
            type: 'context',
            elements: [
              {
                type: 'mrkdwn',
                text: 'Blind mode: answer privately with /drill answer &lt;your answer&gt;; all answers are shown together at the reveal.',
                verbatim: true,
              },
            ],
          },
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                text: { type: 'plain_text', text: 'Answer privately', emoji: true },
                action_id: 'drill-answer',
                value: '7',
              },
            ],
          },
        ],
      },
    ]);
  });

  it('renders the blind-mode reveal with hostile answers quoted, inert', () => {
    const answer = (
      memberId: string,
      name: string,
      said: string,
      covered: string[],
      points: number,
    ): RevealedAnswer => ({
      memberId,
      name,
      text: said,
      covered,
      ratio: covered.length / 2,
      fellIntoMistake: false,
      points,
      votes: 0,
      flags: [],
      lateReplies: 0,
    });
    const reveal = revealCard({
      question: QUESTION,
      mode: 'blind',
      answers: [
        answer('slack:U0AAA', 'alice', 'rotate it <!channel> *now*', ['rotate'], 2),
        answer(
          'slack:U0BBB',
          '<@U0CCC>',
          'rotate, check logs\n> @here look',
          ['rotate', 'audit'],
          4,
        ),
      ],
    });
    const payloads = render(reveal);
    expect(payloads).toHaveLength(1);
    expect(payloads[0]?.blocks).toEqual([
      {
        type: 'header',
        text: { type: 'plain_text', text: 'Reveal: what a strong answer covers', emoji: true },
      },
      section('Rotate first, then clean up.'),
      section(
        '• *Rotate* — Revoke the secret now. _(2/2 answers)_\n• *Audit use* — Check the logs for use. _(1/2 answers)_',
      ),
      section('*Common mistake:* Only rewriting history. _(0 of 2 answers fell into it)_'),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '<@U0AAA> answered:', verbatim: true }],
      },
      section('> rotate it &lt;!channel&gt; ∗now∗'),
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: '<@U0BBB> answered:', verbatim: true }],
      },
      section('> rotate, check logs\n> \u00ad&gt; @\u2060here look'),
      section('*Best answers:* <@U0BBB> (2/2 key points), <@U0AAA> (1/2 key points)'),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: 'Answered (2): <@U0BBB> 4 pts · <@U0AAA> 2 pts', verbatim: true },
        ],
      },
    ]);
  });
});
