/**
 * A member's own data (`optout`, `export-me`, `forget-me`): the flags on the member row, a
 * read of everything stored about them, and the pieces of the forget transaction. The core
 * (src/core/member-data.ts) decides; these functions only read and write.
 *
 * Most rows go with the member row through `on delete cascade`. What does not is handled
 * here by name: columns that keep a row useful without the member (flags, enrolments, admins
 * someone added) are set to null, `workspace_admins.member_id` has no foreign key and is
 * deleted, and other members' scores that name the member as the one they copied lose the
 * name. A test scans every text column afterwards, so a column added later that stores
 * member ids fails it until it is handled here.
 */
import { and, count, desc, eq, inArray, isNotNull, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { DbOrTx, Tx } from '../client.ts';
import { rawRows } from '../raw.ts';
import {
  answerMessages,
  answers,
  channels,
  drills,
  memberChannelStats,
  members,
  pointsDaily,
  pointsLedger,
  practicePending,
  practiceState,
  processedEvents,
  questionFlags,
  questionSnapshots,
  votes,
  workspaceAdmins,
} from '../schema.ts';
import { votePointsHeld } from './points.ts';

/** Sets or clears `opted_out_at`; an earlier opt-out keeps its date. False without a member. */
export async function setOptedOut(db: DbOrTx, memberId: string, at: Date | null): Promise<boolean> {
  const rows = await db
    .update(members)
    // An ISO string cast in SQL: postgres.js cannot bind a Date inside a raw `sql` fragment.
    .set({
      optedOutAt:
        at === null ? null : sql`coalesce(${members.optedOutAt}, ${at.toISOString()}::timestamptz)`,
    })
    .where(eq(members.id, memberId))
    .returning({ id: members.id });
  return rows.length === 1;
}

/** Records (or clears) the first `forget-me`; false when the member is not stored. */
export async function setForgetRequested(
  db: DbOrTx,
  memberId: string,
  at: Date | null,
): Promise<boolean> {
  const rows = await db
    .update(members)
    .set({ forgetRequestedAt: at })
    .where(eq(members.id, memberId))
    .returning({ id: members.id });
  return rows.length === 1;
}

/** The member row, locked: two confirmations racing apply the vote take-backs once. */
export async function lockMember(tx: Tx, memberId: string) {
  const [row] = await tx.select().from(members).where(eq(members.id, memberId)).for('update');
  return row;
}

/** How many rows of each kind reference the member: told before and after forget-me. */
export interface MemberFootprint {
  answers: number;
  messages: number;
  votesCast: number;
  votesReceived: number;
  ledgerRows: number;
  points: number;
  dayTotals: number;
  channelStats: number;
  practiceCards: number;
  practicePending: number;
  adminRoles: number;
  flags: number;
  channelsEnrolled: number;
  adminsAdded: number;
}

export async function memberFootprint(db: DbOrTx, memberId: string): Promise<MemberFootprint> {
  const mine = sql`(select id from ${answers} where ${answers.memberId} = ${memberId})`;
  const n = (from: SQL) => sql`(select count(*)::int from ${from})`;
  const [row] = await rawRows<Record<keyof MemberFootprint, number>>(
    db,
    sql`select
      ${n(sql`${answers} where ${answers.memberId} = ${memberId}`)} as "answers",
      ${n(sql`${answerMessages} where ${answerMessages.answerId} in ${mine}`)} as "messages",
      ${n(sql`${votes} where ${votes.voterId} = ${memberId}`)} as "votesCast",
      ${n(sql`${votes} where ${votes.answerId} in ${mine}`)} as "votesReceived",
      ${n(sql`${pointsLedger} where ${pointsLedger.memberId} = ${memberId}`)} as "ledgerRows",
      (select coalesce(sum(${pointsLedger.points}), 0)::int from ${pointsLedger}
        where ${pointsLedger.memberId} = ${memberId}) as "points",
      ${n(sql`${pointsDaily} where ${pointsDaily.memberId} = ${memberId}`)} as "dayTotals",
      ${n(sql`${memberChannelStats} where ${memberChannelStats.memberId} = ${memberId}`)} as "channelStats",
      ${n(sql`${practiceState} where ${practiceState.memberId} = ${memberId}`)} as "practiceCards",
      ${n(sql`${practicePending} where ${practicePending.memberId} = ${memberId}`)} as "practicePending",
      ${n(sql`${workspaceAdmins} where ${workspaceAdmins.memberId} = ${memberId}`)} as "adminRoles",
      ${n(sql`${questionFlags} where ${questionFlags.memberId} = ${memberId}`)} as "flags",
      ${n(sql`${channels} where ${channels.enrolledBy} = ${memberId}`)} as "channelsEnrolled",
      ${n(sql`${workspaceAdmins} where ${workspaceAdmins.addedBy} = ${memberId}`)} as "adminsAdded"`,
  );
  if (!row) throw new Error('footprint query returned nothing');
  return row;
}

/** An answer of someone else, in a scored drill, that the member's vote counted for. */
export interface CountedVote {
  drillId: number;
  authorId: string;
  channelId: string;
  workspaceId: string;
  zone: string;
  /** Counted votes the answer keeps once the member's vote is gone. */
  countedAfter: number;
  /** Vote points the author holds for the drill (sum of their 'votes' ledger rows). */
  held: number;
}

/**
 * Locks what the member voted on, in the order scoring and the vote handler take locks
 * (drill, then answer), so neither can slip between reading and writing here: a reveal
 * scoring one of these drills either committed first (its points are read below) or waits
 * and then counts without the member's votes; a vote change on one of these answers
 * settles wholly before or after.
 */
async function lockVotedOn(tx: Tx, memberId: string): Promise<void> {
  const voted = await tx
    .select({ drillId: answers.drillId, answerId: answers.id })
    .from(votes)
    .innerJoin(answers, eq(answers.id, votes.answerId))
    .where(eq(votes.voterId, memberId));
  if (voted.length === 0) return;
  const drillIds = [...new Set(voted.map((row) => row.drillId))];
  await tx
    .select({ id: drills.id })
    .from(drills)
    .where(inArray(drills.id, drillIds))
    .orderBy(drills.id)
    .for('share');
  await tx
    .select({ id: answers.id })
    .from(answers)
    .where(
      inArray(
        answers.id,
        voted.map((row) => row.answerId),
      ),
    )
    .orderBy(answers.id)
    .for('update');
}

/**
 * The votes the member cast that counted towards points already written: on another
 * member's answer, in a drill scored at its reveal, and from a voter who answered that drill
 * (the rule that makes a vote count). Votes in drills not scored yet need nothing: scoring
 * will simply not see them. Opted-out authors are left out: their points already earned
 * stay and vote changes move nothing for them (as in src/core/votes.ts).
 */
export async function countedVotesOf(tx: Tx, memberId: string): Promise<CountedVote[]> {
  await lockVotedOn(tx, memberId);
  const voterAnswer = alias(answers, 'voter_answer');
  const cast = await tx
    .select({
      answerId: answers.id,
      drillId: answers.drillId,
      authorId: answers.memberId,
      channelId: channels.id,
      workspaceId: channels.workspaceId,
      zone: channels.zone,
    })
    .from(votes)
    .innerJoin(answers, eq(answers.id, votes.answerId))
    .innerJoin(members, eq(members.id, answers.memberId))
    .innerJoin(drills, eq(drills.id, answers.drillId))
    .innerJoin(channels, eq(channels.id, drills.channelId))
    .innerJoin(
      voterAnswer,
      and(eq(voterAnswer.drillId, answers.drillId), eq(voterAnswer.memberId, memberId)),
    )
    .where(
      and(
        eq(votes.voterId, memberId),
        ne(answers.memberId, memberId),
        isNull(members.optedOutAt),
        isNotNull(drills.scoredAt),
      ),
    )
    .orderBy(answers.id);
  const result: CountedVote[] = [];
  for (const { answerId, ...vote } of cast) {
    const [remaining] = await tx
      .select({ n: count() })
      .from(votes)
      .innerJoin(
        voterAnswer,
        and(eq(voterAnswer.drillId, vote.drillId), eq(voterAnswer.memberId, votes.voterId)),
      )
      .where(
        and(
          eq(votes.answerId, answerId),
          ne(votes.voterId, vote.authorId),
          ne(votes.voterId, memberId),
        ),
      );
    result.push({
      ...vote,
      countedAfter: remaining?.n ?? 0,
      held: await votePointsHeld(tx, vote.drillId, vote.authorId),
    });
  }
  return result;
}

/** What `unlinkMember` changed, for the confirmation. */
export interface Unlinked {
  flags: number;
  channelsEnrolled: number;
  adminsAdded: number;
  adminRoles: number;
  copyNames: number;
}

/**
 * Removes the member from rows that stay: flags keep their reason for pack maintainers,
 * channels and admins keep working, other answers keep their `copy` flag but not whose
 * answer they copied. `workspace_admins.member_id` has no foreign key (admins are stored
 * before the bot ever sees them as members), so the admin roles are deleted here.
 */
export async function unlinkMember(tx: Tx, memberId: string): Promise<Unlinked> {
  const flags = await tx
    .update(questionFlags)
    .set({ memberId: null })
    .where(eq(questionFlags.memberId, memberId))
    .returning({ id: questionFlags.id });
  const enrolled = await tx
    .update(channels)
    .set({ enrolledBy: null })
    .where(eq(channels.enrolledBy, memberId))
    .returning({ id: channels.id });
  const added = await tx
    .update(workspaceAdmins)
    .set({ addedBy: null })
    .where(eq(workspaceAdmins.addedBy, memberId))
    .returning({ id: workspaceAdmins.memberId });
  const roles = await tx
    .delete(workspaceAdmins)
    .where(eq(workspaceAdmins.memberId, memberId))
    .returning({ id: workspaceAdmins.memberId });
  const copies = await tx
    .update(answers)
    .set({ score: sql`${answers.score} - 'copiedFrom'` })
    .where(sql`${answers.score}->>'copiedFrom' = ${memberId}`)
    .returning({ id: answers.id });
  // Delivery ids are opaque; an adapter may build one from the member's id. They only guard
  // against redelivery, so dropping the few that name the member costs nothing.
  await tx.delete(processedEvents).where(sql`strpos(${processedEvents.eventId}, ${memberId}) > 0`);
  return {
    flags: flags.length,
    channelsEnrolled: enrolled.length,
    adminsAdded: added.length,
    adminRoles: roles.length,
    copyNames: copies.length,
  };
}

/** Deletes the member row; everything keyed by the member goes with it (cascades). */
export async function deleteMember(tx: Tx, memberId: string): Promise<boolean> {
  const rows = await tx
    .delete(members)
    .where(eq(members.id, memberId))
    .returning({ id: members.id });
  return rows.length === 1;
}

/** Everything stored about the member, as rows (the core shapes the JSON). */
export async function memberRecords(db: DbOrTx, memberId: string) {
  const [profile] = await db.select().from(members).where(eq(members.id, memberId));
  const answerRows = await db
    .select({
      answerId: answers.id,
      drillId: answers.drillId,
      channelId: drills.channelId,
      askedAt: drills.slotAt,
      packId: questionSnapshots.packId,
      questionId: questionSnapshots.questionId,
      source: answers.source,
      onTime: answers.onTime,
      frozenText: answers.frozenText,
      frozenAt: answers.frozenAt,
      score: answers.score,
      points: answers.points,
      votesReceived: sql<number>`(select count(*)::int from ${votes} where ${votes.answerId} = ${answers.id})`,
    })
    .from(answers)
    .innerJoin(drills, eq(drills.id, answers.drillId))
    .leftJoin(questionSnapshots, eq(questionSnapshots.id, drills.snapshotId))
    .where(eq(answers.memberId, memberId))
    .orderBy(answers.id);
  const ids = answerRows.map((row) => row.answerId);
  const messages =
    ids.length === 0
      ? []
      : await db
          .select()
          .from(answerMessages)
          .where(inArray(answerMessages.answerId, ids))
          .orderBy(answerMessages.sentAt, answerMessages.id);
  return {
    profile,
    answers: answerRows,
    messages,
    votesCast: await db
      .select({ drillId: answers.drillId, answerId: votes.answerId, castAt: votes.createdAt })
      .from(votes)
      .innerJoin(answers, eq(answers.id, votes.answerId))
      .where(eq(votes.voterId, memberId))
      .orderBy(votes.id),
    ledger: await db
      .select()
      .from(pointsLedger)
      .where(eq(pointsLedger.memberId, memberId))
      .orderBy(pointsLedger.id),
    dayTotals: await db
      .select()
      .from(pointsDaily)
      .where(eq(pointsDaily.memberId, memberId))
      .orderBy(pointsDaily.day, pointsDaily.channelId),
    channelStats: await db
      .select()
      .from(memberChannelStats)
      .where(eq(memberChannelStats.memberId, memberId)),
    practiceCards: await db
      .select()
      .from(practiceState)
      .where(eq(practiceState.memberId, memberId))
      .orderBy(practiceState.packId, practiceState.questionId),
    practicePending: await db
      .select()
      .from(practicePending)
      .where(eq(practicePending.memberId, memberId)),
    adminRoles: await db
      .select({ workspaceId: workspaceAdmins.workspaceId, addedAt: workspaceAdmins.addedAt })
      .from(workspaceAdmins)
      .where(eq(workspaceAdmins.memberId, memberId)),
    adminsAdded: await db
      .select({ workspaceId: workspaceAdmins.workspaceId, memberId: workspaceAdmins.memberId })
      .from(workspaceAdmins)
      .where(eq(workspaceAdmins.addedBy, memberId)),
    channelsEnrolled: await db
      .select({ channelId: channels.id, enrolledAt: channels.createdAt })
      .from(channels)
      .where(eq(channels.enrolledBy, memberId)),
    flags: await db
      .select({
        drillId: questionFlags.drillId,
        packId: questionSnapshots.packId,
        questionId: questionSnapshots.questionId,
        reason: questionFlags.reason,
        raisedAt: questionFlags.createdAt,
      })
      .from(questionFlags)
      .innerJoin(questionSnapshots, eq(questionSnapshots.id, questionFlags.snapshotId))
      .where(eq(questionFlags.memberId, memberId))
      .orderBy(desc(questionFlags.createdAt)),
  };
}

export type MemberRecords = Awaited<ReturnType<typeof memberRecords>>;
