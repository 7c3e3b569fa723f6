/**
 * Thread replies, edits and deletes: the raw material of answers. Each delivery is stored
 * atomically with its event id (a reply in one statement, see db/queries/thread-replies.ts;
 * an edit or delete in one transaction), so a retried or replayed delivery is stored once
 * and an unacknowledged one is redelivered rather than lost.
 */
import { deleteReply, editReply, replyByMessage } from '../../db/queries/answers.ts';
import { getDrill } from '../../db/queries/drills.ts';
import { claimEvent } from '../../db/queries/events.ts';
import { storeThreadReply } from '../../db/queries/thread-replies.ts';
import type { Drill } from '../../db/schema.ts';
import type { EngineContext } from './context.ts';
import { platformOf } from './ids.ts';
import type { ReplyDeletedEvent, ReplyEditedEvent, ThreadReplyEvent } from './platform.ts';

/**
 * Sent after the reveal time, or after the drill's answers were frozen for scoring (or it
 * was revealed): kept, marked late.
 */
function isLate(drill: Drill, at: Date): boolean {
  return (
    drill.status === 'revealed' ||
    drill.scoredAt !== null ||
    (drill.revealAt !== null && at.getTime() >= drill.revealAt.getTime())
  );
}

export async function onThreadReply(
  context: EngineContext,
  event: ThreadReplyEvent,
): Promise<void> {
  if (event.fromBot) return;
  const outcome = await storeThreadReply(context.db, {
    eventId: event.eventId,
    at: event.at,
    root: event.root,
    memberId: event.member,
    platform: platformOf(event.member),
    displayName: event.memberName,
    platformMessageId: event.message,
    text: event.text,
  });
  if (outcome.stored && outcome.drill) {
    context.metrics.answerStored(platformOf(event.member));
    context.logger.debug(
      { channel: outcome.drill.channelId, drill: outcome.drill.id, member: event.member },
      'answer stored',
    );
  }
}

export async function onReplyEdited(
  context: EngineContext,
  event: ReplyEditedEvent,
): Promise<void> {
  await context.db.transaction(async (tx) => {
    if (!(await claimEvent(tx, event.eventId, event.at))) return;
    const reply = await replyByMessage(tx, event.message);
    if (!reply) return;
    const drill = await getDrill(tx, reply.drillId);
    // An on-time reply edited after the close keeps the text that was scored.
    if (!drill || (!reply.late && isLate(drill, event.at))) return;
    await editReply(tx, reply.id, event.text, event.at);
  });
}

export async function onReplyDeleted(
  context: EngineContext,
  event: ReplyDeletedEvent,
): Promise<void> {
  await context.db.transaction(async (tx) => {
    if (!(await claimEvent(tx, event.eventId, event.at))) return;
    const reply = await replyByMessage(tx, event.message);
    if (reply) await deleteReply(tx, reply.id, event.at);
  });
}
