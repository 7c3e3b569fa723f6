import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mentionKind } from '../../src/core/commands/mentions.ts';
import {
  COMMAND_NAMES,
  type Command,
  commandWords,
  formatCommand,
  type ParseResult,
  parseCommand,
} from '../../src/core/commands.ts';
import { canonicalZone, parseWhen, type WhenSpec } from '../../src/core/schedule.ts';

/** Strings of every kind: full Unicode, graphemes, and raw UTF-16 units with lone surrogates. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 120 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc
    .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 80 })
    .map((units) => String.fromCharCode(...units)),
);

/** Command words, some misspelt, as typed after `/drill`. */
const commandWord = fc.constantFrom(
  ...COMMAND_NAMES.map(commandWords),
  'shedule',
  'leaderbord',
  'answr',
  'practice answer',
  '',
);

/** Argument words the parsers react to, good and bad, plus arbitrary text. */
const argument = fc.oneof(
  fc.constantFrom(
    'on',
    'off',
    'week',
    'month',
    'all',
    'channel',
    'workspace',
    'thread',
    'blind',
    'add',
    'remove',
    'answer',
    '30m',
    '8h',
    '1d',
    '10s',
    '7d',
    '5s',
    '8d',
    '45m5',
    '90 m',
    'UTC',
    'utc',
    'Europe/London',
    'america/new_york',
    'Mars/Olympus',
    'EST',
    'appsec',
    'cloud-security',
    'Cloud_Sec',
    'appsec,cloud-security',
    ',',
    '<@U123>',
    '<@U1|al>',
    '<@!123456789012345678>',
    '<@&123>',
    '<!subteam^S1|@sec>',
    '<!here>',
    '@team',
    '<#C1>',
    'slack:U0123',
    'U0123ABC',
    'weekdays',
    'daily',
    'mon,wed,fri',
    '09:00',
    '9am',
    '0',
    '9',
    '*',
    '1-5',
    '"0 9 * * 1-5"',
    '“0 9 * * 1-5”',
    '"',
    "'",
    '\n',
    '\u0000',
    '\uD800',
  ),
  anyText,
);

const separator = fc.constantFrom(' ', '  ', '\n', '\t', ' \r\n ');

/** Text shaped like real commands, so the argument parsers, not just the lookup, get fuzzed. */
const commandLike = fc
  .tuple(fc.mixedCase(commandWord), fc.array(fc.tuple(separator, argument), { maxLength: 7 }))
  .map(([word, args]) => word + args.map(([sep, arg]) => sep + arg).join(''));

// Generators of valid commands, in the canonical form the parser produces.

const freeText = fc
  .string({ unit: 'grapheme', minLength: 1, maxLength: 80 })
  .map((s) => s.trim())
  .filter((s) => s !== '' && !s.includes('\u0000'));

const kebabId = fc.stringMatching(/^[a-z0-9]{1,8}(?:-[a-z0-9]{1,8}){0,2}$/);

/** Zones as the parser returns them: spelled by `canonicalZone`. */
const zone = fc
  .constantFrom(
    'UTC',
    'Europe/London',
    'America/New_York',
    'Asia/Kolkata',
    'Australia/Sydney',
    'EST',
  )
  .map((name) => canonicalZone(name) ?? 'UTC');

const whenSpec = fc
  .constantFrom(
    'weekdays 09:00',
    'daily 18:30',
    'mon,wed,fri 08:15',
    'sat 23:59',
    '0 9 * * 1-5',
    '*/15 9-17 * * *',
    '30 0 9 * * 1-5',
  )
  .map((text): WhenSpec => {
    const spec = parseWhen(text);
    if ('error' in spec) throw new Error(`test setup: ${text}: ${spec.error}`);
    return spec;
  });

const seconds = (min: number, max: number) => fc.integer({ min, max }).map((s) => s * 1000);
const windowMs = fc.oneof(
  seconds(10, 604_800),
  fc.integer({ min: 1, max: 168 }).map((h) => h * 3_600_000),
);

const groupMention = fc.oneof(
  fc.constantFrom('<!subteam^S123>', '<!subteam^S0ABC|@sec-team>', '<!here>', '@everyone'),
  fc.bigInt({ min: 10n ** 16n, max: 10n ** 19n }).map((id) => `<@&${id}>`),
  fc.stringMatching(/^@[A-Za-z0-9._-]{1,20}$/),
);

const userMention = fc.oneof(
  fc.stringMatching(/^<@[UW][A-Z0-9]{8,10}>$/),
  fc.stringMatching(/^<@!?[1-9][0-9]{16,18}>$/),
  fc.stringMatching(/^(?:slack:[UW][A-Z0-9]{8}|discord:[1-9][0-9]{16})$/),
  fc.stringMatching(/^@[A-Za-z0-9._-]{1,20}$/),
);

const anyCommand: fc.Arbitrary<Command> = fc.oneof(
  fc.constantFrom<Command>(
    { name: 'help' },
    { name: 'practice' },
    { name: 'stats' },
    { name: 'tips' },
    { name: 'export-me' },
    { name: 'forget-me' },
    { name: 'now' },
    { name: 'reveal' },
    { name: 'skip' },
    { name: 'pause' },
    { name: 'resume' },
    { name: 'stop' },
    { name: 'status' },
    { name: 'reload' },
  ),
  fc.constantFrom(...COMMAND_NAMES).map((topic): Command => ({ name: 'help', topic })),
  kebabId.filter((id) => id !== 'answer').map((filter): Command => ({ name: 'practice', filter })),
  freeText.map((text): Command => ({ name: 'practice-answer', text })),
  freeText.map((text): Command => ({ name: 'answer', text })),
  fc
    .tuple(
      fc.constantFrom('week', 'month', 'all' as const),
      fc.constantFrom('channel', 'workspace' as const),
    )
    .map(([period, scope]): Command => ({ name: 'leaderboard', period, scope })),
  kebabId.map((pack): Command => ({ name: 'tips', pack })),
  freeText.map((reason): Command => ({ name: 'flag', reason })),
  fc.boolean().map((optOut): Command => ({ name: 'optout', optOut })),
  fc
    .tuple(whenSpec, fc.option(zone, { nil: undefined }))
    .map(
      ([when, z]): Command =>
        z === undefined ? { name: 'schedule', when } : { name: 'schedule', when, zone: z },
    ),
  zone.map((z): Command => ({ name: 'zone', zone: z })),
  windowMs.map((ms): Command => ({ name: 'window', ms })),
  fc
    .oneof(
      fc.constant<'all'>('all'),
      fc.uniqueArray(
        kebabId.filter((id) => id !== 'all'),
        { minLength: 1, maxLength: 5 },
      ),
    )
    .map((packs): Command => ({ name: 'packs', packs })),
  fc.constantFrom('thread', 'blind' as const).map((mode): Command => ({ name: 'mode', mode })),
  fc.option(windowMs, { nil: null }).map((beforeMs): Command => ({ name: 'remind', beforeMs })),
  fc.option(groupMention, { nil: null }).map((mention): Command => ({ name: 'ping', mention })),
  fc.boolean().map((enabled): Command => ({ name: 'weekly-board', enabled })),
  fc
    .tuple(fc.constantFrom('add', 'remove' as const), userMention)
    .map(([action, user]): Command => ({ name: 'admins', action, user })),
);

function expectWellFormed(result: ParseResult): void {
  if (result.ok) {
    expect(COMMAND_NAMES).toContain(result.command.name);
  } else {
    expect(result.error.message.length).toBeGreaterThan(0);
    expect(result.error.usage.startsWith('/drill ')).toBe(true);
  }
}

describe('parseCommand never throws', () => {
  it('for arbitrary strings, full Unicode and lone surrogates included', () => {
    fc.assert(
      fc.property(anyText, (text) => expectWellFormed(parseCommand(text))),
      { numRuns: 2000 },
    );
  });

  it('for command-shaped text with hostile arguments', () => {
    fc.assert(
      fc.property(commandLike, (text) => expectWellFormed(parseCommand(text))),
      { numRuns: 3000 },
    );
  });

  it('for huge strings', () => {
    fc.assert(
      fc.property(
        commandWord,
        fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }),
        fc.integer({ min: 10_000, max: 200_000 }),
        (word, chunk, times) => {
          const result = parseCommand(`${word} ${chunk.repeat(times)}`);
          expectWellFormed(result);
          if (!result.ok) expect(result.error.message.length).toBeLessThan(300);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('round trip: formatCommand then parseCommand gives the same command', () => {
  it('for every command-shaped text that parses', () => {
    fc.assert(
      fc.property(commandLike, (text) => {
        const first = parseCommand(text);
        if (!first.ok) return;
        expect(parseCommand(formatCommand(first.command))).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('the generator above reaches many successful parses of many commands', () => {
    const names = new Set<string>();
    let parsedCount = 0;
    for (const text of fc.sample(commandLike, { numRuns: 3000, seed: 42 })) {
      const result = parseCommand(text);
      if (result.ok) {
        parsedCount += 1;
        names.add(result.command.name);
      }
    }
    expect(parsedCount).toBeGreaterThan(300);
    expect(names.size).toBeGreaterThanOrEqual(20);
  });

  it('for generated commands of every kind', () => {
    fc.assert(
      fc.property(anyCommand, (command) => {
        expect(parseCommand(formatCommand(command))).toEqual({ ok: true, command });
      }),
      { numRuns: 3000 },
    );
  });
});

describe('words are case-insensitive, free text is not', () => {
  it('upper-casing a whole parsable line changes nothing but free text and mentions', () => {
    fc.assert(
      fc.property(commandLike, (text) => {
        const first = parseCommand(text);
        if (!first.ok) return;
        const { name } = first.command;
        if (['answer', 'practice-answer', 'flag', 'ping', 'admins'].includes(name)) return;
        expect(parseCommand(text.toUpperCase())).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });

  it('answer and flag keep any well-formed text exactly, trimmed at the ends', () => {
    fc.assert(
      fc.property(
        freeText,
        fc.mixedCase(fc.constantFrom('answer', 'flag', 'practice answer')),
        (text, word) => {
          const result = parseCommand(`${word}\n ${text} \t`);
          const lower = word.toLowerCase();
          const expected: Command =
            lower === 'flag'
              ? { name: 'flag', reason: text }
              : lower === 'answer'
                ? { name: 'answer', text }
                : { name: 'practice-answer', text };
          expect(result).toEqual({ ok: true, command: expected });
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('refusals and what a command may be given', () => {
  const huge = fc
    .tuple(commandWord, fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }))
    .map(([word, chunk]) => `${word} ${chunk.repeat(Math.ceil(50_000 / chunk.length))}`);

  // Not "one line": a schedule refusal quotes the typed schedule as it was, line breaks
  // included (the renderers show it escaped). What matters is that no essay comes back.
  it('a refusal echoes a bounded part of the input, however long the input', () => {
    fc.assert(
      fc.property(fc.oneof(anyText, commandLike, huge), (text) => {
        const result = parseCommand(text);
        if (result.ok) return;
        expect(result.error.message.length).toBeLessThanOrEqual(1_000);
      }),
      { numRuns: 3000 },
    );
  });

  it('the daily ping is a group, a role or a handle, never one person', () => {
    const target = fc.oneof(groupMention, userMention, anyText, argument);
    fc.assert(
      fc.property(target, (mention) => {
        const result = parseCommand(`ping ${mention}`);
        if (!result.ok || result.command.name !== 'ping' || result.command.mention === null) return;
        expect(['group', 'handle']).toContain(mentionKind(result.command.mention));
      }),
      { numRuns: 3000 },
    );
  });

  // A plain `@name` (a handle) is let through for the adapter to resolve to a person.
  it('a drill admin is added or removed as a person or handle, never a group or role', () => {
    const target = fc.oneof(groupMention, userMention, anyText, argument);
    fc.assert(
      fc.property(fc.constantFrom('add', 'remove'), target, (action, user) => {
        const result = parseCommand(`admins ${action} ${user}`);
        if (!result.ok || result.command.name !== 'admins') return;
        expect(['user', 'handle']).toContain(mentionKind(result.command.user));
      }),
      { numRuns: 3000 },
    );
  });

  it('outside free text, the spacing between words does not matter', () => {
    const gap = fc.string({ unit: fc.constantFrom(' ', '\t', '\n'), minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(commandLike, fc.array(gap, { minLength: 1 }), (text, gaps) => {
        const first = parseCommand(text);
        if (!first.ok) return;
        if (['answer', 'practice-answer', 'flag'].includes(first.command.name)) return;
        const respaced = text
          .trim()
          .split(/\s+/)
          .map((word, i) => (i === 0 ? word : `${gaps[i % gaps.length]}${word}`))
          .join('');
        expect(parseCommand(respaced)).toEqual(first);
      }),
      { numRuns: 3000 },
    );
  });
});
