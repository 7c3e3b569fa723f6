/**
 * The terminal adapter passes the shared Platform contract. Its "platform deliveries" are
 * typed lines: a member answers with `/as alice ...`; the bot's own messages and another
 * bot's are lines spoken as `drillbot` and as a configured bot name, which the adapter's
 * edge must drop.
 */
import { PassThrough } from 'node:stream';
import { CONSOLE_CHANNEL, ConsoleAdapter } from '../../../adapters/console/index.ts';
import { platformContract } from '../../contract/platform-contract.ts';
import { FakeClock } from '../../support/fake-clock.ts';

platformContract('ConsoleAdapter', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  output.resume();
  const platform = new ConsoleAdapter({
    input,
    output,
    color: false,
    clock: new FakeClock('2026-03-02T09:00:00Z'),
    bots: ['ci-bot'],
  });
  /** A reply line goes to the latest question's thread; the contract always names that one. */
  const say = async (root: string, speaker: string, text: string) => {
    if (platform.replyRoot !== root) {
      throw new Error(`the terminal replies to ${platform.replyRoot}, not ${root}`);
    }
    input.write(`/as ${speaker} ${text}\n`);
  };
  return {
    platform,
    channel: CONSOLE_CHANNEL,
    member: 'console:alice',
    deliverMemberReply: (root, text) => say(root, 'alice', text),
    deliverOwnMessage: (root, text) => say(root, 'drillbot', text),
    deliverOtherBotMessage: (root, text) => say(root, 'ci-bot', text),
    close: async () => {
      input.end();
      await platform.closed;
    },
  };
});
