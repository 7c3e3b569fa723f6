/**
 * The end of a chaos run: what the database and both fakes hold, checked against what must
 * be true however often processes died. Every slot up to the horizon posted once or recorded
 * as skipped; every posted drill on the platform exactly once and revealed exactly once;
 * every reply the bot acknowledged stored exactly once; no bot message twice.
 */
import type postgres from 'postgres';
import { markerNonce } from '../../adapters/discord/markers.ts';
import type { PostMarker } from '../../src/core/platform.ts';
import { FAKE_IDS as SLACK_IDS } from '../fakes/slack/options.ts';
import type { SessionWatch } from './discord-sessions.ts';
import type { ChaosPlatforms, SentReply } from './platforms.ts';
import { type ChaosChannel, SLOT_SECONDS } from './world.ts';

export interface AuditInput {
  sql: postgres.Sql;
  platforms: ChaosPlatforms;
  channels: readonly ChaosChannel[];
  /** Per core channel id: when its seconds schedule was in force. Earlier slots are not audited. */
  enrolledAt: ReadonlyMap<string, number>;
  /** Slots and reveals due after this are still in progress at the end: not audited. */
  horizon: number;
  replies: readonly SentReply[];
  sessions: SessionWatch;
}

export interface AuditCounts {
  slotsExpected: number;
  slotsPosted: number;
  slotsSkipped: number;
  slotsMissing: number;
  drillsRevealed: number;
  revealPosts: number;
  drillPosts: number;
  duplicatePosts: number;
  repliesSent: number;
  /** Slack deliveries the fake gave up on (no ack after Slack's retries). */
  slackRepliesUnacknowledged: number;
  /** Discord replies no live session received, or whose session died within 3 s. */
  discordRepliesUnreceived: number;
  repliesAcknowledged: number;
  repliesAcknowledgedStored: number;
  repliesUnacknowledgedStored: number;
  repliesStoredTwice: number;
}

export interface AuditResult {
  counts: AuditCounts;
  /** Each broken promise, in words; empty when the run proved what it should. */
  violations: string[];
}

interface DrillRow {
  id: string;
  channel_id: string;
  slot_at: Date;
  trigger: string;
  status: string;
  reveal_at: Date | null;
  attempts: number;
  lease_owner: string | null;
  lease_expires_at: Date | null;
}

function expectedSlots(channel: ChaosChannel, from: number, to: number): number[] {
  const step = SLOT_SECONDS * 1000;
  const offset = channel.offsetSeconds * 1000;
  const slots: number[] = [];
  let slot = Math.floor((from - offset) / step) * step + offset;
  while (slot <= from) slot += step;
  for (; slot <= to; slot += step) slots.push(slot);
  return slots;
}

/** How many times each marker was posted by the bot on each fake. */
async function postedMarkers(platforms: ChaosPlatforms, channels: readonly ChaosChannel[]) {
  const slack = new Map<string, number>();
  for (const channel of channels.filter((c) => c.platform === 'slack')) {
    for (const message of await platforms.slack.control.messages(channel.native)) {
      if (message.user !== SLACK_IDS.botUserId) continue;
      const marker = message.metadata?.event_payload.marker;
      if (typeof marker === 'string') slack.set(marker, (slack.get(marker) ?? 0) + 1);
    }
  }
  const discord = new Map<string, number>();
  const botUser = (await platforms.discord.control.info()).botUserId;
  for (const message of await platforms.discord.control.messages()) {
    if (message.author.id !== botUser || message.nonce === undefined) continue;
    const nonce = String(message.nonce);
    discord.set(nonce, (discord.get(nonce) ?? 0) + 1);
  }
  return {
    count(channel: ChaosChannel, marker: PostMarker): number {
      return channel.platform === 'slack'
        ? (slack.get(marker) ?? 0)
        : (discord.get(markerNonce(marker)) ?? 0);
    },
  };
}

export async function audit(input: AuditInput): Promise<AuditResult> {
  const { sql, channels, horizon } = input;
  const violations: string[] = [];
  const counts: AuditCounts = {
    slotsExpected: 0,
    slotsPosted: 0,
    slotsSkipped: 0,
    slotsMissing: 0,
    drillsRevealed: 0,
    revealPosts: 0,
    drillPosts: 0,
    duplicatePosts: 0,
    repliesSent: input.replies.length,
    slackRepliesUnacknowledged: 0,
    discordRepliesUnreceived: 0,
    repliesAcknowledged: 0,
    repliesAcknowledgedStored: 0,
    repliesUnacknowledgedStored: 0,
    repliesStoredTwice: 0,
  };
  const drills = await sql<DrillRow[]>`
    select id, channel_id, slot_at, trigger, status, reveal_at, attempts, lease_owner,
      lease_expires_at
    from drills order by slot_at`;
  const markers = await postedMarkers(input.platforms, channels);

  for (const channel of channels) {
    const enrolled = input.enrolledAt.get(channel.core);
    if (enrolled === undefined) {
      violations.push(`${channel.core}: never enrolled`);
      continue;
    }
    const ours = drills.filter((d) => d.channel_id === channel.core && d.trigger === 'schedule');
    const bySlot = new Map(ours.map((d) => [d.slot_at.getTime(), d]));
    for (const slot of expectedSlots(channel, enrolled, horizon)) {
      counts.slotsExpected += 1;
      const drill = bySlot.get(slot);
      if (!drill || drill.status === 'claimed') {
        counts.slotsMissing += 1;
        violations.push(
          `${channel.core}: slot ${new Date(slot).toISOString()} ${drill ? 'still claimed' : 'has no drill'}`,
        );
      } else if (drill.status === 'skipped') counts.slotsSkipped += 1;
      else counts.slotsPosted += 1;
    }
    for (const drill of ours) {
      const at = drill.slot_at.getTime();
      if (at > enrolled && (at - channel.offsetSeconds * 1000) % (SLOT_SECONDS * 1000) !== 0) {
        violations.push(
          `${channel.core}: drill ${drill.id} at ${drill.slot_at.toISOString()} is no slot`,
        );
      }
      const id = Number(drill.id);
      const posts = markers.count(channel, `drill:${id}`);
      const reveals = markers.count(channel, `reveal:${id}`);
      counts.drillPosts += posts;
      counts.revealPosts += reveals;
      if (posts > 1 || reveals > 1) {
        counts.duplicatePosts += Math.max(0, posts - 1) + Math.max(0, reveals - 1);
        violations.push(`${channel.core}: drill ${id} posted ${posts}×, revealed ${reveals}×`);
      }
      const posted = drill.status === 'open' || drill.status === 'revealed';
      if (posted && posts !== 1)
        violations.push(`${channel.core}: drill ${id} is ${drill.status} but posted ${posts}×`);
      if (!posted && posts > 0 && drill.status === 'skipped') {
        violations.push(`${channel.core}: drill ${id} recorded as skipped but was posted`);
      }
      if (drill.status === 'revealed') {
        counts.drillsRevealed += 1;
        if (reveals !== 1)
          violations.push(`${channel.core}: drill ${id} revealed ${reveals}× on the platform`);
      } else if (posted && drill.reveal_at && drill.reveal_at.getTime() <= horizon) {
        // What a stuck reveal needs explaining: how often it was tried, who holds it till
        // when, and whether the reveal reached the platform after all.
        const lease = drill.lease_owner
          ? `lease ${drill.lease_owner} until ${drill.lease_expires_at?.toISOString()}`
          : 'no lease';
        violations.push(
          `${channel.core}: drill ${id} due for reveal at ${drill.reveal_at.toISOString()} is still ${drill.status} (${drill.attempts} attempts, ${lease}, reveal posted ${reveals}×)`,
        );
      }
    }
  }

  const unscored = await sql<{ n: string }[]>`
    select count(*) as n from answers a join drills d on d.id = a.drill_id
    where d.status = 'revealed' and a.on_time and a.points is null`;
  if (Number(unscored[0]?.n) > 0)
    violations.push(`${unscored[0]?.n} on-time answers of revealed drills were never scored`);

  const stored = await sql<
    { platform_message_id: string }[]
  >`select platform_message_id from answer_messages`;
  const storedBySuffix = new Map<string, number>();
  for (const row of stored) {
    const suffix = row.platform_message_id.split(':').at(-1) as string;
    storedBySuffix.set(suffix, (storedBySuffix.get(suffix) ?? 0) + 1);
  }
  for (const reply of input.replies) {
    const times = storedBySuffix.get(reply.messageId) ?? 0;
    const acknowledged =
      reply.platform === 'slack'
        ? reply.acked
        : input.sessions.received(reply.sessions, reply.sentAt);
    if (times > 1) {
      counts.repliesStoredTwice += 1;
      violations.push(`${reply.platform} reply ${reply.messageId} stored ${times}×`);
    }
    if (acknowledged) {
      counts.repliesAcknowledged += 1;
      if (times === 1) counts.repliesAcknowledgedStored += 1;
      else if (times === 0)
        violations.push(
          `${reply.platform} reply ${reply.messageId} to drill ${reply.drillId} was acknowledged but not stored`,
        );
    } else {
      if (reply.platform === 'slack') counts.slackRepliesUnacknowledged += 1;
      else counts.discordRepliesUnreceived += 1;
      if (times === 1) counts.repliesUnacknowledgedStored += 1;
    }
  }
  return { counts, violations };
}

export function formatCounts(title: string, counts: AuditCounts): string {
  const rows = Object.entries(counts).map(([name, value]) => `  ${name.padEnd(30)} ${value}`);
  return [`${title}`, ...rows].join('\n');
}
