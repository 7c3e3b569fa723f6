/**
 * The `/drill` application command (adapters/discord/commands.ts): a registration body that
 * keeps Discord's rules, `interactionToText` producing exactly the text the core parses into
 * the intended command, and autocomplete suggestions.
 */
import { describe, expect, it } from 'vitest';
import {
  DRILL_COMMAND,
  drillCommandDefinition,
  interactionToText,
  SUBCOMMANDS,
} from '../../../adapters/discord/commands.ts';
import {
  autocompleteChoices,
  autocompleteFocus,
} from '../../../adapters/discord/commands-autocomplete.ts';
import { formatCommand } from '../../../src/core/commands/format.ts';
import { parseCommand } from '../../../src/core/commands/parse.ts';
import type { Command } from '../../../src/core/commands/types.ts';
import { COMMAND_NAMES, commandWords } from '../../../src/core/commands/usage.ts';

const GUILD = '1000000000000000001';
const BOB = '2000000000000000002';
const ROLE = '9000000000000000001';

type Value = string | boolean;

/** A chat-input interaction's `data` for `/drill <sub>` with `options`. */
function invocation(
  sub: string,
  options: Record<string, Value> = {},
  types: Record<string, number> = {},
) {
  return {
    id: '7000000000000000100',
    name: DRILL_COMMAND,
    type: 1,
    options: [
      {
        name: sub,
        type: 1,
        options: Object.entries(options).map(([name, value]) => ({
          name,
          type: types[name] ?? (typeof value === 'boolean' ? 5 : 3),
          value,
        })),
      },
    ],
  };
}

describe('the registration body', () => {
  const definition = drillCommandDefinition();
  const subcommands = definition.options ?? [];
  const NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

  it('is /drill, open to every member, in servers and in DMs', () => {
    expect(definition).toMatchObject({
      name: 'drill',
      type: 1,
      default_member_permissions: null,
      contexts: [0, 1],
      integration_types: [0],
    });
    expect(definition.description.length).toBeLessThanOrEqual(100);
  });

  it("keeps Discord's limits: 25 subcommands and options, names, descriptions, choices", () => {
    expect(subcommands).toHaveLength(25);
    expect(new Set(subcommands.map((sub) => sub.name)).size).toBe(25);
    for (const sub of subcommands) {
      expect(sub.type).toBe(1);
      expect(sub.name).toMatch(NAME);
      expect(sub.description.length).toBeGreaterThan(0);
      expect(sub.description.length).toBeLessThanOrEqual(100);
      if (sub.type !== 1) continue;
      const options = sub.options ?? [];
      expect(options.length).toBeLessThanOrEqual(25);
      // Discord refuses a required option after an optional one.
      const required = options.map((option) => option.required === true);
      expect(required).toStrictEqual([...required].sort((a, b) => Number(b) - Number(a)));
      for (const option of options) {
        expect(option.name).toMatch(NAME);
        expect(option.description.length).toBeGreaterThan(0);
        expect(option.description.length).toBeLessThanOrEqual(100);
        if ('choices' in option && option.choices) {
          expect(option.choices.length).toBeLessThanOrEqual(25);
          expect('autocomplete' in option && option.autocomplete).toBeFalsy();
        }
        if ('max_length' in option && option.max_length !== undefined)
          expect(option.max_length).toBeLessThanOrEqual(6000);
      }
    }
  });

  it('offers every command word: as a subcommand, or folded into its neighbour', () => {
    const names = new Set(subcommands.map((sub) => sub.name));
    const folded: Record<string, string> = {
      zone: 'schedule',
      remind: 'window',
      'practice-answer': 'practice',
    };
    for (const name of COMMAND_NAMES) expect(names.has(folded[name] ?? name), name).toBe(true);
    expect(subcommands.map((sub) => sub.name)).toStrictEqual(SUBCOMMANDS.map((sub) => sub.name));
  });

  it('types the options: choices, a user, a role, autocomplete on packs', () => {
    const option = (sub: string, name: string) => {
      const found = subcommands.find((s) => s.name === sub);
      return found?.type === 1 ? found.options?.find((o) => o.name === name) : undefined;
    };
    expect(option('leaderboard', 'period')).toMatchObject({
      type: 3,
      choices: [
        { name: 'week', value: 'week' },
        { name: 'month', value: 'month' },
        { name: 'all', value: 'all' },
      ],
    });
    expect(option('optout', 'state')).toMatchObject({
      required: true,
      choices: [{ value: 'on' }, { value: 'off' }],
    });
    expect(option('mode', 'mode')).toMatchObject({
      choices: [{ value: 'thread' }, { value: 'blind' }],
    });
    expect(option('admins', 'user')).toMatchObject({ type: 6, required: true });
    expect(option('ping', 'role')).toMatchObject({ type: 8, required: false });
    for (const [sub, name] of [
      ['packs', 'packs'],
      ['practice', 'filter'],
      ['tips', 'pack'],
    ]) {
      expect(option(sub ?? '', name ?? '')).toMatchObject({ type: 3, autocomplete: true });
    }
  });
});

describe('interactionToText', () => {
  const cases: [string, ReturnType<typeof invocation>, string, Command][] = [
    ['help', invocation('help'), 'help', { name: 'help' }],
    [
      'help with a topic',
      invocation('help', { command: 'practice answer' }),
      'help practice answer',
      { name: 'help', topic: 'practice-answer' },
    ],
    ['practice', invocation('practice'), 'practice', { name: 'practice' }],
    [
      'practice with a filter',
      invocation('practice', { filter: 'cloud-security' }),
      'practice cloud-security',
      { name: 'practice', filter: 'cloud-security' },
    ],
    [
      'practice answer',
      invocation('practice', { answer: 'Least  privilege' }),
      'practice answer Least  privilege',
      { name: 'practice-answer', text: 'Least  privilege' },
    ],
    [
      'answer',
      invocation('answer', { text: 'Rotate, then revoke' }),
      'answer Rotate, then revoke',
      { name: 'answer', text: 'Rotate, then revoke' },
    ],
    [
      'leaderboard',
      invocation('leaderboard'),
      'leaderboard',
      { name: 'leaderboard', period: 'week', scope: 'channel' },
    ],
    [
      'leaderboard with both',
      invocation('leaderboard', { period: 'all', scope: 'workspace' }),
      'leaderboard all workspace',
      { name: 'leaderboard', period: 'all', scope: 'workspace' },
    ],
    [
      'leaderboard with a scope only',
      invocation('leaderboard', { scope: 'workspace' }),
      'leaderboard workspace',
      { name: 'leaderboard', period: 'week', scope: 'workspace' },
    ],
    ['stats', invocation('stats'), 'stats', { name: 'stats' }],
    [
      'tips',
      invocation('tips', { pack: 'appsec' }),
      'tips appsec',
      { name: 'tips', pack: 'appsec' },
    ],
    [
      'flag',
      invocation('flag', { reason: 'Two right answers' }),
      'flag Two right answers',
      { name: 'flag', reason: 'Two right answers' },
    ],
    [
      'optout',
      invocation('optout', { state: 'on' }),
      'optout on',
      { name: 'optout', optOut: true },
    ],
    ['export-me', invocation('export-me'), 'export-me', { name: 'export-me' }],
    ['forget-me', invocation('forget-me'), 'forget-me', { name: 'forget-me' }],
    ['now', invocation('now'), 'now', { name: 'now' }],
    ['reveal', invocation('reveal'), 'reveal', { name: 'reveal' }],
    ['skip', invocation('skip'), 'skip', { name: 'skip' }],
    [
      'schedule with a zone',
      invocation('schedule', { when: 'weekdays 09:00', zone: 'Europe/London' }),
      'schedule weekdays 09:00 Europe/London',
      {
        name: 'schedule',
        when: { cron: '0 9 * * 1-5', label: 'weekdays 09:00' },
        zone: 'Europe/London',
      },
    ],
    [
      'schedule without a zone',
      invocation('schedule', { when: 'daily 18:30' }),
      'schedule daily 18:30',
      { name: 'schedule', when: { cron: '30 18 * * *', label: 'daily 18:30' } },
    ],
    [
      'zone (schedule with a zone only)',
      invocation('schedule', { zone: 'Asia/Tokyo' }),
      'zone Asia/Tokyo',
      { name: 'zone', zone: 'Asia/Tokyo' },
    ],
    [
      'window',
      invocation('window', { duration: '8h' }),
      'window 8h',
      { name: 'window', ms: 8 * 3_600_000 },
    ],
    [
      'remind (window with remind only)',
      invocation('window', { remind: '1h' }),
      'remind 1h',
      { name: 'remind', beforeMs: 3_600_000 },
    ],
    [
      'remind off',
      invocation('window', { remind: 'off' }),
      'remind off',
      { name: 'remind', beforeMs: null },
    ],
    [
      'packs',
      invocation('packs', { packs: 'cloud-security,appsec' }),
      'packs cloud-security,appsec',
      { name: 'packs', packs: ['cloud-security', 'appsec'] },
    ],
    [
      'packs all',
      invocation('packs', { packs: 'all' }),
      'packs all',
      { name: 'packs', packs: 'all' },
    ],
    ['mode', invocation('mode', { mode: 'blind' }), 'mode blind', { name: 'mode', mode: 'blind' }],
    [
      'ping a role',
      invocation('ping', { role: ROLE }, { role: 8 }),
      `ping <@&${ROLE}>`,
      { name: 'ping', mention: `<@&${ROLE}>` },
    ],
    ['ping off', invocation('ping', { off: true }), 'ping off', { name: 'ping', mention: null }],
    [
      'weekly-board',
      invocation('weekly-board', { state: 'off' }),
      'weekly-board off',
      { name: 'weekly-board', enabled: false },
    ],
    ['pause', invocation('pause'), 'pause', { name: 'pause' }],
    ['resume', invocation('resume'), 'resume', { name: 'resume' }],
    ['stop', invocation('stop'), 'stop', { name: 'stop' }],
    ['status', invocation('status'), 'status', { name: 'status' }],
    [
      'admins add',
      invocation('admins', { action: 'add', user: BOB }, { user: 6 }),
      `admins add <@${BOB}>`,
      { name: 'admins', action: 'add', user: `<@${BOB}>` },
    ],
    [
      'admins remove',
      invocation('admins', { action: 'remove', user: BOB }, { user: 6 }),
      `admins remove <@${BOB}>`,
      { name: 'admins', action: 'remove', user: `<@${BOB}>` },
    ],
    ['reload', invocation('reload'), 'reload', { name: 'reload' }],
  ];

  it.each(cases)('%s', (_name, data, text, command) => {
    expect(interactionToText(data, { guildId: GUILD })).toBe(text);
    expect(parseCommand(text)).toStrictEqual({ ok: true, command });
  });

  it('reaches every command the core has', () => {
    const reached = new Set(cases.map(([, , , command]) => command.name));
    expect([...reached].sort()).toStrictEqual([...COMMAND_NAMES].sort());
  });

  it('renders what formatCommand renders, where the options map one to one', () => {
    for (const [, data, text, command] of cases) {
      if (command.name === 'leaderboard' || command.name === 'help') continue;
      expect(formatCommand(command), text).toBe(interactionToText(data, { guildId: GUILD }));
    }
  });

  it('pings @everyone rather than a role for the role whose id is the guild', () => {
    expect(
      interactionToText(invocation('ping', { role: GUILD }, { role: 8 }), { guildId: GUILD }),
    ).toBe('ping @everyone');
  });

  it('turns two folded options into text the core refuses, never half of it', () => {
    for (const [data, command] of [
      [invocation('window', { duration: '8h', remind: '1h' }), 'window'],
      [invocation('ping', { role: ROLE, off: true }, { role: 8 }), 'ping'],
      [invocation('practice', { filter: 'appsec', answer: 'x' }), 'practice'],
    ] as const) {
      const text = interactionToText(data) ?? '';
      expect(parseCommand(text)).toMatchObject({ ok: false, error: { command } });
    }
  });

  it('leaves a missing required option to the core, which names it', () => {
    expect(interactionToText(invocation('answer'))).toBe('answer');
    expect(parseCommand('answer')).toMatchObject({ ok: false, error: { command: 'answer' } });
    expect(interactionToText(invocation('schedule'))).toBe('schedule');
  });

  it('keeps an unknown subcommand by name and ignores unknown or mistyped options', () => {
    expect(interactionToText(invocation('launch'))).toBe('launch');
    expect(interactionToText(invocation('answer', { text: 'x', extra: 'y' }))).toBe('answer x');
    expect(
      interactionToText(invocation('admins', { action: 'add', user: 'not-an-id' }, { user: 6 })),
    ).toBe('admins add');
    expect(interactionToText(invocation('ping', { off: 'true' }))).toBe('ping');
  });

  it('reads a subcommand group as two words', () => {
    const data = {
      name: 'drill',
      type: 1,
      options: [{ name: 'practice', type: 2, options: [{ name: 'answer', type: 1, options: [] }] }],
    };
    expect(interactionToText(data)).toBe('practice answer');
  });

  it('cleans option text: NUL, lone surrogates, line breaks', () => {
    expect(interactionToText(invocation('flag', { reason: 'a\u0000b\ud800\r\nc' }))).toBe(
      'flag ab\ufffd c',
    );
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['a string', '/drill now'],
    ['no options', { name: 'drill', type: 1 }],
    ['empty options', { name: 'drill', type: 1, options: [] }],
    ['a context menu command', { name: 'Report', type: 2, target_id: BOB }],
    [
      'a leaf option at the top',
      { name: 'drill', type: 1, options: [{ name: 'text', type: 3, value: 'x' }] },
    ],
    ['a subcommand name with a space', invocation('now please')],
    ['option text past 6,000 characters', invocation('answer', { text: 'a'.repeat(6001) })],
    ['options of the wrong type', { name: 'drill', type: 1, options: 'now' }],
  ])('undefined for %s', (_name, data) => {
    expect(interactionToText(data)).toBeUndefined();
  });

  it('keeps 6,000 characters of answer, emoji included', () => {
    const answer = '🔐'.repeat(3000);
    expect(interactionToText(invocation('answer', { text: answer }))).toBe(`answer ${answer}`);
  });
});

describe('autocomplete', () => {
  const focusOn = (sub: string, name: string, value: string) => ({
    name: 'drill',
    type: 1,
    options: [{ name: sub, type: 1, options: [{ name, type: 3, value, focused: true }] }],
  });
  const sources = {
    packs: ['cloud-security', 'appsec', 'ai-security'],
    tags: ['prompt-injection', 'iam'],
  };

  it('finds the focused option', () => {
    expect(autocompleteFocus(focusOn('packs', 'packs', 'cloud'))).toStrictEqual({
      subcommand: 'packs',
      option: 'packs',
      value: 'cloud',
    });
    expect(autocompleteFocus(invocation('packs', { packs: 'x' }))).toBeUndefined();
    expect(autocompleteFocus(null)).toBeUndefined();
  });

  it('suggests packs and tags, prefix matches first', () => {
    const names = (sub: string, option: string, value: string) =>
      autocompleteChoices({ subcommand: sub, option, value }, sources).map(
        (choice) => choice.value,
      );
    expect(names('tips', 'pack', 'sec')).toStrictEqual(['cloud-security', 'appsec', 'ai-security']);
    expect(names('tips', 'pack', 'a')).toStrictEqual(['appsec', 'ai-security']);
    expect(names('practice', 'filter', 'i')).toStrictEqual([
      'iam',
      'cloud-security',
      'ai-security',
      'prompt-injection',
    ]);
    expect(names('packs', 'packs', '')).toStrictEqual([
      'all',
      'cloud-security',
      'appsec',
      'ai-security',
    ]);
    expect(names('packs', 'packs', 'cloud-security, a')).toStrictEqual([
      'cloud-security,appsec',
      'cloud-security,ai-security',
    ]);
    expect(names('help', 'command', 'prac')).toStrictEqual(['practice', 'practice answer']);
    expect(names('schedule', 'zone', 'Europe/Lon')).toStrictEqual(['Europe/London']);
    expect(names('answer', 'text', 'x')).toStrictEqual([]);
  });

  it('offers at most 25 suggestions of at most 100 characters', () => {
    const many = {
      packs: Array.from({ length: 60 }, (_, i) => `pack-${i}`).concat('p'.repeat(101)),
    };
    const choices = autocompleteChoices({ subcommand: 'tips', option: 'pack', value: 'p' }, many);
    expect(choices).toHaveLength(25);
    expect(choices.every((choice) => choice.name.length <= 100 && choice.value.length <= 100)).toBe(
      true,
    );
    expect(
      autocompleteChoices({ subcommand: 'schedule', option: 'zone', value: '' }, many),
    ).toHaveLength(25);
    expect(
      autocompleteChoices({ subcommand: 'help', option: 'command', value: '' }, many).map(
        (c) => c.value,
      ),
    ).toStrictEqual(COMMAND_NAMES.map(commandWords).slice(0, 25));
  });
});
