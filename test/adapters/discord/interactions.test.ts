/**
 * Discord interaction translation (adapters/discord/inbound-interaction.ts): slash commands,
 * answer buttons (a request to open a modal), modal submissions and autocomplete, over
 * fixtures in Discord's documented shapes with exact expected results, and hostile input
 * that must never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buttonCustomId } from '../../../adapters/discord/custom-id.ts';
import {
  type DiscordInteraction,
  translateInteraction,
} from '../../../adapters/discord/inbound.ts';
import { parseChannelId } from '../../../src/core/ids.ts';
import { loadFixtures, REMOVE } from './fixtures.ts';

const { names: NAMES, fixture } = loadFixtures('interaction-');

const G = '1000000000000000001';
const C = '1000000000000000010';
const CHANNEL = `discord:${G}:${C}`;
const ALICE = 'discord:2000000000000000001';
const AT = new Date('2023-11-14T22:20:00Z');
const MODAL = (customId: string, title: string) => ({
  custom_id: customId,
  title,
  components: [
    {
      type: 18,
      label: 'Your answer',
      component: { type: 4, custom_id: 'answer', style: 2, required: true, max_length: 4000 },
    },
  ],
});

const RESULTS: Record<string, DiscordInteraction | undefined> = {
  'interaction-command-schedule': {
    kind: 'command',
    event: {
      type: 'command',
      eventId: 'discord:interaction:8000000000000000001',
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      memberName: 'Ally',
      text: 'schedule weekdays 09:00 Europe/London',
      direct: false,
    },
    // Permissions "32": Manage Server.
    platformAdmin: true,
  },
  'interaction-command-admins': {
    kind: 'command',
    event: {
      type: 'command',
      eventId: 'discord:interaction:8000000000000000002',
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      memberName: 'Ally',
      text: 'admins add <@2000000000000000002>',
      direct: false,
    },
    platformAdmin: false,
  },
  'interaction-command-reveal-in-thread': {
    kind: 'command',
    event: {
      type: 'command',
      eventId: 'discord:interaction:8000000000000000003',
      // Typed in the drill's thread: the drill's channel is meant.
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      memberName: 'Ally',
      text: 'reveal',
      direct: false,
    },
    platformAdmin: true,
  },
  'interaction-command-practice-dm': {
    kind: 'command',
    event: {
      type: 'command',
      eventId: 'discord:interaction:8000000000000000004',
      channel: 'discord:dm:5000000000000000001',
      at: AT,
      member: ALICE,
      memberName: 'Alice',
      text: 'practice cloud-security',
      direct: true,
    },
  },
  'interaction-command-user-context-menu': undefined,
  'interaction-button-drill-answer': {
    kind: 'open_form',
    form: {
      member: ALICE,
      target: { channel: CHANNEL, action: 'drill-answer', value: '42' },
      modal: MODAL('drill-answer:42', 'Your answer to the drill'),
    },
  },
  'interaction-button-practice-answer': {
    kind: 'open_form',
    form: {
      member: ALICE,
      target: { channel: CHANNEL, action: 'practice-answer', value: 'cloud-security/iam-keys' },
      modal: MODAL('practice-answer:cloud-security/iam-keys', 'Your practice answer'),
    },
  },
  'interaction-button-unknown': undefined,
  'interaction-modal-drill-answer': {
    kind: 'form',
    event: {
      type: 'form_submitted',
      eventId: 'discord:interaction:8000000000000000009',
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      action: 'drill-answer',
      value: '42',
      // The member's own text, kept as typed: the renderer escapes it wherever it is shown.
      fields: { answer: 'Rotate the key\nthen revoke <@2000000000000000002>' },
    },
  },
  'interaction-modal-practice-answer-row': {
    kind: 'form',
    event: {
      type: 'form_submitted',
      eventId: 'discord:interaction:8000000000000000010',
      channel: CHANNEL,
      at: AT,
      member: ALICE,
      action: 'practice-answer',
      value: 'cloud-security/iam-keys',
      fields: { answer: 'Least privilege' },
    },
  },
  'interaction-autocomplete-packs': {
    kind: 'autocomplete',
    focus: { subcommand: 'packs', option: 'packs', value: 'cloud-security,ap' },
  },
};

describe('translateInteraction over the fixtures', () => {
  it('has an expectation for every interaction fixture', () => {
    expect(Object.keys(RESULTS).sort()).toStrictEqual(NAMES);
  });

  it.each(Object.entries(RESULTS))('%s', (name, expected) => {
    expect(translateInteraction(fixture(name), AT)).toStrictEqual(expected);
  });

  it('round-trips a button the renderer made through its modal', () => {
    const customId = buttonCustomId('drill-answer', '7');
    const click = translateInteraction(
      fixture('interaction-button-drill-answer', { 'data.custom_id': customId }),
      AT,
    );
    if (click?.kind !== 'open_form') throw new Error('no form');
    const submit = translateInteraction(
      fixture('interaction-modal-drill-answer', { 'data.custom_id': click.form.modal.custom_id }),
      AT,
    );
    expect(submit).toMatchObject({
      kind: 'form',
      event: { ...click.form.target, member: click.form.member },
    });
  });

  it('reads Administrator as a platform admin too, and no permissions as unknown', () => {
    const command = (changes: Record<string, unknown>) =>
      translateInteraction(fixture('interaction-command-admins', changes), AT);
    expect(command({ 'member.permissions': '8' })).toMatchObject({ platformAdmin: true });
    // Many permissions (send, read, embed, threads ...), neither of the two.
    expect(command({ 'member.permissions': '1126999418473537' })).toMatchObject({
      platformAdmin: false,
    });
    expect(command({ 'member.permissions': REMOVE })).not.toHaveProperty('platformAdmin');
  });

  it('uses the channel id when the channel object is missing', () => {
    const event = translateInteraction(
      fixture('interaction-command-schedule', { channel: REMOVE }),
      AT,
    );
    expect(event).toMatchObject({ event: { channel: CHANNEL } });
  });

  it('keeps an empty answer for the core to refuse, and an answer of 4,000 emoji', () => {
    const submit = (value: unknown) =>
      translateInteraction(
        fixture('interaction-modal-drill-answer', { 'data.components.0.component.value': value }),
        AT,
      );
    expect(submit('')).toMatchObject({ event: { fields: { answer: '' } } });
    expect(submit('🔐'.repeat(4000))).toMatchObject({
      event: { fields: { answer: '🔐'.repeat(4000) } },
    });
    expect(submit('a\u0000b\udc00')).toMatchObject({ event: { fields: { answer: 'ab\ufffd' } } });
  });
});

describe('hostile input', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['an interaction id with letters', 'interaction-command-schedule', { id: 'abc' }],
    ['a PING', 'interaction-command-schedule', { type: 1 }],
    ['a type as a string', 'interaction-command-schedule', { type: '2' }],
    ['no member and no user', 'interaction-command-schedule', { member: REMOVE }],
    ['no channel at all', 'interaction-command-schedule', { channel: REMOVE, channel_id: REMOVE }],
    [
      'a guild id that would break the codec',
      'interaction-command-schedule',
      { guild_id: `${G}:x` },
    ],
    [
      'permissions that are not a number',
      'interaction-command-schedule',
      { 'member.permissions': '0x20' },
    ],
    [
      'command data that is not chat input',
      'interaction-command-schedule',
      { data: { name: 'drill', type: 1 } },
    ],
    [
      'a button that is a select menu',
      'interaction-button-drill-answer',
      { 'data.component_type': 3 },
    ],
    [
      'a custom_id over 100 characters',
      'interaction-button-drill-answer',
      { 'data.custom_id': `drill-answer:${'9'.repeat(100)}` },
    ],
    [
      'a modal without the answer input',
      'interaction-modal-drill-answer',
      { 'data.components': [] },
    ],
    [
      'a modal answer of the wrong type',
      'interaction-modal-drill-answer',
      { 'data.components.0.component.value': 42 },
    ],
    [
      'a modal answer past any limit',
      'interaction-modal-drill-answer',
      { 'data.components.0.component.value': 'a'.repeat(100_001) },
    ],
    [
      'a modal for an unknown form',
      'interaction-modal-drill-answer',
      { 'data.custom_id': 'vote:1' },
    ],
    [
      'autocomplete with nothing focused',
      'interaction-autocomplete-packs',
      { 'data.options.0.options.0.focused': false },
    ],
  ])('undefined for %s', (_name, name, changes) => {
    expect(translateInteraction(fixture(name, changes), AT)).toBeUndefined();
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 2],
    ['an array', [fixture('interaction-command-schedule')]],
    [
      'a proxy that throws',
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('trap');
          },
        },
      ),
    ],
  ])('undefined for %s', (_name, data) => {
    expect(translateInteraction(data, AT)).toBeUndefined();
  });

  it('never throws, and keeps channel ids codec-safe, for fixtures with any field replaced', () => {
    const fields = [
      'id',
      'type',
      'guild_id',
      'channel_id',
      'channel',
      'member',
      'user',
      'data',
      'data.custom_id',
      'data.components',
      'data.options',
      'member.permissions',
      'member.user',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...NAMES),
        fc.constantFrom(...fields),
        fc.jsonValue(),
        (name, field, value) => {
          let data: unknown;
          try {
            data = fixture(name, { [field]: value });
          } catch {
            return;
          }
          const result = translateInteraction(data, AT);
          if (result && result.kind !== 'autocomplete') {
            const channel =
              result.kind === 'open_form' ? result.form.target.channel : result.event.channel;
            expect(parseChannelId(channel)).toBeDefined();
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
