import { describe, expect, it } from 'vitest';
import {
  COMMAND_NAMES,
  COMMAND_USAGE,
  type Command,
  type CommandName,
  commandWords,
  enrolsChannel,
  formatCommand,
  formatHelp,
  isAdminCommand,
  parseCommand,
  type UsageError,
} from '../../src/core/commands.ts';
import { parseWhen, type WhenSpec } from '../../src/core/schedule.ts';

function parsed(text: string): Command {
  const result = parseCommand(text);
  if (!result.ok) throw new Error(`${JSON.stringify(text)} did not parse: ${result.error.message}`);
  return result.command;
}

function refused(text: string): UsageError {
  const result = parseCommand(text);
  if (result.ok)
    throw new Error(`${JSON.stringify(text)} parsed as ${JSON.stringify(result.command)}`);
  return result.error;
}

function when(text: string): WhenSpec {
  const spec = parseWhen(text);
  if ('error' in spec) throw new Error(`test setup: ${text}: ${spec.error}`);
  return spec;
}

/** Every command name some success case below produced: checked against the table at the end. */
const covered = new Set<CommandName>();

function expectParses(cases: ReadonlyArray<readonly [string, Command]>): void {
  for (const [text, command] of cases) {
    expect(parsed(text), JSON.stringify(text)).toEqual(command);
    covered.add(command.name);
  }
}

function expectRefused(
  cases: ReadonlyArray<readonly [string, CommandName | undefined, string]>,
): void {
  for (const [text, command, message] of cases) {
    const error = refused(text);
    expect(error.message, JSON.stringify(text)).toBe(message);
    expect(error.command, JSON.stringify(text)).toBe(command);
    expect(error.usage).toBe(command ? COMMAND_USAGE[command].usage : '/drill help');
  }
}

describe('help and unknown commands', () => {
  it('treats blank text as help and accepts a command as topic', () => {
    expectParses([
      ['', { name: 'help' }],
      ['  \n\t ', { name: 'help' }],
      ['help', { name: 'help' }],
      ['HeLp', { name: 'help' }],
      ['help window', { name: 'help', topic: 'window' }],
      ['help Export-Me', { name: 'help', topic: 'export-me' }],
      ['help practice answer', { name: 'help', topic: 'practice-answer' }],
    ]);
  });

  it('names an unknown command and suggests a near miss', () => {
    expectRefused([
      ['foo', undefined, 'unknown command "foo": try /drill help'],
      ['FOO bar baz', undefined, 'unknown command "FOO": try /drill help'],
      [
        'shedule weekdays 09:00',
        undefined,
        'unknown command "shedule": did you mean "schedule"? Or try /drill help',
      ],
      [
        'leaderbord',
        undefined,
        'unknown command "leaderbord": did you mean "leaderboard"? Or try /drill help',
      ],
      [
        'exportme',
        undefined,
        'unknown command "exportme": did you mean "export-me"? Or try /drill help',
      ],
      ['<@U123>', undefined, 'unknown command "<@U123>": try /drill help'],
      ['help foo', 'help', 'unknown command "foo": try /drill help'],
      ['help windw', 'help', 'unknown command "windw": did you mean "window"? Or try /drill help'],
    ]);
  });

  it('does not treat prototype keys as commands', () => {
    expectRefused([
      ['constructor', undefined, 'unknown command "constructor": try /drill help'],
      ['__proto__', undefined, 'unknown command "__proto__": try /drill help'],
      ['help toString', 'help', 'unknown command "toString": try /drill help'],
    ]);
  });
});

describe('member commands', () => {
  it('practice takes an optional pack or tag, lower-cased', () => {
    expectParses([
      ['practice', { name: 'practice' }],
      ['practice appsec', { name: 'practice', filter: 'appsec' }],
      ['PRACTICE Prompt-Injection', { name: 'practice', filter: 'prompt-injection' }],
    ]);
    expectRefused([
      [
        'practice two words',
        'practice',
        '"two words" is not a pack or tag: use one kebab-case id, e.g. cloud-security',
      ],
      [
        'practice cloud_sec',
        'practice',
        '"cloud_sec" is not a pack or tag: use one kebab-case id, e.g. cloud-security',
      ],
    ]);
  });

  it('practice answer and answer keep the text as typed, trimmed at the ends only', () => {
    expectParses([
      [
        'practice answer  Use   parameterised\n\nqueries, NOT escaping  ',
        { name: 'practice-answer', text: 'Use   parameterised\n\nqueries, NOT escaping' },
      ],
      ['Practice ANSWER Foo', { name: 'practice-answer', text: 'Foo' }],
      ['answer\nLine one\n  Line two\t', { name: 'answer', text: 'Line one\n  Line two' }],
      [
        'ANSWER ping <!channel> and <@U123> & <https://x.test|x>',
        { name: 'answer', text: 'ping <!channel> and <@U123> & <https://x.test|x>' },
      ],
    ]);
    expectRefused([
      [
        'practice answer',
        'practice-answer',
        'practice answer needs your answer text: /drill practice answer <text>',
      ],
      ['answer', 'answer', 'answer needs your answer text: /drill answer <text>'],
      ['answer   \n  ', 'answer', 'answer needs your answer text: /drill answer <text>'],
    ]);
  });

  it('leaderboard defaults to week channel and takes period and scope in either order', () => {
    expectParses([
      ['leaderboard', { name: 'leaderboard', period: 'week', scope: 'channel' }],
      ['leaderboard month', { name: 'leaderboard', period: 'month', scope: 'channel' }],
      ['leaderboard workspace', { name: 'leaderboard', period: 'week', scope: 'workspace' }],
      ['leaderboard all workspace', { name: 'leaderboard', period: 'all', scope: 'workspace' }],
      ['leaderboard workspace all', { name: 'leaderboard', period: 'all', scope: 'workspace' }],
      ['LEADERBOARD Channel WEEK', { name: 'leaderboard', period: 'week', scope: 'channel' }],
    ]);
    const either = '(week, month or all) and one scope (channel or workspace)';
    expectRefused([
      [
        'leaderboard week month',
        'leaderboard',
        `"month" repeats the period: give at most one period ${either}`,
      ],
      [
        'leaderboard channel workspace',
        'leaderboard',
        `"workspace" repeats the scope: give at most one period ${either}`,
      ],
      [
        'leaderboard forever',
        'leaderboard',
        '"forever" is not a period or scope: use week, month or all, and channel or workspace',
      ],
    ]);
  });

  it('tips takes an optional pack', () => {
    expectParses([
      ['tips', { name: 'tips' }],
      ['tips Cloud-Security', { name: 'tips', pack: 'cloud-security' }],
    ]);
    expectRefused([
      ['tips a/b', 'tips', '"a/b" is not a pack: use one kebab-case id, e.g. cloud-security'],
    ]);
  });

  it('flag needs a reason and keeps it as typed', () => {
    expectParses([
      [
        'flag The answer key is WRONG\nsee RFC 6749',
        { name: 'flag', reason: 'The answer key is WRONG\nsee RFC 6749' },
      ],
    ]);
    expectRefused([['flag', 'flag', 'flag needs a reason: /drill flag <reason>']]);
  });

  it('optout takes on or off', () => {
    expectParses([
      ['optout on', { name: 'optout', optOut: true }],
      ['OPTOUT Off', { name: 'optout', optOut: false }],
    ]);
    expectRefused([
      ['optout yes', 'optout', '"yes" is not on or off: use /drill optout on|off'],
      ['optout', 'optout', 'optout needs on or off: /drill optout on|off'],
      ['optout on now', 'optout', '"on now" is not on or off: use /drill optout on|off'],
    ]);
  });

  it('commands without arguments refuse any', () => {
    const bare = [
      'stats',
      'export-me',
      'forget-me',
      'now',
      'reveal',
      'skip',
      'pause',
      'resume',
      'stop',
      'status',
      'reload',
    ] as const;
    expectParses(bare.map((name) => [` ${name.toUpperCase()} `, { name }] as const));
    expectRefused([
      ['stats now', 'stats', '"now" is not expected: /drill stats takes no arguments'],
      [
        'forget-me please',
        'forget-me',
        '"please" is not expected: /drill forget-me takes no arguments',
      ],
      ['stop all drills', 'stop', '"all drills" is not expected: /drill stop takes no arguments'],
    ]);
  });
});

describe('schedule', () => {
  it('accepts presets and crons, each with an optional trailing zone', () => {
    expectParses([
      ['schedule weekdays 09:00', { name: 'schedule', when: when('weekdays 09:00') }],
      [
        'schedule weekdays 09:00 Europe/London',
        { name: 'schedule', when: when('weekdays 09:00'), zone: 'Europe/London' },
      ],
      [
        'SCHEDULE Daily 18:30 australia/sydney',
        { name: 'schedule', when: when('daily 18:30'), zone: 'Australia/Sydney' },
      ],
      [
        'schedule mon,wed,fri 08:15 UTC',
        { name: 'schedule', when: when('mon,wed,fri 08:15'), zone: 'UTC' },
      ],
      ['schedule 0 9 * * 1-5', { name: 'schedule', when: when('0 9 * * 1-5') }],
      [
        'schedule 0 9 * * 1-5 America/New_York',
        { name: 'schedule', when: when('0 9 * * 1-5'), zone: 'America/New_York' },
      ],
      ['schedule 30 0 9 * * 1-5', { name: 'schedule', when: when('30 0 9 * * 1-5') }],
      [
        'schedule 30 0 9 * * 1-5 Australia/Sydney',
        { name: 'schedule', when: when('30 0 9 * * 1-5'), zone: 'Australia/Sydney' },
      ],
    ]);
  });

  it('accepts the cron in straight or curly quotes', () => {
    const cron = when('0 9 * * 1-5');
    expectParses([
      ['schedule "0 9 * * 1-5"', { name: 'schedule', when: cron }],
      [
        'schedule "0 9 * * 1-5" Europe/London',
        { name: 'schedule', when: cron, zone: 'Europe/London' },
      ],
      ["schedule '0 9 * * 1-5' utc", { name: 'schedule', when: cron, zone: 'UTC' }],
      [
        'schedule “0 9 * * 1-5” Europe/London',
        { name: 'schedule', when: cron, zone: 'Europe/London' },
      ],
    ]);
  });

  it('names a bad zone, a bad when and a missing when', () => {
    const notAZone = (zone: string) =>
      `"${zone}" is not a time zone: use an IANA name such as Europe/London or UTC`;
    const badWhen = parseWhen('whenever');
    if (!('error' in badWhen)) throw new Error('test setup: "whenever" should not parse');
    expectRefused([
      ['schedule weekdays 09:00 Mars/Olympus', 'schedule', notAZone('Mars/Olympus')],
      ['schedule 0 9 * * 1-5 Mars/Olympus', 'schedule', notAZone('Mars/Olympus')],
      ['schedule "0 9 * * 1-5" Mars/Olympus', 'schedule', notAZone('Mars/Olympus')],
      ['schedule whenever', 'schedule', badWhen.error],
      [
        'schedule weekdays 9am UTC',
        'schedule',
        '"9am" is not a time: use HH:MM from 00:00 to 23:59',
      ],
      [
        'schedule',
        'schedule',
        'schedule needs a time such as weekdays 09:00: /drill schedule <when> [zone]',
      ],
      [
        'schedule Europe/London',
        'schedule',
        'schedule needs a time before the zone "Europe/London": /drill schedule <when> [zone]',
      ],
      [
        'schedule "0 9 * * 1-5 Europe/London',
        'schedule',
        'the quote before 0 9 * * 1-5 Europe/London is never closed: use e.g. /drill schedule "0 9 * * 1-5" Europe/London',
      ],
    ]);
  });

  it('rejects an invalid cron with the schedule usage', () => {
    for (const text of [
      'schedule 0 25 * * *',
      'schedule "99 9 * * 1-5" UTC',
      'schedule weekdays 9am',
    ]) {
      const error = refused(text);
      expect(error.command).toBe('schedule');
      expect(error.usage).toBe('/drill schedule <when> [zone]');
      expect(error.message.length).toBeGreaterThan(0);
    }
  });
});

describe('channel settings', () => {
  it('zone takes one IANA zone, spelled canonically', () => {
    expectParses([
      ['zone Europe/London', { name: 'zone', zone: 'Europe/London' }],
      ['ZONE america/new_york', { name: 'zone', zone: 'America/New_York' }],
      ['zone utc', { name: 'zone', zone: 'UTC' }],
    ]);
    expectRefused([
      [
        'zone Mars/Olympus',
        'zone',
        '"Mars/Olympus" is not a time zone: use an IANA name such as Europe/London or UTC',
      ],
      [
        'zone Europe/London Europe/Paris',
        'zone',
        '"Europe/London Europe/Paris" is not a time zone: use an IANA name such as Europe/London or UTC',
      ],
      ['zone', 'zone', 'zone needs a time zone: /drill zone <IANA zone>'],
    ]);
  });

  it('window takes a duration from 10s to 7d, in ms', () => {
    expectParses([
      ['window 30m', { name: 'window', ms: 30 * 60_000 }],
      ['WINDOW 8H', { name: 'window', ms: 8 * 3_600_000 }],
      ['window 1d', { name: 'window', ms: 86_400_000 }],
      ['window 10s', { name: 'window', ms: 10_000 }],
      ['window 7d', { name: 'window', ms: 7 * 86_400_000 }],
      ['window 168h', { name: 'window', ms: 7 * 86_400_000 }],
      ['window 90 m', { name: 'window', ms: 90 * 60_000 }],
    ]);
    const range = 'the window is 10s to 7d';
    expectRefused([
      [
        'window 45m5',
        'window',
        '"45m5" is not a duration: use a number and a unit, from 10s to 7d (e.g. 30m, 8h, 1d)',
      ],
      [
        'window soon',
        'window',
        '"soon" is not a duration: use a number and a unit, from 10s to 7d (e.g. 30m, 8h, 1d)',
      ],
      ['window 5s', 'window', `window 5s is too short: ${range}`],
      ['window 9S', 'window', `window 9s is too short: ${range}`],
      ['window 0m', 'window', `window 0m is too short: ${range}`],
      ['window 8d', 'window', `window 8d is too long: ${range}`],
      ['window 604801s', 'window', `window 604801s is too long: ${range}`],
      ['window', 'window', 'window needs a duration: /drill window <duration>'],
    ]);
  });

  it('packs takes kebab-case ids or all', () => {
    expectParses([
      ['packs all', { name: 'packs', packs: 'all' }],
      ['PACKS ALL', { name: 'packs', packs: 'all' }],
      ['packs appsec', { name: 'packs', packs: ['appsec'] }],
      ['packs appsec,cloud-security', { name: 'packs', packs: ['appsec', 'cloud-security'] }],
      [
        'packs AppSec, cloud-security ,appsec',
        { name: 'packs', packs: ['appsec', 'cloud-security'] },
      ],
      ['packs cloud-security detection', { name: 'packs', packs: ['cloud-security', 'detection'] }],
    ]);
    expectRefused([
      [
        'packs all,appsec',
        'packs',
        '"all" cannot be mixed with pack ids: use /drill packs all, or list the ids',
      ],
      [
        'packs appsec,cloud_security',
        'packs',
        '"cloud_security" is not a pack id: ids are kebab-case, e.g. cloud-security, separated by commas',
      ],
      ['packs', 'packs', 'packs needs pack ids or all: /drill packs <id,...|all>'],
      ['packs , ,', 'packs', 'packs needs pack ids or all: /drill packs <id,...|all>'],
    ]);
  });

  it('mode takes thread or blind', () => {
    expectParses([
      ['mode thread', { name: 'mode', mode: 'thread' }],
      ['Mode BLIND', { name: 'mode', mode: 'blind' }],
    ]);
    expectRefused([
      ['mode fast', 'mode', '"fast" is not a mode: use /drill mode thread|blind'],
      ['mode', 'mode', 'mode needs a mode: /drill mode thread|blind'],
    ]);
  });

  it('remind takes a duration or off', () => {
    expectParses([
      ['remind 1h', { name: 'remind', beforeMs: 3_600_000 }],
      ['remind 30M', { name: 'remind', beforeMs: 30 * 60_000 }],
      ['remind off', { name: 'remind', beforeMs: null }],
      ['REMIND OFF', { name: 'remind', beforeMs: null }],
    ]);
    const range = 'a reminder is 10s to 7d before close';
    expectRefused([
      ['remind 5s', 'remind', `remind 5s is too short: ${range}`],
      ['remind 8d', 'remind', `remind 8d is too long: ${range}`],
      [
        'remind soon',
        'remind',
        '"soon" is not a duration or off: use a number and a unit, from 10s to 7d (e.g. 30m, 8h, 1d), or off',
      ],
      ['remind', 'remind', 'remind needs a duration: /drill remind <duration|off>'],
    ]);
  });

  it('ping keeps a role or group mention as typed, or turns off', () => {
    expectParses([
      ['ping <!subteam^S123>', { name: 'ping', mention: '<!subteam^S123>' }],
      ['ping <!subteam^S123|@sec-team>', { name: 'ping', mention: '<!subteam^S123|@sec-team>' }],
      ['PING <@&123456789012345678>', { name: 'ping', mention: '<@&123456789012345678>' }],
      ['ping @Security-Team', { name: 'ping', mention: '@Security-Team' }],
      ['ping <!here>', { name: 'ping', mention: '<!here>' }],
      ['ping @everyone', { name: 'ping', mention: '@everyone' }],
      ['ping off', { name: 'ping', mention: null }],
      ['ping Off', { name: 'ping', mention: null }],
    ]);
    const fix = 'mention one, e.g. @security-team, or use off';
    expectRefused([
      ['ping <@U123>', 'ping', `"<@U123>" is a person, not a role or group: ${fix}`],
      ['ping <@!123>', 'ping', `"<@!123>" is a person, not a role or group: ${fix}`],
      [
        'ping <#C123|general>',
        'ping',
        `"<#C123|general>" is a channel, not a role or group: ${fix}`,
      ],
      ['ping security', 'ping', `"security" is not a role or group: ${fix}`],
      ['ping @sec @ops', 'ping', `"@sec @ops" is not a role or group: ${fix}`],
      ['ping', 'ping', 'ping needs a role or group, or off: /drill ping <role or group|off>'],
    ]);
  });

  it('weekly-board takes on or off', () => {
    expectParses([
      ['weekly-board on', { name: 'weekly-board', enabled: true }],
      ['Weekly-Board OFF', { name: 'weekly-board', enabled: false }],
    ]);
    expectRefused([
      [
        'weekly-board monday',
        'weekly-board',
        '"monday" is not on or off: use /drill weekly-board on|off',
      ],
    ]);
  });

  it('admins adds or removes one user, kept as typed', () => {
    expectParses([
      ['admins add <@U0123ABC>', { name: 'admins', action: 'add', user: '<@U0123ABC>' }],
      [
        'admins add <@U0123ABC|alice>',
        { name: 'admins', action: 'add', user: '<@U0123ABC|alice>' },
      ],
      [
        'ADMINS REMOVE <@123456789012345678>',
        { name: 'admins', action: 'remove', user: '<@123456789012345678>' },
      ],
      [
        'admins add <@!123456789012345678>',
        { name: 'admins', action: 'add', user: '<@!123456789012345678>' },
      ],
      ['admins add slack:U0123', { name: 'admins', action: 'add', user: 'slack:U0123' }],
      ['admins remove discord:1234', { name: 'admins', action: 'remove', user: 'discord:1234' }],
      ['admins add U0123ABC', { name: 'admins', action: 'add', user: 'U0123ABC' }],
      ['admins add @Alice', { name: 'admins', action: 'add', user: '@Alice' }],
    ]);
    const fix = 'mention one person, e.g. @alice';
    expectRefused([
      ['admins', 'admins', 'admins needs add or remove: /drill admins add|remove <user>'],
      ['admins add', 'admins', 'admins needs a user: /drill admins add|remove <user>'],
      [
        'admins grant <@U1>',
        'admins',
        '"grant" is not add or remove: use /drill admins add|remove <user>',
      ],
      ['admins add <@&123>', 'admins', `"<@&123>" is a role or group, not a person: ${fix}`],
      [
        'admins add <!subteam^S1>',
        'admins',
        `"<!subteam^S1>" is a role or group, not a person: ${fix}`,
      ],
      ['admins add alice bob', 'admins', `"alice bob" is not a user: ${fix}`],
      ['admins add alice', 'admins', `"alice" is not a user: ${fix}`],
    ]);
  });
});

describe('hostile input', () => {
  it('drops NUL and replaces lone surrogates in free text', () => {
    expect(parsed('answer a\u0000b')).toEqual({ name: 'answer', text: 'ab' });
    expect(parsed('answer x\uD800y\uDC00')).toEqual({ name: 'answer', text: 'x\uFFFDy\uFFFD' });
    expect(parsed('answer 😀 ok')).toEqual({ name: 'answer', text: '😀 ok' });
  });

  it('answers a huge value with a short error, never echoing it whole', () => {
    const huge = 'x'.repeat(2_000_000);
    for (const text of [
      huge,
      `window ${huge}`,
      `zone ${huge}`,
      `admins add ${huge}`,
      `ping ${huge}`,
    ]) {
      const error = refused(text);
      expect(error.message.length).toBeLessThan(200);
      expect(error.message).toContain('…');
    }
    expect(parsed(`answer ${huge}`)).toEqual({ name: 'answer', text: huge });
  });

  it('echoes a bad value on one line, control and bidi runs shown as one U+FFFD', () => {
    expectRefused([
      [
        'zone \u202EnodnoL/eporuE\u202C',
        'zone',
        '"\uFFFDnodnoL/eporuE\uFFFD" is not a time zone: use an IANA name such as Europe/London or UTC',
      ],
      [
        'packs a,\u0001\u0007b',
        'packs',
        '"\uFFFDb" is not a pack id: ids are kebab-case, e.g. cloud-security, separated by commas',
      ],
    ]);
    expect(refused(`optout ${'\u0001'.repeat(10_000)}`).message).toBe(
      '"\uFFFD…" is not on or off: use /drill optout on|off',
    );
    expect(refused('mode thread\n\nblind').message).toBe(
      '"thread blind" is not a mode: use /drill mode thread|blind',
    );
  });

  it('never splits a surrogate pair when cutting a quoted value', () => {
    const error = refused(`zone ${'😀'.repeat(100)}`);
    expect(error.message.startsWith(`"${'😀'.repeat(40)}…"`)).toBe(true);
  });
});

describe('COMMAND_USAGE, help and the admin and enrol flags', () => {
  it('has a usage line for every command, starting with how it is typed', () => {
    expect(new Set(COMMAND_NAMES)).toEqual(new Set(Object.keys(COMMAND_USAGE)));
    for (const name of COMMAND_NAMES) {
      const { usage } = COMMAND_USAGE[name];
      expect(
        usage === `/drill ${commandWords(name)}` ||
          usage.startsWith(`/drill ${commandWords(name)} `),
        name,
      ).toBe(true);
    }
  });

  it('every command in the table was parsed successfully above', () => {
    expect([...covered].sort()).toEqual([...COMMAND_NAMES].sort());
  });

  it('marks exactly the interface admin commands as admin', () => {
    const admin = COMMAND_NAMES.filter((name) => COMMAND_USAGE[name].admin).sort();
    expect(admin).toEqual(
      [
        'now',
        'reveal',
        'skip',
        'schedule',
        'zone',
        'window',
        'packs',
        'mode',
        'remind',
        'ping',
        'weekly-board',
        'pause',
        'resume',
        'stop',
        'status',
        'admins',
        'reload',
      ].sort(),
    );
    expect(isAdminCommand({ name: 'now' })).toBe(true);
    expect(isAdminCommand({ name: 'status' })).toBe(true);
    expect(isAdminCommand({ name: 'answer', text: 'x' })).toBe(false);
    expect(isAdminCommand({ name: 'leaderboard', period: 'all', scope: 'workspace' })).toBe(false);
  });

  it('enrols only through channel-setting admin commands, never help, status, leaderboard or stats', () => {
    for (const text of [
      'help',
      'status',
      'leaderboard',
      'stats',
      'stop',
      'pause',
      'reveal',
      'skip',
      'reload',
      'admins add @a',
      'answer x',
    ]) {
      expect(enrolsChannel(parsed(text)), text).toBe(false);
    }
    for (const text of [
      'now',
      'schedule daily 09:00',
      'zone UTC',
      'window 1h',
      'packs all',
      'mode blind',
      'remind off',
      'ping off',
      'weekly-board on',
      'resume',
    ]) {
      expect(enrolsChannel(parsed(text)), text).toBe(true);
    }
    for (const name of COMMAND_NAMES) {
      if (COMMAND_USAGE[name].enrols) expect(COMMAND_USAGE[name].admin, name).toBe(true);
    }
  });

  it('builds help from the table: members see member commands, admins all', () => {
    const memberHelp = formatHelp({ includeAdmin: false }).split('\n');
    const adminHelp = formatHelp({ includeAdmin: true }).split('\n');
    expect(adminHelp).toHaveLength(COMMAND_NAMES.length);
    expect(memberHelp).toHaveLength(COMMAND_NAMES.filter((n) => !COMMAND_USAGE[n].admin).length);
    expect(memberHelp).toContain(`/drill stats: ${COMMAND_USAGE.stats.summary}`);
    expect(memberHelp.some((line) => line.startsWith('/drill window'))).toBe(false);
    expect(adminHelp.some((line) => line.startsWith('/drill window <duration>: '))).toBe(true);
    expect(memberHelp.some((line) => line.startsWith('/drill practice answer <text>: '))).toBe(
      true,
    );
    expect(formatHelp({ includeAdmin: false, topic: 'mode' })).toBe(
      `/drill mode thread|blind: ${COMMAND_USAGE.mode.summary}`,
    );
  });

  it('formats every command example back to text that parses to it', () => {
    for (const text of [
      'help practice answer',
      'schedule "0 9 * * 1-5" Europe/London',
      'packs a,b',
      'remind 90s',
      'window 1440m',
    ]) {
      const command = parsed(text);
      expect(parsed(formatCommand(command)), text).toEqual(command);
    }
    expect(formatCommand({ name: 'window', ms: 86_400_000 })).toBe('window 1d');
    expect(formatCommand({ name: 'remind', beforeMs: null })).toBe('remind off');
    expect(formatCommand({ name: 'ping', mention: null })).toBe('ping off');
  });
});
