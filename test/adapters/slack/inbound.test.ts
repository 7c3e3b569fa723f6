/**
 * Slack inbound translation (adapters/slack/inbound.ts): every branch over fixtures in
 * Slack's documented shapes with exact expected events, and hostile input (missing fields,
 * wrong types, huge text, NUL, lone surrogates, exotic objects) that must never throw.
 */
import { readdirSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type EventContext,
  encodeFormMetadata,
  type FormRequest,
  formToOpen,
  translateAction,
  translateCommand,
  translateEvent,
} from '../../../adapters/slack/inbound.ts';
import { MAX_RAW_TEXT } from '../../../adapters/slack/inbound-text.ts';
import { parseChannelId, parseMemberId, parseMessageId } from '../../../src/core/ids.ts';
import type { InboundEvent } from '../../../src/core/platform.ts';

const FIXTURES = new URL('./fixtures/', import.meta.url);
const NAMES = readdirSync(FIXTURES)
  .filter((file) => file.endsWith('.json'))
  .map((file) => file.slice(0, -'.json'.length))
  .sort();
const TEXTS = new Map(
  NAMES.map((name) => [name, readFileSync(new URL(`${name}.json`, FIXTURES), 'utf8')]),
);

function fixture(name: string): unknown {
  const text = TEXTS.get(name);
  if (text === undefined) throw new Error(`no fixture ${name}`);
  return JSON.parse(text);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

const REMOVE = Symbol('remove');

/** Fixture `name` with the value at dotted `path` replaced, or removed with REMOVE. */
function patched(name: string, changes: Record<string, unknown>): unknown {
  const root = fixture(name);
  for (const [path, value] of Object.entries(changes)) setPath(root, path.split('.'), value);
  return root;
}

function setPath(root: unknown, path: string[], value: unknown): void {
  const parent = path
    .slice(0, -1)
    .reduce<unknown>((node, key) => (isRecord(node) ? node[key] : undefined), root);
  const last = path.at(-1);
  if (!isRecord(parent) || last === undefined) throw new Error(`no ${path.join('.')} in fixture`);
  if (value === REMOVE) Reflect.deleteProperty(parent, last);
  else parent[last] = value;
}

const context: EventContext = {
  botUserId: 'U0DRILLBT',
  botId: 'B0DRILLBT',
  receivedAt: new Date('2030-01-01T00:00:00Z'),
};
const AT = new Date('2023-11-14T22:20:00Z');
const CHANNEL = 'slack:T0TEAM001:C0DRILLS1';
const ROOT = `${CHANNEL}:1700000000.000100`;
const REPLY = `${CHANNEL}:1700000120.123456`;
const ALICE = 'slack:U0ALICE01';
const BOB = 'slack:U0BOB0001';
const ms = (seconds: number, millis = 0) => new Date(seconds * 1000 + millis);

const EVENTS: Record<string, InboundEvent> = {
  'event-thread-reply': {
    type: 'thread_reply',
    eventId: 'slack:Ev0REPLY001',
    channel: CHANNEL,
    at: ms(1700000120, 123),
    root: ROOT,
    message: REPLY,
    member: ALICE,
    text: 'Rotate the key & revoke it <now> cc <@U0BOB0001>',
  },
  'event-thread-broadcast': {
    type: 'thread_reply',
    eventId: 'slack:Ev0BROADCAST',
    channel: CHANNEL,
    at: ms(1700000130),
    root: ROOT,
    message: `${CHANNEL}:1700000130.000300`,
    member: BOB,
    text: 'Also: least privilege',
  },
  'event-file-share-reply': {
    type: 'thread_reply',
    eventId: 'slack:Ev0FILESHARE',
    channel: CHANNEL,
    at: ms(1700000140),
    root: ROOT,
    message: `${CHANNEL}:1700000140.000400`,
    member: BOB,
    text: 'My diagram of the flow',
  },
  'event-message-changed': {
    type: 'reply_edited',
    eventId: 'slack:Ev0EDIT00001',
    channel: CHANNEL,
    at: ms(1700000300),
    root: ROOT,
    message: REPLY,
    member: ALICE,
    text: 'Rotate the key, revoke it & audit',
  },
  'event-message-deleted': {
    type: 'reply_deleted',
    eventId: 'slack:Ev0DELETE001',
    channel: CHANNEL,
    at: ms(1700000400),
    root: ROOT,
    message: REPLY,
  },
  'event-reaction-added': {
    type: 'reaction_added',
    eventId: 'slack:Ev0REACT0001',
    channel: CHANNEL,
    at: ms(1700000500),
    message: REPLY,
    member: BOB,
    emoji: '+1',
    fromBot: false,
  },
  'event-reaction-removed': {
    type: 'reaction_removed',
    eventId: 'slack:Ev0UNREACT01',
    channel: CHANNEL,
    at: ms(1700000510),
    message: REPLY,
    member: BOB,
    emoji: '+1',
    fromBot: false,
  },
  'event-reaction-added-by-bot': {
    type: 'reaction_added',
    eventId: 'slack:Ev0BOTREACT1',
    channel: CHANNEL,
    at: ms(1700000520),
    message: REPLY,
    member: 'slack:U0DRILLBT',
    emoji: '+1',
    fromBot: true,
  },
  // member_left_channel has no timestamp of its own: the envelope's event_time.
  'event-member-left-bot': {
    type: 'bot_removed',
    eventId: 'slack:Ev0LEFTBOT01',
    channel: CHANNEL,
    at: ms(1700000600),
  },
  'event-channel-left': {
    type: 'bot_removed',
    eventId: 'slack:Ev0CHANLEFT1',
    channel: CHANNEL,
    at: ms(1700000620),
  },
  'event-group-left': {
    type: 'bot_removed',
    eventId: 'slack:Ev0GROUPLFT1',
    channel: 'slack:T0TEAM001:G0PRIVATE',
    at: ms(1700000630),
  },
};

const DROPPED: [string, string][] = [
  ['event-top-level', 'a top-level channel message is no answer'],
  ['event-thread-root', 'a thread root is no reply'],
  ['event-own-reply', "the bot's own message is dropped at the edge"],
  ['event-other-bot-reply', "another app's bot user is dropped"],
  ['event-bot-message', 'a legacy bot_message is dropped'],
  ['event-channel-join', 'a join is not a reply subtype'],
  ['event-message-changed-root', 'a root changing its reply count is no edit of a reply'],
  ['event-message-changed-own', 'the bot editing its own message is dropped'],
  ['event-message-deleted-bare', 'a deletion without previous_message names no thread'],
  ['event-message-deleted-top-level', 'a deleted top-level message was no reply'],
  ['event-reaction-file', 'a reaction to a file is no vote'],
  ['event-member-left-other', 'a member leaving is not the bot leaving'],
  ['event-app-mention', 'app_mention duplicates the message event'],
  ['event-url-verification', 'url_verification is no event_callback'],
];

describe('translateEvent over the fixtures', () => {
  it('has an expectation for every event fixture', () => {
    const covered = [...Object.keys(EVENTS), ...DROPPED.map(([name]) => name)].sort();
    expect(covered).toEqual(NAMES.filter((name) => name.startsWith('event-')));
  });

  it.each(Object.entries(EVENTS))('%s', (name, expected) => {
    expect(translateEvent(fixture(name), context)).toStrictEqual(expected);
  });

  it.each(DROPPED)('%s: %s', (name) => {
    expect(translateEvent(fixture(name), context)).toBeUndefined();
  });
});

describe('translateEvent details', () => {
  const reply = (changes: Record<string, unknown>, ctx: EventContext = context) =>
    translateEvent(patched('event-thread-reply', changes), ctx);

  it('is the same event for a retried delivery, whenever it arrives', () => {
    const later = { ...context, receivedAt: new Date('2031-06-01T00:00:00Z') };
    expect(translateEvent(fixture('event-thread-reply'), later)).toStrictEqual(
      EVENTS['event-thread-reply'],
    );
  });

  it("drops the bot's message by its user id alone, and only the bot's", () => {
    const noBotId = { 'event.bot_id': REMOVE, 'event.bot_profile': REMOVE, 'event.app_id': REMOVE };
    const { botId: _unused, ...withoutBotId } = context;
    expect(translateEvent(patched('event-own-reply', noBotId), withoutBotId)).toBeUndefined();
    const other = { ...withoutBotId, botUserId: 'U0SOMEONE' };
    expect(translateEvent(patched('event-own-reply', noBotId), other)).toMatchObject({
      type: 'thread_reply',
    });
  });

  it('drops a message for its bot_id: without it the same message is a reply', () => {
    const human = { 'event.bot_id': REMOVE, 'event.bot_profile': REMOVE };
    expect(translateEvent(patched('event-other-bot-reply', human), context)).toMatchObject({
      type: 'thread_reply',
      member: 'slack:U0OTHERBT',
      text: 'Build #42 passed',
    });
    expect(reply({ 'event.bot_id': 'B0ANYBOT1' })).toBeUndefined();
  });

  it('skips edits that are no longer, or never were, in a thread', () => {
    const edit = patched('event-message-changed', { 'event.message.thread_ts': REMOVE });
    expect(translateEvent(edit, context)).toBeUndefined();
  });

  it('takes the deleted id from previous_message when deleted_ts is missing', () => {
    const deleted = patched('event-message-deleted', { 'event.deleted_ts': REMOVE });
    expect(translateEvent(deleted, context)).toMatchObject({
      type: 'reply_deleted',
      message: REPLY,
    });
  });

  it('falls back to event_time, then to the arrival time', () => {
    const reaction = patched('event-reaction-added', { 'event.event_ts': REMOVE });
    expect(translateEvent(reaction, context)).toMatchObject({ at: ms(1700000500) });
    const left = patched('event-member-left-bot', { event_time: REMOVE });
    expect(translateEvent(left, context)).toMatchObject({ at: context.receivedAt });
  });

  it.each<[string, unknown, string]>([
    ['decodes one level of entities', '&amp;lt;b&amp;gt; &amp;amp;', '&lt;b&gt; &amp;'],
    [
      'keeps typed markup literal',
      '&lt;!channel&gt; &lt;@U0BOB0001&gt;',
      '<!channel> <@U0BOB0001>',
    ],
    [
      'keeps Slack markup as it is',
      '<!here> <@U0BOB0001|bob> <https://x.test|x>',
      '<!here> <@U0BOB0001|bob> <https://x.test|x>',
    ],
    ['leaves entities Slack never sends', '&quot;&#39;&nbsp;', '&quot;&#39;&nbsp;'],
    ['strips NUL', 'a\u0000b\u0000', 'ab'],
    ['replaces lone surrogates', 'hi \uD800 lo \uDC00 end\uD83D', 'hi \uFFFD lo \uFFFD end\uFFFD'],
    ['keeps surrogate pairs', 'ok 😀 𝕏', 'ok 😀 𝕏'],
    ['reads missing text as empty', REMOVE, ''],
    ['reads null text as empty', null, ''],
    ['keeps text at the length limit', 'a'.repeat(MAX_RAW_TEXT), 'a'.repeat(MAX_RAW_TEXT)],
  ])('text: %s', (_name, raw, text) => {
    expect(reply({ 'event.text': raw })).toMatchObject({ text });
  });

  it.each<[string, Record<string, unknown>]>([
    ['text past the limit', { 'event.text': 'a'.repeat(MAX_RAW_TEXT + 1) }],
    ['text of the wrong type', { 'event.text': 42 }],
    ['a channel that would break the id codec', { 'event.channel': 'C0:evil' }],
    ['a lower-case channel', { 'event.channel': 'c0drills1' }],
    ['a team with a path in it', { team_id: '../T0TEAM001' }],
    ['a ts that is not a Slack ts', { 'event.ts': '1e9' }],
    ['a thread_ts of the wrong type', { 'event.thread_ts': 1700000000.0001 }],
    ['a user of the wrong type', { 'event.user': { id: 'U0ALICE01' } }],
    ['no user', { 'event.user': REMOVE }],
    ['no event_id', { event_id: REMOVE }],
    ['an event_id with a colon', { event_id: 'Ev0:1' }],
    ['an event_time as a string', { event_time: '1700000120' }],
    ['an event_time no Date can hold', { event_time: 1e300 }],
    ['an unknown subtype', { 'event.subtype': 'me_message' }],
    ['a subtype of the wrong type', { 'event.subtype': ['thread_broadcast'] }],
    ['no event', { event: REMOVE }],
    ['a null event', { event: null }],
    ['another envelope type', { type: 'app_rate_limited' }],
  ])('undefined for %s', (_name, changes) => {
    expect(reply(changes)).toBeUndefined();
  });
});

describe('translateCommand', () => {
  const TRIGGER = '1700000800.1111111111.0a1b2c3d4e5f60718293a4b5c6d7e8f9';

  it('translates /drill with decoded text and a trigger-based event id', () => {
    expect(translateCommand(fixture('command-drill-answer'), AT)).toStrictEqual({
      type: 'command',
      eventId: `slack:command:${TRIGGER}`,
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      memberName: 'alice',
      text: 'answer rotate & revoke, never <log> it',
      direct: false,
    });
  });

  it('marks a command typed in a DM as direct', () => {
    expect(translateCommand(fixture('command-drill-dm'), AT)).toStrictEqual({
      type: 'command',
      eventId: 'slack:command:1700000810.1111111111.0f0e0d0c0b0a09080706050403020100',
      channel: 'slack:T0TEAM001:D0DIRECT1',
      at: AT,
      member: ALICE,
      memberName: 'alice',
      text: 'stats',
      direct: true,
    });
  });

  it('keeps the event id when the same command is delivered again later', () => {
    const again = translateCommand(
      fixture('command-drill-answer'),
      new Date('2030-01-01T00:00:00Z'),
    );
    expect(again?.eventId).toBe(`slack:command:${TRIGGER}`);
  });

  it('leaves out a missing name and reads missing text as empty', () => {
    const bare = patched('command-drill-answer', { user_name: REMOVE, text: REMOVE });
    expect(translateCommand(bare, AT)).toStrictEqual({
      type: 'command',
      eventId: `slack:command:${TRIGGER}`,
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      text: '',
      direct: false,
    });
  });

  it.each<[string, Record<string, unknown>]>([
    ['no trigger id', { trigger_id: REMOVE }],
    ['a trigger id with a space', { trigger_id: 'a b' }],
    ['a channel with a colon', { channel_id: 'C0:x' }],
    ['no user', { user_id: REMOVE }],
    ['text past the limit', { text: '&'.repeat(MAX_RAW_TEXT + 1) }],
    ['text of the wrong type', { text: ['now'] }],
  ])('undefined for %s', (_name, changes) => {
    expect(translateCommand(patched('command-drill-answer', changes), AT)).toBeUndefined();
  });
});

describe('translateAction and formToOpen', () => {
  const DRILL_TARGET = { channel: CHANNEL, action: 'drill-answer', value: '42' } as const;

  it('turns an answer button click into a modal request, not an answer', () => {
    const click = fixture('action-drill-answer-button');
    expect(translateAction(click, AT)).toBeUndefined();
    expect(formToOpen(click)).toStrictEqual({
      triggerId: '1700000900.2222222222.aa11bb22cc33dd44ee55ff6600112233',
      member: ALICE,
      target: DRILL_TARGET,
      privateMetadata: encodeFormMetadata(DRILL_TARGET),
    });
  });

  it('opens the practice form from an ephemeral message too', () => {
    expect(formToOpen(fixture('action-practice-answer-button'))?.target).toStrictEqual({
      channel: CHANNEL,
      action: 'practice-answer',
      value: 'secrets/kms-envelope',
    });
  });

  it('translates a modal submission with the raw input text', () => {
    expect(translateAction(fixture('view-drill-answer'), AT)).toStrictEqual({
      type: 'form_submitted',
      eventId: 'slack:view:V0VIEW0001',
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      action: 'drill-answer',
      value: '42',
      // Input values are not entity-encoded: `&` and `<` are what the member typed.
      fields: {
        answer: 'Envelope encryption: a data key per object & the KMS key wraps it, <never> logged',
      },
    });
    expect(translateAction(fixture('view-practice-answer'), AT)).toMatchObject({
      eventId: 'slack:view:V0VIEW0002',
      action: 'practice-answer',
      value: 'secrets/kms-envelope',
      fields: { answer: 'Rotate and revoke' },
    });
  });

  it('round-trips the metadata formToOpen writes through the submission', () => {
    const request = formToOpen(fixture('action-practice-answer-button')) as FormRequest;
    const view = patched('view-drill-answer', { 'view.private_metadata': request.privateMetadata });
    expect(translateAction(view, AT)).toMatchObject({ ...request.target, member: request.member });
  });

  it('translates a click that carries a filled answer input, and opens nothing for it', () => {
    const inline = fixture('action-inline-answer');
    expect(translateAction(inline, AT)).toStrictEqual({
      type: 'form_submitted',
      eventId: 'slack:action:1700000930.2222222222.dd11bb22cc33dd44ee55ff6600112233',
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      action: 'practice-answer',
      value: 'secrets/kms-envelope',
      fields: { answer: 'Wrap the data key with the KMS key & <store> both' },
    });
    expect(formToOpen(inline)).toBeUndefined();
  });

  it('ignores buttons that are not answer forms', () => {
    expect(translateAction(fixture('action-unknown-button'), AT)).toBeUndefined();
    expect(formToOpen(fixture('action-unknown-button'))).toBeUndefined();
  });

  it("uses the user's team for an org-wide install, and a modal's metadata for a button in it", () => {
    const org = patched('action-drill-answer-button', { team: null });
    expect(formToOpen(org)?.target.channel).toBe(CHANNEL);
    const inModal = patched('action-drill-answer-button', {
      channel: REMOVE,
      view: {
        private_metadata: encodeFormMetadata({
          channel: 'slack:T0TEAM001:C0OTHER01',
          action: 'practice-answer',
        }),
      },
    });
    expect(formToOpen(inModal)?.target).toStrictEqual({
      channel: 'slack:T0TEAM001:C0OTHER01',
      action: 'drill-answer',
      value: '42',
    });
  });

  it('reads an empty optional answer as empty text', () => {
    const empty = patched('view-drill-answer', { 'view.state.values.answer.answer.value': null });
    expect(translateAction(empty, AT)).toMatchObject({ fields: { answer: '' } });
  });

  it.each<[string, Record<string, unknown>]>([
    ['metadata that is not JSON', { 'view.private_metadata': 'not json' }],
    ['empty metadata', { 'view.private_metadata': '' }],
    [
      'a Discord channel',
      { 'view.private_metadata': '{"channel":"discord:G1:C2","action":"drill-answer"}' },
    ],
    [
      'a workspace for a channel',
      { 'view.private_metadata': '{"channel":"slack:T1","action":"drill-answer"}' },
    ],
    [
      'an unknown action',
      { 'view.private_metadata': '{"channel":"slack:T1:C1","action":"forget-me"}' },
    ],
    ['metadata past Slack\u2019s limit', { 'view.private_metadata': ' '.repeat(3001) }],
    ['no answer input', { 'view.state.values': { other: { other: { value: 'x' } } } }],
    ['an answer of the wrong type', { 'view.state.values.answer.answer.value': 7 }],
    [
      'an answer past the limit',
      { 'view.state.values.answer.answer.value': 'a'.repeat(MAX_RAW_TEXT + 1) },
    ],
    ['no view id', { 'view.id': REMOVE }],
    ['no user', { user: REMOVE }],
  ])('undefined for a view with %s', (_name, changes) => {
    expect(translateAction(patched('view-drill-answer', changes), AT)).toBeUndefined();
  });
});

// ---- hostile input ---------------------------------------------------------------------------

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What any translated output must satisfy, whatever went in. */
function expectSound(result: unknown): void {
  if (result === undefined) return;
  expect(isRecord(result)).toBe(true);
  if (!isRecord(result)) return;
  const strings = JSON.stringify(result);
  expect(strings.includes('\\u0000')).toBe(false);
  for (const value of Object.values(result).flatMap((v) =>
    isRecord(v) ? Object.values(v) : [v],
  )) {
    if (typeof value === 'string') expect(LONE.test(value)).toBe(false);
  }
  if ('triggerId' in result) {
    const request = result as unknown as FormRequest;
    expect(parseMemberId(request.member)?.platform).toBe('slack');
    expect(parseChannelId(request.target.channel)?.platform).toBe('slack');
    expect(JSON.parse(request.privateMetadata)).toStrictEqual(request.target);
    return;
  }
  expect(String(result.eventId)).toMatch(/^slack:/);
  expect(parseChannelId(String(result.channel))?.platform).toBe('slack');
  expect(result.at instanceof Date && Number.isFinite(result.at.getTime())).toBe(true);
  if ('member' in result) expect(parseMemberId(String(result.member))?.platform).toBe('slack');
  for (const key of ['root', 'message'] as const) {
    if (key in result)
      expect(String(result[key]).startsWith(`${String(result.channel)}:`)).toBe(true);
    if (key in result) expect(parseMessageId(String(result[key]))).toBeDefined();
  }
}

const TRANSLATORS: [string, (input: unknown) => unknown][] = [
  ['translateEvent', (input) => translateEvent(input, context)],
  ['translateCommand', (input) => translateCommand(input, AT)],
  ['translateAction', (input) => translateAction(input, AT)],
  ['formToOpen', (input) => formToOpen(input)],
];

const throwing = new Proxy(
  {},
  {
    get: () => {
      throw new Error('hostile get');
    },
    has: () => {
      throw new Error('hostile has');
    },
    ownKeys: () => {
      throw new Error('hostile keys');
    },
    getOwnPropertyDescriptor: () => {
      throw new Error('hostile descriptor');
    },
  },
);

const NOT_PAYLOADS: [string, unknown][] = [
  ['undefined', undefined],
  ['null', null],
  ['zero', 0],
  ['NaN', Number.NaN],
  ['a string', 'event_callback'],
  ['an array', []],
  ['an empty object', {}],
  ['a function', () => ({ type: 'event_callback' })],
  ['a Date', new Date(0)],
  ['a null-prototype object', Object.create(null)],
  ['a throwing proxy', throwing],
  [
    'a throwing getter',
    {
      get type(): string {
        throw new Error('hostile getter');
      },
    },
  ],
  [
    'a cycle',
    (() => {
      const cycle: Record<string, unknown> = { type: 'event_callback' };
      cycle.event = cycle;
      return cycle;
    })(),
  ],
];

describe('hostile input', () => {
  it.each(
    TRANSLATORS.flatMap(([name, translate]) =>
      NOT_PAYLOADS.map(([what, input]) => [name, what, translate, input] as const),
    ),
  )('%s: undefined for %s', (_name, _what, translate, input) => {
    expect(translate(input)).toBeUndefined();
  });

  const HOSTILE: unknown[] = [
    REMOVE,
    null,
    0,
    -1,
    1e308,
    true,
    '',
    'x',
    'a:b',
    '../..',
    '\u0000',
    '\uD800',
    'C0DRILLS1',
    '1700000000.000100',
    'a'.repeat(MAX_RAW_TEXT + 1),
    [],
    {},
    [null],
    JSON.parse('{"__proto__":{"polluted":1}}'),
  ];

  /** Every path into a fixture, root excluded. */
  function paths(node: unknown, prefix: string[] = []): string[][] {
    if (!isRecord(node)) return [];
    return Object.entries(node).flatMap(([key, child]) => [
      [...prefix, key],
      ...paths(child, [...prefix, key]),
    ]);
  }

  it.each(NAMES)(
    'every field of %s replaced by hostile values: no throw, only sound events',
    (name) => {
      const translators = TRANSLATORS.filter(([translator]) =>
        name.startsWith('event-')
          ? translator === 'translateEvent'
          : name.startsWith('command-')
            ? translator === 'translateCommand'
            : translator === 'translateAction' || translator === 'formToOpen',
      );
      let sound = 0;
      for (const path of paths(fixture(name))) {
        for (const value of HOSTILE) {
          const input = fixture(name);
          setPath(input, path, value);
          for (const [, translate] of translators) {
            const result = translate(input);
            expectSound(result);
            if (result !== undefined) sound += 1;
          }
        }
      }
      // Harmless fields (tokens, blocks, names) can be anything: the sweep reached real output.
      if (!DROPPED.some(([dropped]) => dropped === name) && !name.includes('unknown')) {
        expect(sound).toBeGreaterThan(0);
      }
      expect(Object.prototype).not.toHaveProperty('polluted');
    },
  );

  it('survives arbitrary values as a whole payload and as the inner event', () => {
    fc.assert(
      fc.property(fc.anything(), (value) => {
        for (const [, translate] of TRANSLATORS) expectSound(translate(value));
        const envelope = patched('event-thread-reply', { event: value });
        expectSound(translateEvent(envelope, context));
      }),
      { numRuns: 300 },
    );
  });

  it('survives arbitrary extra and replaced fields on a real event', () => {
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('user', 'text', 'ts', 'thread_ts', 'subtype', 'bot_id', 'channel', 'x'),
          fc.jsonValue(),
        ),
        (fields) => {
          const envelope = fixture('event-thread-reply');
          for (const [key, value] of Object.entries(fields))
            setPath(envelope, ['event', key], value);
          expectSound(translateEvent(envelope, context));
        },
      ),
      { numRuns: 300 },
    );
  });
});
