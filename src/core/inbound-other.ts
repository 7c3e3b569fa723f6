/**
 * Events that are neither answers nor commands: the bot leaving a channel, and form or
 * button submissions (a private answer to a blind drill).
 */
import { getChannel } from '../../db/queries/channels.ts';
import { claimEvent } from '../../db/queries/events.ts';
import { upsertMember } from '../../db/queries/members.ts';
import type { EngineContext } from './context.ts';
import { platformFor } from './context.ts';
import { pauseForLostChannel } from './drill-posting.ts';
import { platformOf } from './ids.ts';
import { notice, text } from './messages.ts';
import type { BotRemovedEvent, FormSubmissionEvent } from './platform.ts';
import { answerPractice, PRACTICE_ANSWER_ACTION } from './practice-flow.ts';
import { storePrivateAnswer } from './private-answer.ts';

export async function onBotRemoved(context: EngineContext, event: BotRemovedEvent): Promise<void> {
  if (!(await claimEvent(context.db, event.eventId, event.at))) return;
  const channel = await getChannel(context.db, event.channel);
  if (channel?.status !== 'active') return;
  await pauseForLostChannel(context, channel, 'the bot was removed from the channel');
}

export async function onFormSubmitted(
  context: EngineContext,
  event: FormSubmissionEvent,
): Promise<void> {
  const reply =
    event.respond ??
    ((message) =>
      platformFor(context, event.channel)
        .postPrivate(event.channel, event.member, message)
        .then(() => {}));
  if (!(await claimEvent(context.db, event.eventId, event.at))) return;
  await upsertMember(context.db, { id: event.member, platform: platformOf(event.member) });
  if (event.action === PRACTICE_ANSWER_ACTION) {
    await reply(await answerPractice(context, event.member, event.fields.answer ?? ''));
    return;
  }
  if (event.action === 'drill-answer') {
    const answer = event.fields.answer ?? '';
    const result = await storePrivateAnswer(context, {
      channel: event.channel,
      member: event.member,
      text: answer,
      eventId: event.eventId,
      at: event.at,
    });
    await reply(result);
    return;
  }
  context.logger.warn({ channel: event.channel, action: event.action }, 'unknown form action');
  await reply(notice('error', text('That form is not one drillbot knows; nothing was stored.')));
}
