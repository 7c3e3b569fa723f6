/**
 * The contract every Platform adapter passes (Slack, Discord, terminal, and the FakePlatform
 * the core tests use): ids round-trip through the codec, posts can be found again by their
 * marker, and messages written by the bot itself or by other bots never reach the core.
 * Each adapter supplies a harness that speaks its platform's own inbound shapes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseChannelId, parseMemberId, parseMessageId } from '../../src/core/ids.ts';
import { notice, text } from '../../src/core/messages.ts';
import type { InboundEvent, Platform } from '../../src/core/platform.ts';

export interface ContractHarness {
  platform: Platform;
  /** A channel id on this platform where the bot may post. */
  channel: string;
  /** A member who is not the bot. */
  member: string;
  /** The platform delivers a member's reply in the thread of `root` (a posted message id). */
  deliverMemberReply(root: string, text: string): Promise<void>;
  /** The platform echoes a message the bot itself wrote in the thread of `root`. */
  deliverOwnMessage(root: string, text: string): Promise<void>;
  /** Another bot (an integration) writes in the thread of `root`. */
  deliverOtherBotMessage(root: string, text: string): Promise<void>;
  close(): Promise<void>;
}

/** Waits until `events` has `count` entries, or a short time has passed. */
async function settle(events: InboundEvent[], count: number): Promise<void> {
  for (let waited = 0; events.length < count && waited < 2_000; waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function platformContract(name: string, makeHarness: () => Promise<ContractHarness>): void {
  describe(`Platform contract: ${name}`, () => {
    let harness: ContractHarness;
    const events: InboundEvent[] = [];

    beforeAll(async () => {
      harness = await makeHarness();
      await harness.platform.start(async (event) => {
        events.push(event);
      });
    });
    afterAll(async () => {
      await harness.platform.stop();
      await harness.close();
    });

    it('uses channel, member and message ids that round-trip through the codec', async () => {
      const channel = parseChannelId(harness.channel);
      expect(channel?.platform).toBe(harness.platform.name);
      expect(parseMemberId(harness.member)?.platform).toBe(harness.platform.name);
      const posted = await harness.platform.postMessage(
        harness.channel,
        notice('notice', text('contract')),
      );
      const message = parseMessageId(posted.ref);
      expect(message && `${message.platform}:${message.workspace}:${message.channel}`).toBe(
        harness.channel,
      );
    });

    it('finds a post again by its marker', async () => {
      const posted = await harness.platform.postMessage(
        harness.channel,
        notice('question', text('q')),
        {
          marker: 'drill:424242',
        },
      );
      expect(await harness.platform.findPosted(harness.channel, 'drill:424242')).toEqual({
        ref: posted.ref,
      });
      expect(await harness.platform.findPosted(harness.channel, 'drill:1')).toBeUndefined();
    });

    it('delivers member replies and drops the bot’s own messages and other bots’', async () => {
      const root = (
        await harness.platform.postMessage(harness.channel, notice('question', text('root')))
      ).ref;
      const before = events.length;
      await harness.deliverOwnMessage(root, 'the bot talking');
      await harness.deliverOtherBotMessage(root, 'another bot talking');
      await harness.deliverMemberReply(root, 'a member answering');
      await settle(events, before + 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      const replies = events.slice(before);
      expect(replies).toHaveLength(1);
      const [reply] = replies;
      expect(reply?.type).toBe('thread_reply');
      if (reply?.type !== 'thread_reply') return;
      expect(reply.root).toBe(root);
      expect(reply.member).toBe(harness.member);
      expect(reply.text).toBe('a member answering');
      expect(parseMessageId(reply.message)).toBeDefined();
    });
  });
}
