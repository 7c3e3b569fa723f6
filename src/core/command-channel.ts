/**
 * Admin commands that change a channel's settings, plus `status`, `admins` and `reload`.
 * Settings apply from the next drill; the open drill keeps the window and mode it was
 * posted with.
 */
import { updateChannel } from '../../db/queries/channels.ts';
import { closeUnrevealed, liveDrill } from '../../db/queries/drills.ts';
import { addAdmin, ensureWorkspace, removeAdmin } from '../../db/queries/members.ts';
import type { Channel, NewChannel } from '../../db/schema.ts';
import type { CommandCall } from './command-runner.ts';
import type { Command } from './commands/types.ts';
import type { EngineContext } from './context.ts';
import { formatDuration } from './duration.ts';
import { DrillError } from './errors.ts';
import { memberFromMention, platformOf, workspaceOfChannel } from './ids.ts';
import { heading, type Message, notice, paragraph, type Span, text } from './messages.ts';
import { nextSlot } from './schedule.ts';

function requireChannel(channel: Channel | undefined): Channel {
  if (!channel) {
    throw new DrillError(
      'NOT_ENROLLED',
      'This channel has no drills yet. An admin can start with /drill now or /drill schedule weekdays 09:00.',
    );
  }
  return channel;
}

/** The next slot for a schedule, or null while the channel is not active. */
function nextRunFor(
  context: EngineContext,
  cron: string,
  zone: string,
  status: Channel['status'],
): Date | null {
  return status === 'active' ? nextSlot(cron, zone, context.clock.now()) : null;
}

async function change(
  context: EngineContext,
  channel: Channel,
  changes: Partial<NewChannel>,
): Promise<Channel> {
  const updated = await updateChannel(context.db, channel.id, changes);
  if (!updated) throw new DrillError('NOT_ENROLLED', 'This channel is no longer enrolled.');
  context.logger.info(
    { channel: channel.id, changes: Object.keys(changes) },
    'channel settings changed',
  );
  return updated;
}

function nextLine(channel: Channel): Span[] {
  return channel.nextRunAt
    ? [text('Next drill: '), { time: channel.nextRunAt, zone: channel.zone }]
    : [text(`No drill scheduled (${channel.status}).`)];
}

async function statusMessage(
  context: EngineContext,
  channel: Channel | undefined,
): Promise<Message> {
  if (!channel) {
    return notice(
      'status',
      text(
        'This channel has no drills. An admin can start with /drill now or /drill schedule weekdays 09:00.',
      ),
    );
  }
  const live = await liveDrill(context.db, channel.id);
  const settings = [
    `schedule ${channel.scheduleText} (${channel.zone})`,
    `window ${formatDuration(channel.windowSeconds * 1000)}`,
    `mode ${channel.mode}`,
    `packs ${channel.allPacks ? 'all' : channel.packs.join(',')}`,
    `remind ${channel.remindBeforeSeconds ? formatDuration(channel.remindBeforeSeconds * 1000) : 'off'}`,
    `ping ${channel.pingTarget ?? 'off'}`,
    `weekly board ${channel.weeklyBoard ? 'on' : 'off'}`,
    `status ${channel.status}${channel.pausedReason ? ` (${channel.pausedReason})` : ''}`,
  ];
  const blocks = [
    heading('Drill settings'),
    paragraph(text(settings.join(' · '))),
    paragraph(...nextLine(channel)),
  ];
  if (live?.status === 'open' && live.revealAt) {
    blocks.push(paragraph(text('Open drill closes '), { time: live.revealAt, zone: channel.zone }));
  }
  return { kind: 'status', blocks };
}

function confirm(channel: Channel, what: string): Message {
  return { kind: 'notice', blocks: [paragraph(text(what)), paragraph(...nextLine(channel))] };
}

export async function runChannelCommand(
  context: EngineContext,
  command: Command,
  call: CommandCall,
): Promise<Message> {
  switch (command.name) {
    case 'status':
      return statusMessage(context, call.channel);
    case 'schedule': {
      const channel = requireChannel(call.channel);
      const zone = command.zone ?? channel.zone;
      const status = channel.status === 'stopped' ? 'active' : channel.status;
      const updated = await change(context, channel, {
        cron: command.when.cron,
        scheduleText: command.when.label,
        zone,
        status,
        nextRunAt: nextRunFor(context, command.when.cron, zone, status),
      });
      return confirm(updated, `Schedule set: ${command.when.label} (${zone}).`);
    }
    case 'zone': {
      const channel = requireChannel(call.channel);
      const updated = await change(context, channel, {
        zone: command.zone,
        nextRunAt: nextRunFor(context, channel.cron, command.zone, channel.status),
      });
      return confirm(updated, `Time zone set: ${command.zone}.`);
    }
    case 'window': {
      const updated = await change(context, requireChannel(call.channel), {
        windowSeconds: Math.round(command.ms / 1000),
      });
      return confirm(
        updated,
        `Answer window set: ${formatDuration(command.ms)} (from the next drill).`,
      );
    }
    case 'packs': {
      const known = context.catalog().packs.map((pack) => pack.id);
      if (command.packs !== 'all') {
        const unknown = command.packs.filter((id) => !known.includes(id));
        if (unknown.length > 0) {
          throw new DrillError(
            'UNKNOWN_PACK',
            `Unknown pack ${unknown.map((id) => `"${id}"`).join(', ')}: available packs are ${known.join(', ')}.`,
          );
        }
      }
      const updated = await change(context, requireChannel(call.channel), {
        allPacks: command.packs === 'all',
        packs: command.packs === 'all' ? [] : command.packs,
      });
      return confirm(
        updated,
        `Packs set: ${command.packs === 'all' ? 'all (including packs added later)' : command.packs.join(', ')}.`,
      );
    }
    case 'mode': {
      const updated = await change(context, requireChannel(call.channel), { mode: command.mode });
      return confirm(updated, `Mode set: ${command.mode} (from the next drill).`);
    }
    case 'remind': {
      const seconds = command.beforeMs === null ? null : Math.round(command.beforeMs / 1000);
      const updated = await change(context, requireChannel(call.channel), {
        remindBeforeSeconds: seconds,
      });
      return confirm(
        updated,
        seconds === null
          ? 'Reminders off.'
          : `Reminder ${formatDuration(seconds * 1000)} before the close.`,
      );
    }
    case 'ping': {
      const updated = await change(context, requireChannel(call.channel), {
        pingTarget: command.mention,
      });
      return confirm(
        updated,
        command.mention
          ? `Drills will mention ${command.mention} when they post.`
          : 'Drill ping off.',
      );
    }
    case 'weekly-board': {
      const updated = await change(context, requireChannel(call.channel), {
        weeklyBoard: command.enabled,
      });
      return confirm(updated, `Weekly leaderboard post ${command.enabled ? 'on' : 'off'}.`);
    }
    case 'pause': {
      const updated = await change(context, requireChannel(call.channel), {
        status: 'paused',
        pausedReason: null,
        nextRunAt: null,
      });
      return confirm(updated, 'Drills paused. /drill resume starts them again.');
    }
    case 'resume': {
      const channel = requireChannel(call.channel);
      const updated = await change(context, channel, {
        status: 'active',
        pausedReason: null,
        nextRunAt: nextSlot(channel.cron, channel.zone, context.clock.now()),
      });
      return confirm(updated, 'Drills resumed.');
    }
    case 'stop': {
      const channel = requireChannel(call.channel);
      const live = await liveDrill(context.db, channel.id);
      if (live) await closeUnrevealed(context.db, live.id, 'withdrawn');
      const updated = await change(context, channel, { status: 'stopped', nextRunAt: null });
      return confirm(
        updated,
        'Drills stopped in this channel. History and points are kept; /drill schedule or /drill now starts again.',
      );
    }
    case 'admins': {
      const member = memberFromMention(platformOf(call.event.channel), command.user);
      if (!member)
        throw new DrillError(
          'USAGE',
          `"${command.user}" is not a member mention: use /drill admins ${command.action} @someone.`,
        );
      const workspace = workspaceOfChannel(call.event.channel);
      if (command.action === 'add') {
        await ensureWorkspace(context.db, workspace, platformOf(call.event.channel));
        const added = await addAdmin(context.db, workspace, member, call.event.member);
        return notice(
          'notice',
          text(added ? 'Added as a drill admin for this workspace.' : 'Already a drill admin.'),
        );
      }
      const removed = await removeAdmin(context.db, workspace, member);
      return notice(
        'notice',
        text(
          removed
            ? 'Removed from the drill admins.'
            : 'Not a stored drill admin (platform admins and DRILLBOT_ADMINS stay admins).',
        ),
      );
    }
    case 'reload': {
      const catalog = await context.reloadCatalog();
      const questions = catalog.packs.reduce((sum, pack) => sum + pack.questions.length, 0);
      const problems =
        catalog.errors.length > 0
          ? ` ${catalog.errors.length} problems left packs out; run drillbot content lint.`
          : '';
      return notice(
        'notice',
        text(`Reloaded ${catalog.packs.length} packs, ${questions} questions.${problems}`),
      );
    }
    default:
      throw new DrillError('USAGE', `/drill ${command.name} is not handled here.`);
  }
}
