/**
 * A private answer to the channel's open drill (`/drill answer`, or the answer form): the
 * way to answer in blind mode, also accepted in thread mode.
 */
import { storeReply } from '../../db/queries/answers.ts';
import { liveDrill } from '../../db/queries/drills.ts';
import { claimEvent } from '../../db/queries/events.ts';
import { upsertMember } from '../../db/queries/members.ts';
import type { EngineContext } from './context.ts';
import { platformOf } from './ids.ts';
import { type Message, notice, text } from './messages.ts';

export interface PrivateAnswer {
  channel: string;
  member: string;
  memberName?: string | undefined;
  text: string;
  eventId: string;
  at: Date;
}

export async function storePrivateAnswer(
  context: EngineContext,
  answer: PrivateAnswer,
): Promise<Message> {
  const trimmed = answer.text.trim();
  if (trimmed === '')
    return notice(
      'error',
      text('An empty answer was not stored: write your answer after /drill answer.'),
    );
  return context.db.transaction(async (tx) => {
    const drill = await liveDrill(tx, answer.channel);
    if (drill?.status !== 'open' || !drill.revealAt) {
      return notice('error', text('There is no open drill in this channel to answer.'));
    }
    // Once the answers are frozen for scoring (a reveal still retrying its post), too.
    if (answer.at.getTime() >= drill.revealAt.getTime() || drill.scoredAt !== null) {
      return notice('error', text('This drill has closed; your answer was not stored.'));
    }
    // The form's event id may already be claimed by the command boundary; the message id is
    // what makes the answer idempotent.
    await claimEvent(tx, `${answer.eventId}:answer`, answer.at);
    await upsertMember(tx, {
      id: answer.member,
      platform: platformOf(answer.member),
      displayName: answer.memberName,
    });
    await storeReply(tx, {
      drillId: drill.id,
      memberId: answer.member,
      platformMessageId: `private:${answer.eventId}`,
      text: trimmed,
      sentAt: answer.at,
      late: false,
      source: 'private',
    });
    return notice(
      'notice',
      text(
        drill.mode === 'blind'
          ? 'Answer stored. Everyone’s answers are shown together at the reveal.'
          : 'Answer stored; it counts with your thread replies.',
      ),
    );
  });
}
