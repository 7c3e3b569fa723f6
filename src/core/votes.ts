/**
 * Peer votes: a reaction (any emoji, Slack and Discord alike) on a message of another
 * member's answer is an upvote for that answer. It counts when the voter is not the author,
 * is not a bot, and answered the same drill. One vote per voter and answer, however many
 * reactions the voter puts on however many of its messages; it lasts until the last of them
 * is removed (db/queries/votes.ts keeps the reactions behind each vote).
 *
 * Before the reveal a reaction only stores or removes the vote: the reveal counts them
 * (./drill-scoring.ts). After it, each change settles the author's vote points at once with
 * a ledger delta, so the day aggregates, and with them every board, stay exact.
 */
import type { Tx } from '../../db/client.ts';
import { replyByMessage } from '../../db/queries/answers.ts';
import { getChannel } from '../../db/queries/channels.ts';
import { claimEvent } from '../../db/queries/events.ts';
import { award, votePointsHeld } from '../../db/queries/points.ts';
import {
  addVoteReaction,
  answerIdOf,
  countVotes,
  hasAnswered,
  isOptedOut,
  lockAnswer,
  lockDrillForVote,
  removeVoteReaction,
} from '../../db/queries/votes.ts';
import type { Answer } from '../../db/schema.ts';
import type { EngineContext } from './context.ts';
import { SCORING_SCHEME } from './drill-scoring.ts';
import { workspaceOfChannel } from './ids.ts';
import { localDay } from './leaderboard-period.ts';
import type { ReactionEvent } from './platform.ts';
import { votePoints } from './scoring.ts';

/**
 * Most upvotes an answer shows and ranks by. A popular answer should not bury a thorough
 * one in the best-answers list just because its author has many friends; points need only
 * the scheme's threshold (2), well under the cap, so the cap never changes a point.
 */
export const VOTE_CAP = 5;

/** Counted upvotes as shown and ranked: capped at {@link VOTE_CAP}. */
export function shownVotes(counted: number): number {
  return Math.min(counted, VOTE_CAP);
}

/** What a drill was on when a vote changed: the row read under the share lock. */
interface VotedDrill {
  id: number;
  channelId: string;
  scoredAt: Date | null;
}

/** The reveal gave no vote points to gamed answers; a later vote must not either. */
function gamed(answer: Answer): boolean {
  const flags = answer.score?.flags;
  return Array.isArray(flags) && flags.length > 0;
}

/**
 * Whether the author's answer can hold vote points: the reveal scored it and gave it points
 * (frozen, on time, points above 0, not gamed). Late-only answers, answers begun after the
 * reveal and answers of members opted out at the reveal ("drills revealed while you were
 * opted out stay unscored") collect votes for display but never points, as at the reveal.
 */
function earnsVotePoints(answer: Answer): boolean {
  return answer.frozenAt !== null && answer.onTime && (answer.points ?? 0) > 0 && !gamed(answer);
}

/**
 * Brings the author's vote points for a scored drill in line with the votes now counted.
 * Writes the difference rather than recomputing rows, so the ledger keeps the history and
 * `award` moves the day aggregate of today (the day the change happened, in the channel's
 * zone) by exactly the same amount. The caller holds the answer lock, so two changes on
 * one answer read `held` one after the other and never both write the same delta.
 */
async function settleVotePoints(
  context: EngineContext,
  tx: Tx,
  drill: VotedDrill,
  answer: Answer,
): Promise<void> {
  // Opting out promises that nothing is scored from then on and that points already earned
  // stay: a vote change on an opted-out author's answer moves nothing either way.
  if (await isOptedOut(tx, answer.memberId)) return;
  const desired = earnsVotePoints(answer)
    ? votePoints(await countVotes(tx, answer.id), SCORING_SCHEME)
    : 0;
  const held = await votePointsHeld(tx, drill.id, answer.memberId);
  if (desired === held) return;
  const channel = await getChannel(tx, drill.channelId);
  if (!channel) return;
  const now = context.clock.now();
  await award(tx, {
    memberId: answer.memberId,
    workspaceId: workspaceOfChannel(channel.id),
    channelId: channel.id,
    drillId: drill.id,
    reason: 'votes',
    points: desired - held,
    // A delta may repeat (+1, -1, +1 ...), so it has no award key to be unique on.
    awardKey: null,
    earnedAt: now,
    day: localDay(now, channel.zone),
  });
  context.logger.info(
    { channel: channel.id, drill: drill.id, member: answer.memberId, delta: desired - held },
    'vote points settled',
  );
}

/**
 * Handles `reaction_added` and `reaction_removed`. Claimed by event id in the same
 * transaction as the change, so a redelivered event changes nothing and a failed one is
 * redelivered whole. Reactions on anything but an answer (the question, the reveal, other
 * chat) are ignored, as are a reply's own author's; votes on late replies count for the
 * member's answer like any other of its messages.
 */
export async function onReaction(context: EngineContext, event: ReactionEvent): Promise<void> {
  if (event.fromBot) return;
  await context.db.transaction(async (tx) => {
    if (!(await claimEvent(tx, event.eventId, event.at))) return;
    const reply = await replyByMessage(tx, event.message);
    if (!reply || reply.memberId === event.member) return;
    // Locks in the order scoring takes them, drill first (see lockDrillForVote).
    const drill = await lockDrillForVote(tx, reply.drillId);
    if (!drill || drill.status === 'withdrawn') return;
    const answerId = await answerIdOf(tx, drill.id, reply.memberId);
    const answer = answerId === undefined ? undefined : await lockAnswer(tx, answerId);
    if (!answer) return;
    const vote = {
      answerId: answer.id,
      voterId: event.member,
      reaction: { message: event.message, emoji: event.emoji },
    };
    const changed =
      event.type === 'reaction_added'
        ? (await hasAnswered(tx, drill.id, event.member)) && (await addVoteReaction(tx, vote))
        : await removeVoteReaction(tx, vote);
    if (!changed) return;
    context.logger.debug(
      { channel: drill.channelId, drill: drill.id, answer: answer.id, voter: event.member },
      event.type === 'reaction_added' ? 'vote added' : 'vote removed',
    );
    if (drill.scoredAt) await settleVotePoints(context, tx, drill, answer);
  });
}
