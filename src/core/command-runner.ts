/**
 * Runs a `/drill` command: parse, check who may run it, enrol the channel where the command
 * does, execute, and answer the caller privately. A failure is answered with a clear
 * message and logged; a command never takes the engine down.
 */
import { enrolChannel, getChannel, updateChannel } from '../../db/queries/channels.ts';
import { claimEvent } from '../../db/queries/events.ts';
import { ensureWorkspace, isStoredAdmin, upsertMember } from '../../db/queries/members.ts';
import type { Channel } from '../../db/schema.ts';
import { runChannelCommand } from './command-channel.ts';
import { runDrillCommand } from './command-drill.ts';
import { parseCommand } from './commands/parse.ts';
import type { Command, UsageError } from './commands/types.ts';
import { enrolsChannel, isAdminCommand } from './commands/usage.ts';
import { type EngineContext, platformFor } from './context.ts';
import { DrillError, isDrillError } from './errors.ts';
import { platformOf, workspaceOfChannel } from './ids.ts';
import { type Message, notice, paragraph, context as small, text } from './messages.ts';
import type { CommandEvent } from './platform.ts';
import { nextSlot } from './schedule.ts';
import { seedFromText } from './seeded.ts';

export interface CommandCall {
  event: CommandEvent;
  /** The channel's enrolment, when it has one (or the command just created it). */
  channel: Channel | undefined;
  isAdmin: boolean;
}

/** Platform admins, DRILLBOT_ADMINS, and admins stored for the workspace. */
export async function isAdmin(
  context: EngineContext,
  channelId: string,
  member: string,
): Promise<boolean> {
  if (context.settings.bootstrapAdmins.includes(member)) return true;
  if (await isStoredAdmin(context.db, workspaceOfChannel(channelId), member)) return true;
  return platformFor(context, channelId).isPlatformAdmin(channelId, member);
}

/** Enrols the channel with the interface's defaults (weekdays 09:00 UTC, window 8h, thread). */
async function ensureEnrolled(context: EngineContext, event: CommandEvent): Promise<Channel> {
  const existing = await getChannel(context.db, event.channel);
  if (existing?.status === 'stopped') {
    // A stopped channel is enrolled again by the next command that enrols.
    const now = context.clock.now();
    const restarted = await updateChannel(context.db, existing.id, {
      status: 'active',
      pausedReason: null,
      nextRunAt: nextSlot(existing.cron, existing.zone, now),
    });
    return restarted ?? existing;
  }
  if (existing) return existing;
  const platform = platformOf(event.channel);
  await ensureWorkspace(context.db, workspaceOfChannel(event.channel), platform);
  const now = context.clock.now();
  const cron = '0 9 * * 1-5';
  const channel = await enrolChannel(context.db, {
    id: event.channel,
    workspaceId: workspaceOfChannel(event.channel),
    enrolledBy: event.member,
    scheduleText: 'weekdays 09:00',
    cron,
    zone: 'UTC',
    windowSeconds: Math.round(context.settings.defaultWindowMs(platform) / 1000),
    nextRunAt: nextSlot(cron, 'UTC', now),
    rotationSeed: seedFromText(event.channel),
  });
  context.logger.info({ channel: channel.id, by: event.member }, 'channel enrolled');
  return channel;
}

export function usageMessage(error: UsageError): Message {
  return {
    kind: 'error',
    blocks: [paragraph(text(error.message)), small(text('Usage: '), text(error.usage, 'code'))],
  };
}

async function execute(
  context: EngineContext,
  command: Command,
  call: CommandCall,
): Promise<Message> {
  return (
    (await runDrillCommand(context, command, call)) ?? runChannelCommand(context, command, call)
  );
}

export async function runCommand(context: EngineContext, event: CommandEvent): Promise<void> {
  const reply = async (message: Message): Promise<void> => {
    if (event.respond) await event.respond(message);
    else
      await platformFor(context, event.channel).postPrivate(event.channel, event.member, message);
  };
  try {
    if (!(await claimEvent(context.db, event.eventId, event.at))) return;
    const parsed = parseCommand(event.text);
    if (!parsed.ok) {
      await reply(usageMessage(parsed.error));
      return;
    }
    const { command } = parsed;
    // Before the admin check: a direct message has no workspace to be an admin of (a Discord
    // DM carries no permissions), so an admin there would otherwise be told to ask an admin.
    if (
      event.direct &&
      command.name !== 'help' &&
      command.name !== 'practice' &&
      command.name !== 'practice-answer'
    ) {
      throw new DrillError(
        'USAGE',
        `/drill ${command.name} works in a channel; this is a direct message. Run it in the channel the drills are for.`,
      );
    }
    const admin = await isAdmin(context, event.channel, event.member);
    if (isAdminCommand(command) && !admin) {
      throw new DrillError(
        'NOT_ADMIN',
        `Only drill admins can run /drill ${command.name}; nothing was changed. Ask a workspace admin, or someone already added with /drill admins add.`,
      );
    }
    await upsertMember(context.db, {
      id: event.member,
      platform: platformOf(event.member),
      displayName: event.memberName,
    });
    const channel = enrolsChannel(command)
      ? await ensureEnrolled(context, event)
      : await getChannel(context.db, event.channel);
    await reply(await execute(context, command, { event, channel, isAdmin: admin }));
  } catch (error) {
    const known = isDrillError(error);
    if (!known)
      context.logger.error(
        { channel: event.channel, member: event.member, err: error },
        'command failed',
      );
    const message = known
      ? error.message
      : 'Something went wrong running that command. It has been logged; please try again.';
    try {
      await reply(notice('error', text(message)));
    } catch (replyError) {
      context.logger.warn(
        { channel: event.channel, err: replyError },
        'could not answer the command',
      );
    }
  }
}
