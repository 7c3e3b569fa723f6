/**
 * The hot inbound path: one thread reply stored in ONE statement. Every answer a channel
 * gets arrives here, often in bursts when a drill posts, so it costs one round trip instead
 * of seven (BEGIN, claim, drill, member, answer, message, COMMIT) and runs atomically as a
 * single statement. Measured by `npm run bench -- ingest`: through the engine, ingest runs
 * at over 0.9 of the rate of sending this statement by hand (it was about 0.7 with seven).
 *
 * Same rules as the step-by-step version had: the event id is claimed first and nothing
 * else happens for a delivery seen before; replies under a withdrawn drill (or under no
 * drill) are claimed and dropped; a reply sent at or after the reveal, or stored once the
 * drill's answers were frozen for scoring (a reveal still retrying its post), is kept and
 * marked late, and an answer it starts is not on time; the member's display name is
 * refreshed when given; a platform message is stored once.
 */
import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.ts';
import { rawRows } from '../raw.ts';

export interface ThreadReplyDelivery {
  eventId: string;
  /** When the platform says the reply was sent. */
  at: Date;
  /** The thread's root message: a drill question if the reply is an answer. */
  root: string;
  memberId: string;
  platform: 'slack' | 'discord' | 'console';
  displayName?: string | undefined;
  platformMessageId: string;
  text: string;
}

export interface ThreadReplyOutcome {
  /** False for a delivery whose event id was claimed before (a retry or a replay). */
  claimed: boolean;
  /** The drill the reply answers, when it answers one that was not withdrawn. */
  drill?: { id: number; channelId: string };
  /** Whether the message was new: stored now rather than before. */
  stored: boolean;
}

interface OutcomeRow extends Record<string, unknown> {
  claimed: boolean;
  drill_id: string | number | null;
  channel_id: string | null;
  stored: boolean;
}

/*
 * Data-modifying CTEs all run, once, against one snapshot; each later step reads the
 * earlier ones only through their RETURNING rows, so every step is gated on the one before
 * (no claim, no drill; no drill, no member, answer or message). Foreign keys are checked at
 * the end of the statement, after the member row exists.
 */
export async function storeThreadReply(
  db: DbOrTx,
  reply: ThreadReplyDelivery,
): Promise<ThreadReplyOutcome> {
  const at = reply.at.toISOString();
  const [row] = await rawRows<OutcomeRow>(
    db,
    sql`
    with claimed as (
      insert into processed_events (event_id, received_at)
      values (${reply.eventId}, ${at}::timestamptz)
      on conflict do nothing
      returning event_id
    ), drill as (
      select d.id, d.channel_id,
             d.status = 'revealed' or d.scored_at is not null
               or coalesce(${at}::timestamptz >= d.reveal_at, false) as late
      from drills d
      where d.message_ref = ${reply.root} and d.status <> 'withdrawn'
        and exists (select from claimed)
    ), member as (
      insert into members (id, platform, display_name)
      select ${reply.memberId}, ${reply.platform}, ${reply.displayName ?? null} from drill
      on conflict (id) do update
        set display_name = coalesce(excluded.display_name, members.display_name),
            updated_at = now()
      returning id
    ), answer as (
      insert into answers (drill_id, member_id, source, on_time)
      select drill.id, member.id, 'thread', not drill.late from drill cross join member
      on conflict (drill_id, member_id) do update set updated_at = now()
      returning id
    ), stored as (
      insert into answer_messages (answer_id, platform_message_id, text, late, sent_at)
      select answer.id, ${reply.platformMessageId}, ${reply.text}, drill.late, ${at}::timestamptz
      from answer cross join drill
      on conflict do nothing
      returning id
    )
    select exists (select from claimed) as claimed,
           (select id from drill) as drill_id,
           (select channel_id from drill) as channel_id,
           exists (select from stored) as stored`,
  );
  if (!row) throw new Error('storeThreadReply returned no row');
  return {
    claimed: row.claimed,
    ...(row.drill_id !== null && row.channel_id !== null
      ? { drill: { id: Number(row.drill_id), channelId: row.channel_id } }
      : {}),
    stored: row.stored,
  };
}
