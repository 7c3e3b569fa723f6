/**
 * Thread replies, edits and deletes: the raw material of answers. Each delivery is stored in
 * one transaction with its event id, so a retried or replayed delivery is stored once and an
 * unacknowledged one is redelivered rather than lost.
 */
import { deleteReply, editReply, replyByMessage, storeReply } from '../../db/queries/answers.ts';
import { drillByMessage, getDrill } from '../../db/queries/drills.ts';
import { claimEvent } from '../../db/queries/events.ts';
import { upsertMember } from '../../db/queries/members.ts';
import type { Drill } from '../../db/schema.ts';
import type { EngineContext } from './context.ts';
import { platformOf } from './ids.ts';
import type { ReplyDeletedEvent, ReplyEditedEvent, ThreadReplyEvent } from './platform.ts';

/** Sent after the reveal time (or after the drill was revealed): kept, marked late. */
function isLate(drill: Drill, at: Date): boolean {
  return (
    drill.status === 'revealed' ||
    (drill.revealAt !== null && at.getTime() >= drill.revealAt.getTime())
  );
}

export async function onThreadReply(
  context: EngineContext,
  event: ThreadReplyEvent,
): Promise<void> {
  if (event.fromBot) return;
  await context.db.transaction(async (tx) => {
    if (!(await claimEvent(tx, event.eventId, event.at))) return;
    const drill = await drillByMessage(tx, event.root);
    if (!drill || drill.status === 'withdrawn') return;
    await upsertMember(tx, {
      id: event.member,
      platform: platformOf(event.member),
      displayName: event.memberName,
    });
    const stored = await storeReply(tx, {
      drillId: drill.id,
      memberId: event.member,
      platformMessageId: event.message,
      text: event.text,
      sentAt: event.at,
      late: isLate(drill, event.at),
    });
    if (stored) {
      context.metrics.answerStored(platformOf(event.member));
      context.logger.debug(
        { channel: drill.channelId, drill: drill.id, member: event.member },
        'answer stored',
      );
    }
  });
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
