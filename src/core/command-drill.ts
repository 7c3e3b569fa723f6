/**
 * Commands about drills themselves: post now, reveal, skip, answer privately, flag a
 * question, help and tips. Settings live in ./command-channel.ts.
 */

import { getChannel } from '../../db/queries/channels.ts';
import {
  closeUnrevealed,
  latestPostedDrill,
  liveDrill,
  revealEarly,
} from '../../db/queries/drills.ts';
import { addFlag } from '../../db/queries/flags.ts';
import type { Channel } from '../../db/schema.ts';
import type { Pack } from '../content/schema.ts';
import { leaderboardReply, statsReply } from './command-boards.ts';
import type { CommandCall } from './command-runner.ts';
import type { Command } from './commands/types.ts';
import { formatHelp } from './commands/usage.ts';
import { type EngineContext, platformFor } from './context.ts';
import { claimDrill, postClaimed } from './drill-posting.ts';
import { revealDrill } from './drill-reveal.ts';
import { DrillError } from './errors.ts';
import { runMemberDataCommand } from './member-data.ts';
import { type Block, heading, type Message, notice, paragraph, text } from './messages.ts';
import { answerPractice, askPractice } from './practice-flow.ts';
import { storePrivateAnswer } from './private-answer.ts';

function requireChannel(channel: Channel | undefined): Channel {
  if (!channel) {
    throw new DrillError(
      'NOT_ENROLLED',
      'This channel has no drills yet. An admin can start with /drill now or /drill schedule weekdays 09:00.',
    );
  }
  return channel;
}

/** Closes the open drill now (reveal), so a new one can be posted. */
async function revealOpen(context: EngineContext, channel: Channel): Promise<boolean> {
  const live = await liveDrill(context.db, channel.id);
  if (!live) return false;
  if (live.status !== 'open') {
    throw new DrillError(
      'USAGE',
      'A drill is being posted in this channel right now; try again in a minute.',
    );
  }
  const now = context.clock.now();
  await revealEarly(context.db, live.id, now);
  return revealDrill(context, { ...live, revealAt: now });
}

/** Posts a drill now (manual trigger) after closing any open one. */
async function postNow(context: EngineContext, channel: Channel): Promise<Message> {
  await revealOpen(context, channel);
  const drill = await claimDrill(context, {
    channel,
    slotAt: context.clock.now(),
    trigger: 'manual',
  });
  if (!drill) {
    throw new DrillError(
      'USAGE',
      'Could not start a drill: another one is being posted, or no question is available for this channel’s packs.',
    );
  }
  await postClaimed(context, drill);
  const posted = await liveDrill(context.db, channel.id);
  if (posted?.status === 'open') return notice('notice', text('Drill posted.'));
  if (posted) {
    return notice(
      'notice',
      text('The drill could not be posted yet; it will be retried automatically.'),
    );
  }
  // Withdrawn, not retried: say why rather than promise a retry.
  const paused = (await getChannel(context.db, channel.id))?.status === 'paused';
  return notice(
    'error',
    text(
      paused
        ? 'The bot cannot post in this channel, so drills here are paused. Invite the bot, then run /drill resume.'
        : 'The platform refused the drill post, so it was withdrawn; the error is in the bot’s log.',
    ),
  );
}

function tipsMessage(
  packs: readonly Pack[],
  wanted: string | undefined,
  channel: Channel | undefined,
): Message {
  const candidates = wanted
    ? packs.filter((pack) => pack.id === wanted)
    : packs.filter((pack) => !channel || channel.allPacks || channel.packs.includes(pack.id));
  if (wanted && candidates.length === 0) {
    throw new DrillError(
      'UNKNOWN_PACK',
      `Unknown pack "${wanted}": available packs are ${packs.map((p) => p.id).join(', ')}.`,
    );
  }
  const blocks: Block[] = [];
  for (const pack of candidates.filter((candidate) => candidate.tips)) {
    blocks.push(heading(`${pack.title}: preparation`));
    blocks.push({
      type: 'bullets',
      items: (pack.tips?.preparation ?? []).map((tip) => [text(tip)]),
    });
    if ((pack.tips?.askTheInterviewer ?? []).length > 0) {
      blocks.push(paragraph(text('Questions worth asking your interviewer:', 'bold')));
      blocks.push({
        type: 'bullets',
        items: (pack.tips?.askTheInterviewer ?? []).map((tip) => [text(tip)]),
      });
    }
  }
  if (blocks.length === 0) blocks.push(paragraph(text('No tips in these packs yet.')));
  return { kind: 'notice', blocks };
}

/** Returns the answer, or undefined when the command is not one of these. */
export async function runDrillCommand(
  context: EngineContext,
  command: Command,
  call: CommandCall,
): Promise<Message | undefined> {
  const memberData = await runMemberDataCommand(context, command, call);
  if (memberData) return memberData;
  switch (command.name) {
    case 'practice':
      return askPractice(context, call.event.member, command.filter);
    case 'practice-answer':
      return answerPractice(context, call.event.member, command.text);
    case 'leaderboard':
      return leaderboardReply(context, command, call);
    case 'stats':
      return statsReply(context, call);
    case 'help': {
      const lines = formatHelp({
        includeAdmin: call.isAdmin,
        ...(command.topic ? { topic: command.topic } : {}),
      }).split('\n');
      const intro = command.topic
        ? []
        : [
            paragraph(
              text(
                'drillbot posts an interview question here on a schedule. Answer in its thread before it closes; ' +
                  'then it reveals what a strong answer covers, the common mistake, and how everyone did.',
              ),
            ),
          ];
      return {
        kind: 'help',
        blocks: [...intro, { type: 'bullets', items: lines.map((line) => [text(line)]) }],
      };
    }
    case 'tips':
      return tipsMessage(context.catalog().packs, command.pack, call.channel);
    case 'now':
      return postNow(context, requireChannel(call.channel));
    case 'reveal': {
      if (!(await revealOpen(context, requireChannel(call.channel)))) {
        throw new DrillError('NO_OPEN_DRILL', 'There is no open drill to reveal in this channel.');
      }
      return notice('notice', text('Revealed.'));
    }
    case 'skip': {
      const channel = requireChannel(call.channel);
      const live = await liveDrill(context.db, channel.id);
      if (!live)
        throw new DrillError('NO_OPEN_DRILL', 'There is no open drill to skip in this channel.');
      await closeUnrevealed(context.db, live.id, 'withdrawn');
      if (live.messageRef) {
        await platformFor(context, channel.id)
          .postInThread(
            live.messageRef,
            notice('notice', text('This question was withdrawn by an admin; a new one follows.')),
          )
          .catch((error: unknown) =>
            context.logger.warn({ channel: channel.id, err: error }, 'withdrawal note failed'),
          );
      }
      return postNow(context, channel);
    }
    case 'answer':
      return storePrivateAnswer(context, {
        channel: call.event.channel,
        member: call.event.member,
        memberName: call.event.memberName,
        text: command.text,
        eventId: call.event.eventId,
        at: call.event.at,
      });
    case 'flag': {
      const channel = requireChannel(call.channel);
      const drill =
        (await liveDrill(context.db, channel.id)) ??
        (await latestPostedDrill(context.db, channel.id));
      if (!drill?.snapshotId)
        throw new DrillError('NO_OPEN_DRILL', 'There is no drill question here to flag.');
      await addFlag(context.db, {
        snapshotId: drill.snapshotId,
        drillId: drill.id,
        memberId: call.event.member,
        reason: command.reason,
      });
      context.logger.info({ channel: channel.id, drill: drill.id }, 'question flagged');
      return notice('notice', text('Thanks: the question is flagged for the pack maintainers.'));
    }
    default:
      return undefined;
  }
}
