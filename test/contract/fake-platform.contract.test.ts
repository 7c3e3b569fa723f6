/**
 * The FakePlatform the core tests rely on passes the same contract as real adapters: its
 * raw-delivery edge drops the bot's own and other bots' messages like an adapter must.
 */
import { FakePlatform } from '../support/fake-platform.ts';
import { platformContract } from './platform-contract.ts';

platformContract('FakePlatform', async () => {
  const platform = new FakePlatform('slack');
  const channel = 'slack:T1:C1';
  const member = 'slack:UMEMBER';
  let sequence = 0;
  const deliver = (root: string, author: 'self' | 'bot' | 'member', text: string) => {
    sequence += 1;
    return platform.deliverRaw({
      root,
      author: author === 'member' ? member : author,
      text,
      message: `${channel}:raw${sequence}`,
    });
  };
  return {
    platform,
    channel,
    member,
    deliverMemberReply: (root, text) => deliver(root, 'member', text),
    deliverOwnMessage: (root, text) => deliver(root, 'self', text),
    deliverOtherBotMessage: (root, text) => deliver(root, 'bot', text),
    close: async () => {},
  };
});
