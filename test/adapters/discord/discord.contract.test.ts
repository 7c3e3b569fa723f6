/**
 * The Discord adapter passes the shared Platform contract with real discord.js against the
 * fake Discord: replies arrive as MESSAGE_CREATE in the question's thread, the bot's own
 * message and another bot's among them.
 */
import { platformContract } from '../../contract/platform-contract.ts';
import { FAKE_IDS } from '../../fakes/discord/index.ts';
import { CHANNEL, makeRig, refParts } from './harness.ts';

platformContract('DiscordAdapter', async () => {
  const rig = await makeRig();
  const post = async (root: string, userId: string, content: string) => {
    rig.fake.members.post({ channelId: refParts(root).message, userId, content });
  };
  return {
    platform: rig.adapter,
    channel: CHANNEL,
    member: `discord:${FAKE_IDS.memberId}`,
    deliverMemberReply: (root, text) => post(root, FAKE_IDS.memberId, text),
    deliverOwnMessage: (root, text) => post(root, FAKE_IDS.botUserId, text),
    deliverOtherBotMessage: (root, text) => post(root, FAKE_IDS.otherBotId, text),
    close: () => rig.fake.stop(),
  };
});
