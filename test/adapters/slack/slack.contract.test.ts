/**
 * The Slack adapter passes the shared Platform contract with real Bolt in Socket Mode against
 * the fake Slack: replies arrive as Events API envelopes on the WebSocket, the bot's own
 * reply (its user and bot id) and another app's reply (a bot id) among them.
 */
import { platformContract } from '../../contract/platform-contract.ts';
import { FAKE_IDS, threadReply } from '../../fakes/slack/index.ts';
import { makeRig, slackChannelId, slackParts } from './harness.ts';

platformContract('SlackAdapter (Socket Mode)', async () => {
  const rig = await makeRig('socket');
  const deliver = async (root: string, user: string, text: string, extra = {}) => {
    const { channel, ts } = slackParts(root);
    await rig.fake.deliver({
      payload: threadReply({ channel, user, text, threadTs: ts, eventExtra: extra }),
    });
  };
  return {
    platform: rig.adapter,
    channel: slackChannelId('C0CONTRACT1'),
    member: 'slack:U0MEMBER01',
    deliverMemberReply: (root, text) => deliver(root, 'U0MEMBER01', text),
    deliverOwnMessage: (root, text) =>
      deliver(root, FAKE_IDS.botUserId, text, { bot_id: FAKE_IDS.botId, app_id: FAKE_IDS.appId }),
    deliverOtherBotMessage: (root, text) =>
      deliver(root, 'U0OTHERBOT1', text, { bot_id: 'B0OTHERBOT1', app_id: 'A0OTHERAPP1' }),
    // The contract stops the adapter first; the fake goes once every socket has closed.
    close: () => rig.close(),
  };
});
