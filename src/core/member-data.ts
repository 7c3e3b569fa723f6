/**
 * Members' control of their own data: `optout on|off`, `export-me` and `forget-me`
 * (interface.md; issue 6, item 7). Every answer is private to the caller.
 *
 * forget-me asks twice so a stray command cannot wipe a history, and deletes in one
 * transaction so a crash never leaves half a member behind. The member's votes vanish with
 * them, so the vote points those votes earned other members are taken back first, through
 * the ledger like every other point: other members' totals and day aggregates stay exact.
 */
import {
  type CountedVote,
  countedVotesOf,
  deleteMember,
  lockMember,
  type MemberFootprint,
  type MemberRecords,
  memberFootprint,
  memberRecords,
  setForgetRequested,
  setOptedOut,
  unlinkMember,
} from '../../db/queries/member-data.ts';
import { upsertMember } from '../../db/queries/members.ts';
import { type Award, awardAll } from '../../db/queries/points.ts';
import type { CommandCall } from './command-runner.ts';
import type { Command } from './commands/types.ts';
import type { EngineContext } from './context.ts';
import { platformOf } from './ids.ts';
import { localDay } from './leaderboard-period.ts';
import { type Message, notice, paragraph, text } from './messages.ts';
import { votePoints } from './scoring.ts';

/** How long after the first `forget-me` a second one confirms. */
export const FORGET_CONFIRM_MS = 5 * 60_000;

/**
 * Longest JSON chunk per code span: under Slack's 3,000 characters per section with room
 * for the code fence the adapter adds. (Discord adapters split further to their 2,000.)
 */
export const EXPORT_CHUNK_CHARS = 2_800;

/** Answers `optout`, `export-me` and `forget-me`; undefined for every other command. */
export async function runMemberDataCommand(
  context: EngineContext,
  command: Command,
  call: CommandCall,
): Promise<Message | undefined> {
  const member = call.event.member;
  switch (command.name) {
    case 'optout':
      return optOut(context, member, command.optOut);
    case 'export-me':
      return exportMessage(await memberRecords(context.db, member), context.clock.now());
    case 'forget-me':
      return forgetMe(context, member);
    default:
      return undefined;
  }
}

async function optOut(context: EngineContext, member: string, on: boolean): Promise<Message> {
  // The runner stores the caller before any command; this keeps a direct call just as safe.
  await upsertMember(context.db, { id: member, platform: platformOf(member) });
  await setOptedOut(context.db, member, on ? context.clock.now() : null);
  return on
    ? notice(
        'notice',
        text('You are opted out. ', 'bold'),
        text(
          'You are left out of every leaderboard and nothing you answer from now on is scored. ' +
            'Your past answers and points stay stored: /drill export-me shows them, ' +
            '/drill forget-me deletes them. /drill optout off takes part again.',
        ),
      )
    : notice(
        'notice',
        text('You are opted in. ', 'bold'),
        text(
          'Your answers are scored again and you appear on leaderboards with the points you ' +
            'already had. Drills revealed while you were opted out stay unscored.',
        ),
      );
}

// ---- export-me --------------------------------------------------------------------------

/** The export as plain data: dates become ISO strings when stringified. */
export function exportDocument(records: MemberRecords, now: Date) {
  const messagesOf = (answerId: number) =>
    records.messages
      .filter((message) => message.answerId === answerId)
      .map(({ id: _id, answerId: _answer, ...message }) => message);
  return {
    exportedAt: now,
    member: records.profile ?? null,
    answers: records.answers.map((answer) => ({
      ...answer,
      messages: messagesOf(answer.answerId),
    })),
    votesCast: records.votesCast,
    votesReceived: records.answers.reduce((sum, answer) => sum + answer.votesReceived, 0),
    points: {
      total: records.ledger.reduce((sum, row) => sum + row.points, 0),
      ledger: records.ledger.map(({ memberId: _member, ...row }) => row),
      dayTotals: records.dayTotals.map(({ memberId: _member, ...row }) => row),
      channelStats: records.channelStats.map(({ memberId: _member, ...row }) => row),
    },
    practice: {
      cards: records.practiceCards.map(({ memberId: _member, ...row }) => row),
      pending: records.practicePending.map(({ memberId: _member, ...row }) => row),
    },
    adminRoles: records.adminRoles,
    adminsAdded: records.adminsAdded,
    channelsEnrolled: records.channelsEnrolled,
    flagsRaised: records.flags,
  };
}

/**
 * Splits `json` into chunks of at most `limit` characters whose concatenation is `json`.
 * Cuts go after a line break where the chunk has one, so each part reads on its own;
 * otherwise (one very long answer) between two non-space characters, so a renderer that
 * trims a code span's edges cannot eat a space inside a string.
 */
export function chunkText(json: string, limit = EXPORT_CHUNK_CHARS): string[] {
  const chunks: string[] = [];
  let rest = json;
  while (rest.length > limit) {
    let cut = rest.lastIndexOf('\n', limit - 1) + 1;
    if (cut === 0) {
      cut = limit;
      while (cut > limit / 2 && /\s/.test(`${rest[cut - 1]}${rest[cut]}`)) cut -= 1;
      if (cut <= limit / 2) cut = limit;
    }
    chunks.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) chunks.push(rest);
  return chunks;
}

export function exportMessage(records: MemberRecords, now: Date): Message {
  const document = exportDocument(records, now);
  const chunks = chunkText(JSON.stringify(document, null, 2));
  const summary =
    `Everything drillbot stores about you: ${document.answers.length} answers, ` +
    `${document.votesCast.length} votes cast, ${document.votesReceived} votes received, ` +
    `${document.points.ledger.length} ledger rows (${document.points.total} points), ` +
    `${document.practice.cards.length} practice cards. As JSON, in ${chunks.length} ` +
    `part${chunks.length === 1 ? '' : 's'} to join in order:`;
  return {
    kind: 'notice',
    blocks: [paragraph(text(summary)), ...chunks.map((chunk) => paragraph(text(chunk, 'code')))],
  };
}

// ---- forget-me --------------------------------------------------------------------------

/**
 * The vote points an author should lose when one counted vote goes: what the remaining
 * votes earn, never more than the author holds (forget-me takes back, it never awards).
 * Returns a delta <= 0.
 */
export function voteTakeBack(vote: Pick<CountedVote, 'held' | 'countedAfter'>): number {
  return Math.min(vote.held, votePoints(vote.countedAfter)) - vote.held;
}

function footprintText(footprint: MemberFootprint): string {
  return (
    `${footprint.answers} answers (${footprint.messages} messages), ` +
    `${footprint.votesCast} votes you cast, ${footprint.votesReceived} votes on your answers, ` +
    `${footprint.ledgerRows} ledger rows (${footprint.points} points), ` +
    `${footprint.dayTotals} day totals, ${footprint.channelStats} streak records, ` +
    `${footprint.practiceCards} practice cards, ${footprint.practicePending} pending practice ` +
    `questions, ${footprint.adminRoles} admin roles`
  );
}

async function forgetMe(context: EngineContext, member: string): Promise<Message> {
  const now = context.clock.now();
  const confirmed = await context.db.transaction(async (tx) => {
    const row = await lockMember(tx, member);
    const requested = row?.forgetRequestedAt;
    // A request dated a moment ahead of `now` comes from another instance's clock: fresh.
    if (!row || !requested || now.getTime() - requested.getTime() > FORGET_CONFIRM_MS) {
      return undefined;
    }
    const footprint = await memberFootprint(tx, member);
    let takenBack = 0;
    // Written together, in member order, as a reveal writes its points (see awardAll).
    const takeBacks: Award[] = [];
    for (const vote of await countedVotesOf(tx, member)) {
      const delta = voteTakeBack(vote);
      if (delta === 0) continue;
      // Dated now, in the channel's zone, like every vote change after a reveal
      // (src/core/votes.ts): a ledger row is dated when it was written, and its day
      // aggregate is the day of that date.
      takeBacks.push({
        memberId: vote.authorId,
        workspaceId: vote.workspaceId,
        channelId: vote.channelId,
        drillId: vote.drillId,
        reason: 'votes',
        points: delta,
        // Deltas for one drill may repeat; they have no award key to be unique on.
        awardKey: null,
        earnedAt: now,
        day: localDay(now, vote.zone),
      });
      takenBack -= delta;
    }
    await awardAll(tx, takeBacks);
    const unlinked = await unlinkMember(tx, member);
    await deleteMember(tx, member);
    return { footprint, takenBack, unlinked };
  });
  if (confirmed) {
    const { footprint, takenBack, unlinked } = confirmed;
    context.logger.info({ takenBack }, 'member forgotten');
    return notice(
      'notice',
      text('Deleted everything drillbot stored about you. ', 'bold'),
      text(
        `Gone: your profile, ${footprintText(footprint)}. ` +
          `Vote points your votes had earned others, taken back: ${takenBack}. ` +
          `Kept without your name: ${unlinked.flags} flags you raised, ` +
          `${unlinked.channelsEnrolled} channels you enrolled, ${unlinked.adminsAdded} admins you added.`,
      ),
    );
  }
  if (!(await setForgetRequested(context.db, member, now))) {
    return notice('notice', text('drillbot stores nothing about you.'));
  }
  const footprint = await memberFootprint(context.db, member);
  return notice(
    'notice',
    text('This deletes everything drillbot stores about you, in every workspace: ', 'bold'),
    text(
      `your profile, ${footprintText(footprint)}. The vote points your votes gave others are ` +
        `taken back. Flags you raised (${footprint.flags}), channels you enrolled ` +
        `(${footprint.channelsEnrolled}) and admins you added (${footprint.adminsAdded}) stay, ` +
        'without your name. It cannot be undone. ',
    ),
    text('Run /drill forget-me again within 5 minutes to confirm.', 'bold'),
  );
}
