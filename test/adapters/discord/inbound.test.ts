/**
 * Discord gateway translation (adapters/discord/inbound.ts): every dispatch fixture with its
 * exact expected event, the id rules (stable across replays, unique per occurrence), and
 * hostile input (huge text, NUL, lone surrogates, emoji floods, wrong types, exotic objects,
 * a throwing context) that must never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type DiscordInbound,
  type GatewayContext,
  translateGatewayEvent,
} from '../../../adapters/discord/inbound.ts';
import { MAX_CONTENT } from '../../../adapters/discord/inbound-text.ts';
import { parseChannelId, parseMemberId, parseMessageId } from '../../../src/core/ids.ts';
import { isRecord, loadFixtures, REMOVE } from './fixtures.ts';

const { names: FIXTURE_NAMES, fixture } = loadFixtures('gateway-');

/** The dispatch type (`t`) and data (`d`) of a gateway fixture. */
function dispatch(name: string, changes: Record<string, unknown> = {}): [string, unknown] {
  const payload = fixture(name, changes);
  if (!isRecord(payload) || typeof payload.t !== 'string') throw new Error(`${name}: no t`);
  return [payload.t, payload.d];
}

const G = '1000000000000000001';
const C = '1000000000000000010';
const T = '1100000000000000900';
const BOT = '3000000000000000001';
const CHANNEL = `discord:${G}:${C}`;
const ROOT = `${CHANNEL}:${T}`;
const inThread = (id: string) => `discord:${G}:${T}:${id}`;
const ALICE = 'discord:2000000000000000001';
const BOB = 'discord:2000000000000000002';
const RECEIVED = new Date('2030-01-01T00:00:00Z');
const MS = RECEIVED.getTime();

const context: GatewayContext = {
  botUserId: BOT,
  guildOf: (channel) => ([C, T].includes(channel) ? G : undefined),
  parentOf: (thread) => (thread === T ? C : undefined),
  receivedAt: RECEIVED,
};

const EVENTS: Record<string, DiscordInbound | undefined> = {
  'gateway-message-create-thread-reply': {
    type: 'thread_reply',
    eventId: 'discord:1200000000000000101',
    channel: CHANNEL,
    at: new Date('2023-11-14T22:15:20.123Z'),
    root: ROOT,
    message: inThread('1200000000000000101'),
    member: ALICE,
    memberName: 'Ally',
    // Kept as typed: the core stores answers verbatim; escaping is the renderer's job.
    text: 'Rotate the key **now** <@2000000000000000002> @everyone [docs](https://evil.example)',
  },
  'gateway-message-create-reply-type': {
    type: 'thread_reply',
    eventId: 'discord:1200000000000000102',
    channel: CHANNEL,
    at: new Date('2023-11-14T22:16:00Z'),
    root: ROOT,
    message: inThread('1200000000000000102'),
    member: BOB,
    memberName: 'bob',
    text: 'Also: least privilege',
  },
  'gateway-message-create-top-level': undefined,
  'gateway-message-create-own': undefined,
  'gateway-message-create-other-bot': undefined,
  'gateway-message-create-webhook': undefined,
  'gateway-message-create-thread-starter': undefined,
  'gateway-message-create-dm': undefined,
  'gateway-message-update-edit': {
    type: 'reply_edited',
    eventId: 'discord:1200000000000000101:edit:2023-11-14T22:25:00.500000+00:00',
    channel: CHANNEL,
    at: new Date('2023-11-14T22:25:00.500Z'),
    root: ROOT,
    message: inThread('1200000000000000101'),
    member: ALICE,
    text: 'Rotate the key, revoke it and audit',
  },
  'gateway-message-update-unfurl': undefined,
  'gateway-message-update-own': undefined,
  'gateway-message-delete': {
    type: 'reply_deleted',
    eventId: 'discord:1200000000000000102:delete',
    channel: CHANNEL,
    at: RECEIVED,
    root: ROOT,
    message: inThread('1200000000000000102'),
  },
  'gateway-message-delete-top-level': undefined,
  'gateway-reaction-add': {
    type: 'reaction_added',
    eventId: `discord:reaction-add:1200000000000000101:2000000000000000002:👍:${MS}`,
    channel: CHANNEL,
    at: RECEIVED,
    message: inThread('1200000000000000101'),
    member: BOB,
    emoji: '👍',
    fromBot: false,
  },
  'gateway-reaction-add-custom-emoji': {
    type: 'reaction_added',
    eventId: `discord:reaction-add:1200000000000000101:2000000000000000002:6000000000000000001:${MS}`,
    channel: CHANNEL,
    at: RECEIVED,
    message: inThread('1200000000000000101'),
    member: BOB,
    emoji: '6000000000000000001',
    fromBot: false,
  },
  'gateway-reaction-add-other-bot': {
    type: 'reaction_added',
    eventId: `discord:reaction-add:1200000000000000101:3000000000000000002:🤖:${MS}`,
    channel: CHANNEL,
    at: RECEIVED,
    message: inThread('1200000000000000101'),
    member: 'discord:3000000000000000002',
    emoji: '🤖',
    fromBot: true,
  },
  'gateway-reaction-add-own': {
    type: 'reaction_added',
    eventId: `discord:reaction-add:1200000000000000101:${BOT}:✅:${MS}`,
    channel: CHANNEL,
    at: RECEIVED,
    message: inThread('1200000000000000101'),
    member: `discord:${BOT}`,
    emoji: '✅',
    fromBot: true,
  },
  'gateway-reaction-add-top-level': {
    type: 'reaction_added',
    eventId: `discord:reaction-add:${T}:2000000000000000002:🔥:${MS}`,
    channel: CHANNEL,
    at: RECEIVED,
    message: ROOT,
    member: BOB,
    emoji: '🔥',
    fromBot: false,
  },
  'gateway-reaction-remove': {
    type: 'reaction_removed',
    eventId: `discord:reaction-remove:1200000000000000101:2000000000000000002:👍:${MS}`,
    channel: CHANNEL,
    at: RECEIVED,
    message: inThread('1200000000000000101'),
    member: BOB,
    emoji: '👍',
    fromBot: false,
  },
  'gateway-guild-delete': {
    type: 'guild_removed',
    eventId: `discord:guild-removed:${G}:${MS}`,
    workspace: `discord:${G}`,
    at: RECEIVED,
  },
  'gateway-guild-delete-unavailable': undefined,
  'gateway-channel-delete': {
    type: 'bot_removed',
    eventId: `discord:channel-deleted:${C}`,
    channel: CHANNEL,
    at: RECEIVED,
  },
  'gateway-channel-delete-thread': undefined,
  'gateway-typing-start': undefined,
};

describe('translateGatewayEvent over the fixtures', () => {
  it('has an expectation for every gateway fixture', () => {
    expect(Object.keys(EVENTS).sort()).toStrictEqual(FIXTURE_NAMES);
  });

  it.each(Object.entries(EVENTS))('%s', (name, expected) => {
    expect(translateGatewayEvent(...dispatch(name), context)).toStrictEqual(expected);
  });

  it('builds ids the codec reads back', () => {
    const event = translateGatewayEvent(
      ...dispatch('gateway-message-create-thread-reply'),
      context,
    );
    if (event?.type !== 'thread_reply') throw new Error('no reply');
    expect(parseChannelId(event.channel)).toStrictEqual({
      platform: 'discord',
      workspace: G,
      channel: C,
    });
    expect(parseMessageId(event.root)).toStrictEqual({
      platform: 'discord',
      workspace: G,
      channel: C,
      message: T,
    });
    expect(parseMessageId(event.message)?.channel).toBe(T);
    expect(parseMemberId(event.member)).toStrictEqual({
      platform: 'discord',
      member: '2000000000000000001',
    });
  });
});

describe('ids and context', () => {
  it('keeps the event id of a replayed dispatch, whenever it arrives', () => {
    const later = { ...context, receivedAt: new Date('2031-01-01T00:00:00Z') };
    for (const name of [
      'gateway-message-create-thread-reply',
      'gateway-message-update-edit',
      'gateway-message-delete',
      'gateway-channel-delete',
    ]) {
      const first = translateGatewayEvent(...dispatch(name), context);
      const again = translateGatewayEvent(...dispatch(name), later);
      expect(again?.eventId).toBe(first?.eventId);
    }
  });

  it('gives a second edit of one message its own id', () => {
    const second = translateGatewayEvent(
      ...dispatch('gateway-message-update-edit', {
        'd.edited_timestamp': '2023-11-14T22:26:00.000000+00:00',
      }),
      context,
    );
    expect(second?.eventId).toBe(
      'discord:1200000000000000101:edit:2023-11-14T22:26:00.000000+00:00',
    );
  });

  it('names reactions and guild removals by their place in the session when it is known', () => {
    const withDispatch = { ...context, dispatch: { sessionId: 'abc123', sequence: 60 } };
    expect(translateGatewayEvent(...dispatch('gateway-reaction-add'), withDispatch)?.eventId).toBe(
      'discord:dispatch:abc123:60',
    );
    expect(translateGatewayEvent(...dispatch('gateway-guild-delete'), withDispatch)?.eventId).toBe(
      'discord:dispatch:abc123:60',
    );
  });

  it('gives a reaction added again after its removal a new id', () => {
    const [type, data] = dispatch('gateway-reaction-add');
    const first = translateGatewayEvent(type, data, context);
    const again = translateGatewayEvent(type, data, { ...context, receivedAt: new Date(MS + 1) });
    expect(again?.eventId).not.toBe(first?.eventId);
  });

  it('takes the guild from the context when the dispatch leaves it out', () => {
    const event = translateGatewayEvent(
      ...dispatch('gateway-message-delete', { 'd.guild_id': REMOVE }),
      context,
    );
    expect(event).toMatchObject({ channel: CHANNEL, message: inThread('1200000000000000102') });
  });

  it('drops replies in a thread whose parent the adapter does not know', () => {
    const unknown = { ...context, parentOf: () => undefined };
    expect(
      translateGatewayEvent(...dispatch('gateway-message-create-thread-reply'), unknown),
    ).toBeUndefined();
    expect(
      translateGatewayEvent(...dispatch('gateway-message-create-thread-reply'), {
        ...context,
        parentOf: () => 'not-an-id',
      }),
    ).toBeUndefined();
  });

  it("drops the bot's own message by its id alone, and keeps the same message from a member", () => {
    expect(
      translateGatewayEvent(
        ...dispatch('gateway-message-create-thread-reply', { 'd.author.id': BOT }),
        context,
      ),
    ).toBeUndefined();
    expect(
      translateGatewayEvent(
        ...dispatch('gateway-message-create-own', {
          'd.author.id': '2000000000000000001',
          'd.author.bot': false,
        }),
        context,
      ),
    ).toMatchObject({ type: 'thread_reply' });
  });

  it('drops a message marked as a bot or system message, and an edit by a bot', () => {
    for (const changes of [{ 'd.author.bot': true }, { 'd.author.system': true }]) {
      expect(
        translateGatewayEvent(...dispatch('gateway-message-create-thread-reply', changes), context),
      ).toBeUndefined();
      expect(
        translateGatewayEvent(...dispatch('gateway-message-update-edit', changes), context),
      ).toBeUndefined();
    }
  });

  it('uses the global name, then the username, when there is no nickname', () => {
    const name = (changes: Record<string, unknown>) => {
      const event = translateGatewayEvent(
        ...dispatch('gateway-message-create-thread-reply', changes),
        context,
      );
      return event?.type === 'thread_reply' ? event.memberName : 'none';
    };
    expect(name({ 'd.member.nick': null })).toBe('Alice');
    expect(name({ 'd.member': REMOVE, 'd.author.global_name': ' ' })).toBe('alice');
    expect(
      name({ 'd.member': REMOVE, 'd.author.global_name': null, 'd.author.username': '\u0000' }),
    ).toBeUndefined();
  });
});

describe('hostile input', () => {
  const reply = (changes: Record<string, unknown>) =>
    translateGatewayEvent(...dispatch('gateway-message-create-thread-reply', changes), context);

  it.each<[string, unknown, string]>([
    ['2,001 characters', 'a'.repeat(2001), 'a'.repeat(2001)],
    ['40,001 characters', 'b'.repeat(40_001), 'b'.repeat(40_001)],
    ['text at the length limit', 'c'.repeat(MAX_CONTENT), 'c'.repeat(MAX_CONTENT)],
    ['NUL', 'a\u0000b', 'ab'],
    ['a lone high surrogate', 'a\ud800b', 'a\ufffdb'],
    ['a lone low surrogate', '\udc00', '\ufffd'],
    ['surrogate pairs', 'ok 😀 𝕏', 'ok 😀 𝕏'],
    ['an emoji flood', '🔥'.repeat(10_000), '🔥'.repeat(10_000)],
    ['empty content (no MessageContent intent)', '', ''],
  ])('content: %s', (_name, content, text) => {
    expect(reply({ 'd.content': content })).toMatchObject({ text });
  });

  it.each<[string, Record<string, unknown>]>([
    ['content past the limit', { 'd.content': 'a'.repeat(MAX_CONTENT + 1) }],
    ['content of the wrong type', { 'd.content': 42 }],
    ['no content', { 'd.content': REMOVE }],
    ['a channel id that would break the id codec', { 'd.channel_id': `${T}:x` }],
    ['a guild id with a path in it', { 'd.guild_id': `../${G}` }],
    ['a message id with letters', { 'd.id': '12ab' }],
    ['a message id longer than a snowflake', { 'd.id': '1'.repeat(21) }],
    ['an author id as a number', { 'd.author.id': 2e18 }],
    ['no author', { 'd.author': REMOVE }],
    ['a timestamp that is no date', { 'd.timestamp': 'yesterday' }],
    ['a type as a string', { 'd.type': '0' }],
    ['a system message type', { 'd.type': 7 }],
    ['a name past any limit', { 'd.member.nick': 'n'.repeat(201) }],
  ])('undefined for %s', (_name, changes) => {
    expect(reply(changes)).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['a string', 'MESSAGE_CREATE'],
    ['an array', [fixture('gateway-message-create-thread-reply')]],
  ])('undefined for data that is %s, whatever the type', (_name, data) => {
    for (const type of [
      'MESSAGE_CREATE',
      'MESSAGE_UPDATE',
      'MESSAGE_DELETE',
      'MESSAGE_REACTION_ADD',
      'GUILD_DELETE',
      'CHANNEL_DELETE',
    ]) {
      expect(translateGatewayEvent(type, data, context)).toBeUndefined();
    }
  });

  it('survives throwing getters, proxies and a throwing context', () => {
    const trap = new Proxy(
      {},
      {
        get: () => {
          throw new Error('trap');
        },
        has: () => {
          throw new Error('trap');
        },
      },
    );
    const getter = Object.defineProperty({}, 'id', {
      get: () => {
        throw new Error('getter');
      },
      enumerable: true,
    });
    const throwing: GatewayContext = {
      ...context,
      parentOf: () => {
        throw new Error('lookup');
      },
    };
    expect(translateGatewayEvent('MESSAGE_CREATE', trap, context)).toBeUndefined();
    expect(translateGatewayEvent('MESSAGE_DELETE', getter, context)).toBeUndefined();
    expect(
      translateGatewayEvent(...dispatch('gateway-message-create-thread-reply'), throwing),
    ).toBeUndefined();
  });

  it('never throws for any JSON under any dispatch type', () => {
    const types = [
      'MESSAGE_CREATE',
      'MESSAGE_UPDATE',
      'MESSAGE_DELETE',
      'MESSAGE_REACTION_ADD',
      'MESSAGE_REACTION_REMOVE',
      'GUILD_DELETE',
      'CHANNEL_DELETE',
      'READY',
    ];
    fc.assert(
      fc.property(fc.constantFrom(...types), fc.jsonValue(), (type, data) => {
        expect(() => translateGatewayEvent(type, data, context)).not.toThrow();
      }),
      { numRuns: 500 },
    );
  });

  it('never throws, and keeps ids codec-safe, for fixtures with any field replaced', () => {
    const names = FIXTURE_NAMES;
    const fields = [
      'id',
      'channel_id',
      'guild_id',
      'author',
      'content',
      'timestamp',
      'edited_timestamp',
      'type',
      'user_id',
      'message_id',
      'emoji',
      'member',
      'unavailable',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...names),
        fc.constantFrom(...fields),
        fc.jsonValue(),
        (name, field, value) => {
          const event = translateGatewayEvent(
            ...dispatch(name, { [`d.${field}`]: value }),
            context,
          );
          if (event && 'channel' in event) expect(parseChannelId(event.channel)).toBeDefined();
          if (event && 'message' in event) expect(parseMessageId(event.message)).toBeDefined();
        },
      ),
      { numRuns: 500 },
    );
  });
});
