/**
 * Discord rendering (adapters/discord/render.ts): exact payloads for the cards, escaping of
 * hostile member text asserted structurally (nothing from member text can format, mention or
 * link), Discord's limits kept by splitting rather than dropping, and `allowed_mentions`
 * that never parses anything and allows only the configured ping role.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DISCORD_LIMITS,
  type DiscordPayload,
  renderDiscordMessage,
} from '../../../adapters/discord/render.ts';
import type { Question } from '../../../src/content/schema.ts';
import { questionCard, revealCard } from '../../../src/core/cards.ts';
import {
  type Block,
  type Message,
  type MessageKind,
  notice,
  paragraph,
  text,
} from '../../../src/core/messages.ts';

const ROLE = '900000000000000001';
const ALICE = 'discord:200000000000000001';
const CLOSES = new Date('2030-01-01T17:00:00Z');
const UNIX = CLOSES.getTime() / 1000;
const ZWSP = '\u200b';

const QUESTION: Question = {
  id: 'leaked-key',
  question: 'A cloud key leaked in a public repo. What do you do in the first hour?',
  evaluates: 'Incident response order',
  difficulty: 2,
  tags: ['iam', 'incident-response'],
  framework: {
    lead: 'Contain first, then investigate.',
    points: [
      { id: 'revoke', label: 'Revoke', detail: 'Disable the key at once.', rubric: ['revoke'] },
      { id: 'audit', label: 'Audit', detail: 'Read the access logs.', rubric: ['audit'] },
    ],
  },
  mistake: { text: 'Deleting the commit and calling it done.', markers: ['delete'] },
  references: [],
} as Question;

/** Every string Discord would read as markdown in a payload: content, titles, descriptions. */
function texts(payloads: DiscordPayload[]): string[] {
  return payloads.flatMap((payload) => [
    payload.content,
    ...(payload.embeds ?? []).flatMap((embed) => [embed.title ?? '', embed.description ?? '']),
  ]);
}

/**
 * The text with code (inline and fenced) taken out and each escaped character replaced by a
 * letter, which is what an escape shows: a character that formats nothing.
 */
function outsideCode(markdown: string): string {
  return markdown
    .replace(/```[\s\S]*?```/g, 'C')
    .replace(/`[^`]*`/g, 'C')
    .replace(/\\[^A-Za-z0-9\s]/g, 'E');
}

/**
 * What member text must never become, outside code and once escapes are taken out: a
 * mention, role, channel, timestamp, emoji or command token, a broadcast, a masked link, a
 * bare URL, or any formatting marker.
 */
function formatting(markdown: string): string[] {
  const rest = outsideCode(markdown);
  const found: string[] = [];
  for (const pattern of [
    /<[^>\s]*>?/g,
    /@(?:everyone|here)/gi,
    /\[[^\]]*\]\(/g,
    /[a-z][a-z0-9+.-]*:\/\//gi,
    /\*|_|~|\||`|>/g,
    /(?:^|\n)\s*(?:#|-#|-\s|\+\s|\d+\.)/g,
  ]) {
    found.push(...(rest.match(pattern) ?? []));
  }
  return found;
}

function checkLimits(payloads: DiscordPayload[]): void {
  for (const payload of payloads) {
    expect(payload.allowed_mentions.parse).toStrictEqual([]);
    expect(payload.content.length).toBeLessThanOrEqual(DISCORD_LIMITS.content);
    const embeds = payload.embeds ?? [];
    expect(embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
    let total = 0;
    for (const embed of embeds) {
      expect((embed.title ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
      expect((embed.description ?? '').length).toBeLessThanOrEqual(DISCORD_LIMITS.embedDescription);
      expect(embed.title !== undefined || (embed.description ?? '').trim() !== '').toBe(true);
      total += (embed.title ?? '').length + (embed.description ?? '').length;
    }
    expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
    expect(payload.content !== '' || embeds.length > 0 || payload.components !== undefined).toBe(
      true,
    );
    for (const part of texts([payload])) {
      expect(part).not.toMatch(
        /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/,
      );
    }
  }
}

const render = (message: Message, pingRole?: string) =>
  renderDiscordMessage(message, pingRole === undefined ? {} : { pingRole });
const onlyContent = (message: Message): string => {
  const payloads = render(message);
  expect(payloads).toHaveLength(1);
  return payloads[0]?.content ?? '';
};

describe('the cards', () => {
  const question = questionCard({
    packTitle: 'Cloud security',
    question: QUESTION,
    closesAt: CLOSES,
    zone: 'Europe/London',
    mode: 'blind',
    ping: `<@&${ROLE}>`,
    drillId: 42,
  });

  it('renders the question as content with the ping, an embed and the answer button', () => {
    expect(render(question, ROLE)).toStrictEqual([
      {
        content: `<@&${ROLE}> today’s drill is up.`,
        embeds: [
          {
            title: 'Daily drill · Cloud security',
            description: [
              '**A cloud key leaked in a public repo. What do you do in the first hour?**',
              '',
              `-# Difficulty: solid · tags: iam, incident-response · closes <t:${UNIX}:f> (<t:${UNIX}:R>)`,
              '-# Blind mode: answer privately with /drill answer \\<your answer\\>; all answers are shown together at the reveal.',
            ].join('\n'),
            color: 0x5865f2,
          },
        ],
        components: [
          {
            type: 1,
            components: [
              { type: 2, style: 1, custom_id: 'drill-answer:42', label: 'Answer privately' },
            ],
          },
        ],
        allowed_mentions: { parse: [], roles: [ROLE] },
      },
    ]);
  });

  it('allows the ping role only when it is the configured one', () => {
    expect(render(question)[0]?.allowed_mentions).toStrictEqual({ parse: [] });
    expect(render(question, '900000000000000002')[0]?.allowed_mentions).toStrictEqual({
      parse: [],
    });
    expect(render(question, `<@&${ROLE}>`)[0]?.allowed_mentions).toStrictEqual({
      parse: [],
      roles: [ROLE],
    });
    // Shown as a role either way: only allowed_mentions decides whether it notifies.
    expect(render(question)[0]?.content).toBe(`<@&${ROLE}> today’s drill is up.`);
  });

  it('never makes a broadcast or a group of the ping: only a role id is a mention', () => {
    for (const ping of ['@everyone', '@here', '<!subteam^S123>', `<@&${ROLE}> x`, ROLE]) {
      const payloads = render({ kind: 'question', blocks: [paragraph({ ping })] }, ROLE);
      expect(payloads[0]?.allowed_mentions).toStrictEqual({ parse: [] });
      expect(formatting(payloads[0]?.content ?? '')).toStrictEqual([]);
    }
  });

  it('escapes a blind answer in the reveal and mentions members only by discord id', () => {
    const hostile = '**bold** <@200000000000000002> @everyone [x](https://evil.example)\n# big';
    const reveal = revealCard({
      question: QUESTION,
      mode: 'blind',
      answers: [
        {
          memberId: ALICE,
          name: 'Alice',
          text: hostile,
          covered: ['revoke'],
          ratio: 0.5,
          fellIntoMistake: false,
          points: 3,
          votes: 1,
          flags: [],
          lateReplies: 0,
        },
        {
          memberId: 'slack:U0BOB0001',
          name: 'Bob <@1>',
          text: '',
          covered: [],
          ratio: 0,
          fellIntoMistake: false,
          points: 0,
          votes: 0,
          flags: [],
          lateReplies: 1,
        },
      ],
    });
    const payloads = render(reveal, ROLE);
    checkLimits(payloads);
    expect(payloads).toHaveLength(1);
    const description = payloads[0]?.embeds?.[0]?.description ?? '';
    expect(description).toContain(
      '> \\*\\*bold\\*\\* \\<@200000000000000002\\> @\u200beveryone \\[x\\](https\\://evil.example)\n> \\# big',
    );
    expect(description).toContain('-# <@200000000000000001> answered:');
    expect(description).toContain('-# Late, kept but not scored: @Bob \\<@1\\>');
    expect(payloads[0]?.allowed_mentions).toStrictEqual({ parse: [] });
  });
});

describe('escaping member text', () => {
  it.each<[string, string, string]>([
    ['bold', '**x**', '\\*\\*x\\*\\*'],
    ['underline', '__x__', '\\_\\_x\\_\\_'],
    ['italics', '*x* _y_', '\\*x\\* \\_y\\_'],
    ['strike-through', '~~x~~', '\\~\\~x\\~\\~'],
    ['spoilers', '||x||', '\\|\\|x\\|\\|'],
    ['inline code', '`x`', '\\`x\\`'],
    ['a code block', '```js\nx\n```', '\\`\\`\\`js\nx\n\\`\\`\\`'],
    ['a block quote', '> x\n>>> y', '\\> x\n\\>\\>\\> y'],
    ['headings and subtext', '# a\n## b\n-# c', '\\# a\n\\## b\n\\-# c'],
    ['lists', '- a\n* b\n+ c\n  12. d', '\\- a\n\\* b\n\\+ c\n  12\\. d'],
    [
      '@everyone and @here',
      '@everyone @here @Everyone',
      `@${ZWSP}everyone @${ZWSP}here @${ZWSP}Everyone`,
    ],
    ['a user mention', '<@123> <@!123>', '\\<@123\\> \\<@!123\\>'],
    ['a role mention', '<@&123>', '\\<@&123\\>'],
    ['a channel mention', '<#123>', '\\<#123\\>'],
    ['a timestamp', '<t:1:R>', '\\<t:1:R\\>'],
    ['a custom emoji and a command mention', '<:e:1> </drill:1>', '\\<:e:1\\> \\</drill:1\\>'],
    ['a masked link', '[x](https://evil.example)', '\\[x\\](https\\://evil.example)'],
    [
      'a bare and a hidden URL',
      'https://a.example <https://b.example>',
      'https\\://a.example \\<https\\://b.example\\>',
    ],
    ['a backslash', '\\*x\\*', '\\\\\\*x\\\\\\*'],
    ['an RTL override inside @everyone', '@every\u202eone', `@${ZWSP}everyone`],
    ['a reversed @everyone', '@\u202eenoyreve\u202c', '@enoyreve'],
    ['a zero-width space in a broadcast', `@${ZWSP}here`, `@${ZWSP}here`],
    ['NUL and other controls', 'a\u0000b\u0007c\r\nd', 'abc\nd'],
    ['a lone surrogate', 'a\ud800b', 'a\ufffdb'],
    ['emoji sequences', '👩‍💻 👍🏽 🇬🇧', '👩‍💻 👍🏽 🇬🇧'],
  ])('%s', (_name, raw, escaped) => {
    expect(onlyContent(notice('notice', text(raw)))).toBe(escaped);
  });

  it('keeps code exact apart from backticks, in line and in a fenced block', () => {
    expect(onlyContent(notice('notice', text('a*b `c` <@1>', 'code')))).toBe(
      '`a*b \u02cbc\u02cb <@1>`',
    );
    expect(onlyContent(notice('notice', text('{\n  "a": "```"\n}', 'code')))).toBe(
      '```\n{\n  "a": "\u02cb\u02cb\u02cb"\n}\n```',
    );
  });

  it('styles bold and italic runs line by line, edge whitespace outside the markers', () => {
    expect(onlyContent(notice('notice', text(' a *b*\n\nc ', 'bold')))).toBe(
      ' **a \\*b\\***\n\n**c** ',
    );
    expect(onlyContent(notice('notice', text('x', 'bold'), text('y', 'italic')))).toBe(
      `**x**${ZWSP}*y*`,
    );
  });

  it('shows times as timestamps and an impossible date as words', () => {
    expect(onlyContent(notice('notice', { time: CLOSES, zone: 'UTC' }))).toBe(
      `<t:${UNIX}:f> (<t:${UNIX}:R>)`,
    );
    expect(onlyContent(notice('notice', { time: new Date(Number.NaN), zone: 'UTC' }))).toBe(
      'an unknown time',
    );
  });

  it('mentions discord members by id and shows anyone else by escaped name', () => {
    expect(
      onlyContent(
        notice(
          'notice',
          { member: ALICE, name: 'ignored' },
          text(' '),
          { member: 'discord:not-a-snowflake', name: '*x*' },
          text(' '),
          { member: 'slack:U0BOB0001' },
        ),
      ),
    ).toBe('<@200000000000000001> @\\*x\\* @U0BOB0001');
  });

  const HOSTILE = [
    '**',
    '__',
    '`',
    '```',
    '>',
    '>>> ',
    '\n',
    '\n# ',
    '\n-# ',
    '\n1. ',
    '@everyone',
    '@here',
    '@every\u202eone',
    '<@123>',
    '<@&123>',
    '<#123>',
    '<t:1:R>',
    '[x](https://evil.example)',
    'https://a.example',
    '\\',
    '||',
    '~~',
    ' ',
    'word',
    '👩‍💻',
    '\u0000',
    '\ud800',
  ];
  const hostileText = fc.oneof(
    fc.array(fc.constantFrom(...HOSTILE), { maxLength: 60 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );
  const style = fc.constantFrom<'bold' | 'italic' | undefined>(undefined, 'bold', 'italic');
  const block = fc.oneof(
    fc.tuple(hostileText, style).map(([raw, s]): Block => paragraph(s ? text(raw, s) : text(raw))),
    hostileText.map((raw): Block => ({ type: 'quote', spans: [text(raw)] })),
    hostileText.map((raw): Block => ({ type: 'context', spans: [text(raw)] })),
    fc.array(hostileText, { maxLength: 5 }).map(
      (items): Block => ({
        type: 'bullets',
        items: items.map((raw) => [text(raw)]),
      }),
    ),
    hostileText.map((raw): Block => ({ type: 'heading', text: raw })),
  );

  it('never lets member text format, mention or link, whatever it is', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<MessageKind>('notice', 'reveal'),
        fc.array(block, { maxLength: 8 }),
        (kind, blocks) => {
          const payloads = render({ kind, blocks }, ROLE);
          const styled = blocks.some(
            (b) =>
              b.type === 'heading' ||
              (b.type === 'paragraph' && b.spans.some((span) => 'style' in span)),
          );
          checkLimits(payloads);
          for (const part of texts(payloads)) {
            // Our line prefixes (small print, quotes, bullets) are the only line markers, and
            // our bold and italic markers the only stars: every star of member text is escaped.
            const prefixed = part.replace(/(?:^|\n)(?:-# |> |• )/g, '\nP');
            const found = formatting(prefixed).filter((token) => !styled || token !== '*');
            expect(found).toStrictEqual([]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("Discord's limits", () => {
  const words = (count: number): string =>
    Array.from({ length: count }, (_, index) => `w${index}`).join(' ');
  const countOf = (haystack: string, needle: RegExp): number =>
    (haystack.match(needle) ?? []).length;
  const all = (payloads: DiscordPayload[]) => texts(payloads).join('\n');

  it.each<[string, string, RegExp, number]>([
    ['2,001 characters', 'x'.repeat(2001), /x/g, 2001],
    ['40,001 characters in one word', 'y'.repeat(40_001), /y/g, 40_001],
    ['40,001 characters of words', `${words(5000)}`.slice(0, 40_001), /w/g, 5000],
    ['an emoji flood', '👍'.repeat(6000), /👍/g, 6000],
    ['a flood of ZWJ sequences', '👩‍💻'.repeat(3000), /👩‍💻/g, 3000],
    ['escapes that double in length', '*'.repeat(9000), /\\\*/g, 9000],
    ['lines', 'line\n'.repeat(3000), /line/g, 3000],
  ])('splits %s into payloads and drops nothing', (_name, raw, needle, count) => {
    for (const kind of ['notice', 'reveal'] as const) {
      const payloads = render({ kind, blocks: [paragraph(text(raw))] });
      checkLimits(payloads);
      // Content holds 2,000 characters; a payload's embeds 6,000.
      if (kind === 'notice' || raw.length > DISCORD_LIMITS.embedTotal)
        expect(payloads.length).toBeGreaterThan(1);
      expect(countOf(all(payloads), needle)).toBe(count);
    }
  });

  it('keeps a quote a quote and bullets bullets across the split', () => {
    const payloads = render({
      kind: 'reveal',
      blocks: [
        { type: 'quote', spans: [text('q '.repeat(5000))] },
        {
          type: 'bullets',
          items: Array.from({ length: 400 }, (_, i) => [text(`item ${i} `.repeat(4))]),
        },
      ],
    });
    checkLimits(payloads);
    const lines = all(payloads)
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(lines.every((line) => line.startsWith('> ') || line.startsWith('• '))).toBe(true);
    expect(countOf(all(payloads), /• /g)).toBe(400);
  });

  it('fills up to ten embeds and 6,000 characters per payload before starting the next', () => {
    const payloads = render({
      kind: 'reveal',
      blocks: Array.from({ length: 40 }, (_, i) => [
        { type: 'heading', text: `Part ${i}` } as Block,
        paragraph(text('z'.repeat(300))),
      ]).flat(),
    });
    checkLimits(payloads);
    expect(payloads[0]?.embeds).toHaveLength(10);
    expect(payloads.flatMap((payload) => payload.embeds ?? [])).toHaveLength(40);
  });

  it('cuts a title at 256 characters and goes on in bold below it', () => {
    const title = `${'t'.repeat(250)} tail words here`;
    const [payload] = render({ kind: 'status', blocks: [{ type: 'heading', text: title }] });
    expect(payload?.embeds?.[0]?.title).toBe(`${'t'.repeat(250)}…`);
    expect(payload?.embeds?.[0]?.description).toBe('**…tail words here**');
  });

  it('renders a message with nothing to show as no payload', () => {
    expect(render({ kind: 'notice', blocks: [] })).toStrictEqual([]);
    expect(
      render({ kind: 'reveal', blocks: [paragraph(text(' \u0000 ')), { type: 'divider' }] }),
    ).toStrictEqual([]);
  });

  it('renders notices, errors and reminders as plain content', () => {
    for (const kind of ['notice', 'error', 'reminder'] as const) {
      const payloads = render({
        kind,
        blocks: [{ type: 'heading', text: 'Head' }, paragraph(text('Body'))],
      });
      expect(payloads).toStrictEqual([
        { content: '**Head**\n\nBody', allowed_mentions: { parse: [] } },
      ]);
    }
  });
});

describe('buttons', () => {
  const actions = (buttons: { id: string; label: string; value?: string }[]): Message => ({
    kind: 'practice',
    blocks: [paragraph(text('Q')), { type: 'actions', buttons }],
  });

  it('puts rows of five buttons on the last payload, 25 per message', () => {
    const buttons = Array.from({ length: 30 }, (_, i) => ({ id: `b${i}`, label: `B${i}` }));
    const payloads = render(actions(buttons));
    expect(payloads).toHaveLength(2);
    expect(payloads[0]?.components?.map((row) => row.components.length)).toStrictEqual([
      5, 5, 5, 5, 5,
    ]);
    expect(payloads[1]).toStrictEqual({
      content: '',
      components: [
        {
          type: 1,
          components: Array.from({ length: 5 }, (_, i) => ({
            type: 2,
            style: 1,
            custom_id: `b${25 + i}`,
            label: `B${25 + i}`,
          })),
        },
      ],
      allowed_mentions: { parse: [] },
    });
  });

  it('cuts a long label and falls back to the id for a blank one', () => {
    const [payload] = render(
      actions([
        { id: 'a', label: 'L'.repeat(100) },
        { id: 'b', label: ' ' },
      ]),
    );
    const [first, second] = payload?.components?.[0]?.components ?? [];
    expect(first?.label).toBe(`${'L'.repeat(79)}…`);
    expect(second?.label).toBe('b');
  });

  it.each<[string, { id: string; label: string; value?: string }[]]>([
    [
      'a custom_id over 100 characters',
      [{ id: 'practice-answer', label: 'A', value: 'v'.repeat(90) }],
    ],
    ['an id with a colon', [{ id: 'a:b', label: 'A' }]],
    ['an empty id', [{ id: '', label: 'A' }]],
    [
      'the same button twice',
      [
        { id: 'a', label: 'A' },
        { id: 'a', label: 'B' },
      ],
    ],
  ])('refuses %s, naming the button', (_name, buttons) => {
    expect(() => render(actions(buttons))).toThrow(RangeError);
  });
});
