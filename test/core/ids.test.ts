import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  channelId,
  memberFromMention,
  memberId,
  messageId,
  PLATFORMS,
  parseChannelId,
  parseMemberId,
  parseMessageId,
  platformOf,
  workspaceOfChannel,
} from '../../src/core/ids.ts';

const part = fc.stringMatching(/^[A-Za-z0-9._-]{1,24}$/);
const platform = fc.constantFrom(...PLATFORMS);

describe('id codec', () => {
  it('round-trips channel, message and member ids', () => {
    fc.assert(
      fc.property(platform, part, part, part, (p, workspace, channel, message) => {
        const channelRef = channelId({ platform: p, workspace, channel });
        expect(parseChannelId(channelRef)).toEqual({ platform: p, workspace, channel });
        const messageRef = messageId({ platform: p, workspace, channel, message });
        expect(parseMessageId(messageRef)).toEqual({ platform: p, workspace, channel, message });
        expect(parseMemberId(memberId(p, workspace))).toEqual({ platform: p, member: workspace });
        expect(workspaceOfChannel(channelRef)).toBe(`${p}:${workspace}`);
        expect(platformOf(messageRef)).toBe(p);
      }),
    );
  });

  it.each([
    ['slack:T1', 'channel with two parts'],
    ['teams:T1:C1', 'unknown platform'],
    ['slack:T1:C1:extra', 'too many parts'],
    ['slack:T 1:C1', 'space inside'],
    ['slack::C1', 'empty part'],
  ])('rejects %j (%s) as a channel id', (id) => {
    expect(parseChannelId(id)).toBeUndefined();
  });

  it('refuses to build an id from a part with a separator', () => {
    expect(() => channelId({ platform: 'slack', workspace: 'T1:x', channel: 'C1' })).toThrow(
      /invalid workspace id part/,
    );
  });

  it.each([
    ['slack', '<@U0123ABC>', 'slack:U0123ABC'],
    ['slack', '<@U0123ABC|alice>', 'slack:U0123ABC'],
    ['slack', 'U0123ABC', 'slack:U0123ABC'],
    ['slack', '<!channel>', undefined],
    ['discord', '<@123456789012345678>', 'discord:123456789012345678'],
    ['discord', '<@!123456789012345678>', 'discord:123456789012345678'],
    ['discord', '<@&123456789012345678>', undefined],
    ['console', '@alice', 'console:alice'],
  ] as const)('reads the %s mention %j', (p, raw, expected) => {
    expect(memberFromMention(p, raw)).toBe(expected);
  });
});
